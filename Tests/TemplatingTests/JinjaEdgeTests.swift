import Testing
@testable import Templating

/// Jinja2 behaviours beyond the generated corpus, each checked against Jinja2 3.1.6 by hand.
@Test(arguments: [
    ("page.html", "[{{ '<b>'|safe|center(7) }}]", "[  <b>  ]"),
    ("page.html", "{{ '<b>x y</b>'|safe|truncate(5, leeway=0) }}", "<b..."),
    ("page.html", "{{ ('<'|safe)|first }} {{ ('<'|safe)[0] }}", "&lt; <"),
    ("page.md", "{{ ('<>'|safe)|list }}", "['<', '>']"),
    ("page.md", "{{ '%a'|format('é') }}", "'\\xe9'"),
    ("page.md", "{{ 'ǆa'|capitalize }}", "ǅa"),
    ("page.md", "{{ 'ΟΔΟΣ ΣΑΣ'|lower }} {{ 'Σ'|lower }}", "οδος σας σ"),
    ("page.md", "{% extends 'base.md' %}{% block body %}child{% endblock %}", "<child>"),
    ("page.md", "{% macro m() %}[{{ caller() }}]{% endmacro %}{% call m() %}inner{% endcall %}", "[inner]"),
])
func jinjaEdgeCase(_ name: String, _ source: String, _ expected: String) throws {
    let environment = Environment(loader: DictionaryLoader([name: source, "base.md": "<{% block body required %}{% endblock %}>"]))
    #expect(try environment.render(name: name, context: [:]) == expected)
}

@Test func sumRefusesStringStartAsPythonDoes() throws {
    let error = try #require(throws: TemplateError.self) { try Environment().render(string: "{{ ['a', 'b']|sum(start='') }}", context: [:]) }
    #expect(error.message.contains("can't sum strings"))
}

@Test func jsonIntegersBeyond64BitsAreAnErrorNotAFloat() throws {
    let failure = try #require(throws: JSONReader.Failure.self) { try JSONReader.parse(#"{"big": 1180591620717411303424}"#) }
    #expect(failure.message == "integer 1180591620717411303424 does not fit in 64 bits")
    #expect(failure.column == 9)
}

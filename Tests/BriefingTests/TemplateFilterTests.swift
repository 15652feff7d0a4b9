import Templating
import Testing
@testable import Briefing

/// The briefing's domain filters, with hand-written expectations (they are not in Jinja2).
@Test(arguments: [
    ("{{ 0.1234|percent }}", "12.3%"), ("{{ 0.1234|percent(2) }}", "12.34%"), ("{{ 1|percent(0) }}", "100%"),
    ("{{ -0.005|percent }}", "\u{2212}0.5%"), ("{{ 0.012|pp }}", "+1.2 pp"), ("{{ -0.004|pp }}", "\u{2212}0.4 pp"),
    ("{{ -0.004|pp(minus='-') }}", "-0.4 pp"), ("{{ 0.0004|pp }}", "0.0 pp"), ("{{ -0.0004|pp }}", "0.0 pp"),
    ("{{ 0.01234|pp(digits=2) }}", "+1.23 pp"), ("{{ 207|money }}", "$207.0B"), ("{{ 123.456|money(digits=2) }}", "$123.46B"),
    ("{{ 5.2|money(unit='M', currency='€') }}", "€5.2M"), ("{{ -3|money }}", "\u{2212}$3.0B"), ("{{ 12|money(unit='') }}", "$12.0"),
    ("{{ 3|signed }}", "+3"), ("{{ -2.5|signed }}", "\u{2212}2.5"), ("{{ 0|signed }}", "0"), ("{{ -2.5|signed(minus='-') }}", "-2.5"),
    ("{{ 0.123|signed(2) }}", "+0.12"), ("{{ -0.001|signed(1) }}", "0.0"), ("{{ 0.02|delta_arrow }}", "▲"),
    ("{{ -0.02|delta_arrow }}", "▼"), ("{{ 0|delta_arrow }}", "▬"), ("{{ 0.004|delta_arrow(0.005) }}", "▬"),
    ("{{ -0.006|delta_arrow(threshold=0.005) }}", "▼"), ("{{ 1234567|thousands }}", "1,234,567"), ("{{ 999|thousands }}", "999"),
    ("{{ -1234567|thousands }}", "\u{2212}1,234,567"), ("{{ 1234567.891|thousands }}", "1,234,568"),
    ("{{ 1234567.891|thousands(2) }}", "1,234,567.89"), ("{{ 1000|thousands }}", "1,000"),
    ("{{ '*Star* [x](y) `z` <b> a_b & !'|md }}", "\\*Star\\* \\[x\\](y) \\`z\\` \\<b\\> a\\_b \\& \\!"),
    ("{{ '# not a heading'|md }}", "\\# not a heading"), ("{{ '- item'|md }}", "\\- item"), ("{{ '1. first'|md }}", "1\\. first"),
    ("{{ 'Data-Center 2.0'|md }}", "Data-Center 2.0"), ("{{ 'a|b'|md }}", "a|b"), ("{{ 'a|b\nc'|cell }}", "a\\|b c"),
    ("{{ '80.0%'|md }}", "80.0%"), ("{{ '-5%'|md }}", "-5%"), ("{{ '#1 vendor'|md }}", "#1 vendor"), ("{{ '---'|md }}", "\\---"),
    ("{{ '2025) x'|md }}", "2025\\) x"), ("{{ '- x'|cell }}", "- x"), ("{{ '1. x'|cell }}", "1. x"),
    ("{{ '  x  \r\n- y'|cell }}", "x - y"),
])
func domainFilter(_ template: String, _ expected: String) throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    #expect(try environment.render(string: template, context: [:]) == expected)
}

@Test(arguments: ["{{ 'x'|percent }}", "{{ none|money }}", "{{ [1]|thousands }}", "{{ 1|percent(1, 2) }}", "{{ 1|md(1) }}"])
func domainFiltersRejectWrongInput(_ template: String) throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    let error = try #require(throws: TemplateError.self) { try environment.render(string: template, context: [:]) }
    #expect(error.location?.line == 1)
}

/// Digit counts past the format width limit (or negative) used to print `''`, `'1'` or `'$B'`.
@Test(arguments: [
    "{{ 0.5|percent(1000000) }}", "{{ 3|money(digits=1000000000) }}", "{{ 0.1|pp(digits=20000) }}", "{{ 2|signed(99999) }}",
    "{{ 5|thousands(10001) }}", "{{ 0.5|percent(-1) }}", "{{ 3|money(digits=-2) }}",
])
func domainFiltersRefuseDigitsOutOfRange(_ template: String) throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    let error = try #require(throws: TemplateError.self) { try environment.render(string: "\n" + template, context: [:]) }
    #expect(error.location?.line == 2)
    #expect(error.message.contains("digits"))
}

@Test func domainFiltersPrintManyDigitsInFull() throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    let text = try environment.render(string: "{{ 0.5|percent(10000) }}", context: [:])
    #expect(text == "50." + String(repeating: "0", count: 10_000) + "%")
}

@Test func escapedValuesRenderAsLiteralTextThroughCmark() throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    let markdown = try environment.render(
        string: "| Vendor | Note |\n|---|---|\n| {{ name|cell }} | {{ note|cell }} |\n",
        context: ["name": "*Star* | Co", "note": "see [x](javascript:alert(1))\n<script>"])
    let html = MarkdownHTMLProbe.render(markdown)
    #expect(html.contains("<td>*Star* | Co</td>"))
    #expect(!html.contains("<a "))
    #expect(!html.contains("<script"))
}

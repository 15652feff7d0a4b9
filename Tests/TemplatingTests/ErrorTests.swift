import Testing
@testable import Templating

/// Errors carry the template, line and column (1-based), the include/extends chain and, for
/// unknown names, a suggestion. These are the messages analysts read, so they are checked exactly.
struct ErrorCase: CustomTestStringConvertible, Sendable {
    let label: String
    let templates: [String: String]
    let expected: String
    var testDescription: String { label }
}

let errorCases: [ErrorCase] = [
    ErrorCase(label: "undefined variable with suggestion", templates: ["main.md": "line1\n  {{ vendr.name }}"],
              expected: "main.md:2:6: error: 'vendr' is undefined; did you mean 'vendor'?"),
    ErrorCase(label: "undefined attribute with suggestion", templates: ["main.md": "{{ vendor.naem }}"],
              expected: "main.md:1:11: error: 'vendor' has no attribute 'naem'; did you mean 'name'?"),
    ErrorCase(label: "undefined key", templates: ["main.md": "{{ vendor['ticker'] }}"],
              expected: "main.md:1:10: error: 'vendor' has no key 'ticker'"),
    ErrorCase(label: "undefined in if", templates: ["main.md": "{% if missing %}x{% endif %}"],
              expected: "main.md:1:7: error: 'missing' is undefined"),
    ErrorCase(label: "undefined loop attribute", templates: ["main.md": "{% for x in xs %}{{ loop.indx }}{% endfor %}"],
              expected: "main.md:1:26: error: 'loop' has no attribute 'indx'; did you mean 'index'?"),
    ErrorCase(label: "unknown filter at parse time, even in a dead branch",
              templates: ["main.md": "{% if false %}\n{{ x|uper }}\n{% endif %}"],
              expected: "main.md:2:6: error: no filter named 'uper'; did you mean 'upper'?"),
    ErrorCase(label: "unknown test", templates: ["main.md": "{{ 1 is evn }}"],
              expected: "main.md:1:9: error: no test named 'evn'; did you mean 'even'?"),
    ErrorCase(label: "type mismatch", templates: ["main.md": "{{ \"a\" - 1 }}"],
              expected: "main.md:1:8: error: unsupported operand type(s) for -: 'str' and 'int'"),
    ErrorCase(label: "concat binds tighter than plus", templates: ["main.md": "{{ \"n=\" ~ 1 + 2 }}"],
              expected: "main.md:1:13: error: can only concatenate str (not \"int\") to str"),
    ErrorCase(label: "division by zero", templates: ["main.md": "{{ 1 / 0 }}"],
              expected: "main.md:1:6: error: division by zero"),
    ErrorCase(label: "filter argument count", templates: ["main.md": "{{ xs|join(1, 2, 3) }}"],
              expected: "main.md:1:7: error: join: takes at most 2 argument(s), got 3"),
    ErrorCase(label: "macro argument count",
              templates: ["main.md": "{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}"],
              expected: "main.md:1:41: error: macro 'm' takes not more than 1 argument(s), got 2"),
    ErrorCase(label: "unclosed block names the opening tag", templates: ["main.md": "{% if x %}\nfoo"],
              expected: "main.md:1:4: error: unexpected end of template: 'if' is never closed (expected 'elif', 'else' or 'endif')"),
    ErrorCase(label: "unclosed for", templates: ["main.md": "a\n{% for x in xs %}\n{{ x }}"],
              expected: "main.md:2:4: error: unexpected end of template: 'for' is never closed (expected 'else' or 'endfor')"),
    ErrorCase(label: "stray end tag", templates: ["main.md": "{% endfor %}"],
              expected: "main.md:1:4: error: unexpected 'endfor': no open block to close"),
    ErrorCase(label: "mismatched end tag", templates: ["main.md": "{% if x %}\n{% endfor %}"],
              expected: "main.md:2:4: error: unexpected 'endfor' inside 'if' opened at line 1"),
    ErrorCase(label: "bad expression", templates: ["main.md": "{{ 1 + }}"],
              expected: "main.md:1:8: error: unexpected end of print statement"),
    ErrorCase(label: "unknown tag", templates: ["main.md": "\n\n   {% frobnicate %}"],
              expected: "main.md:3:7: error: unknown tag 'frobnicate'"),
    ErrorCase(label: "unsupported statement", templates: ["main.md": "{% import 'x.md' as x %}"],
              expected: "main.md:1:4: error: the 'import' statement is not supported by this template language"),
    ErrorCase(label: "unterminated string", templates: ["main.md": "{{ 'abc }}"],
              expected: "main.md:1:4: error: unterminated string"),
    ErrorCase(label: "unclosed comment", templates: ["main.md": "a {# note"],
              expected: "main.md:1:3: error: missing end of comment tag"),
    ErrorCase(label: "columns count code points", templates: ["main.md": "é→ {{ nope }}"],
              expected: "main.md:1:7: error: 'nope' is undefined"),
    ErrorCase(label: "missing include", templates: ["main.md": "x\n{% include 'nope.md' %}"],
              expected: "main.md:2:4: error: template 'nope.md' not found"),
    ErrorCase(label: "error inside an include carries the chain",
              templates: ["main.md": "{% include 'part.md' %}", "part.md": "a\n{{ y }}"],
              expected: "part.md:2:4: error: 'y' is undefined\nmain.md:1:4: note: in template included or extended from here"),
    ErrorCase(label: "error two includes deep",
              templates: ["main.md": "\n{% include 'a.md' %}", "a.md": "{% include 'b.md' %}", "b.md": "{{ 1 + 'x' }}"],
              expected: """
                b.md:1:6: error: unsupported operand type(s) for +: 'int' and 'str'
                a.md:1:4: note: in template included or extended from here
                main.md:2:4: note: in template included or extended from here
                """),
    ErrorCase(label: "syntax error in an extended parent",
              templates: ["main.md": "{% extends 'base.md' %}", "base.md": "{% if %}"],
              expected: "base.md:1:7: error: expected an expression, got end of statement block\nmain.md:1:4: note: in template included or extended from here"),
    ErrorCase(label: "runtime error in a grandparent notes both extends tags",
              templates: ["main.md": "{% extends 'mid.md' %}", "mid.md": "{% extends 'base.md' %}", "base.md": "\n{{ nope }}"],
              expected: """
                base.md:2:4: error: 'nope' is undefined
                mid.md:1:4: note: in template included or extended from here
                main.md:1:4: note: in template included or extended from here
                """),
    ErrorCase(label: "missing list element", templates: ["main.md": "{{ xs[5] }}"],
              expected: "main.md:1:6: error: 'xs' (a list) has no element 5 (it has 3)"),
    ErrorCase(label: "attribute of None", templates: ["main.md": "{% set n = none %}{{ n.total }}"],
              expected: "main.md:1:24: error: 'n' (None) has no attribute 'total'"),
    ErrorCase(label: "required block not overridden",
              templates: ["main.md": "{% extends 'base.md' %}", "base.md": "{% block body required %}{% endblock %}"],
              expected: "base.md:1:4: error: required block 'body' is not overridden by a template that extends 'base.md'\n"
                  + "main.md:1:4: note: in template included or extended from here"),
    ErrorCase(label: "required block with content", templates: ["main.md": "{% block b required %}x{% endblock %}"],
              expected: "main.md:1:4: error: required blocks can only contain comments or whitespace"),
    ErrorCase(label: "caller passed to a macro that does not use it",
              templates: ["main.md": "{% macro m() %}x{% endmacro %}{% call m() %}y{% endcall %}"],
              expected: "main.md:1:39: error: macro 'm' takes no keyword argument 'caller'"),
    ErrorCase(label: "recursion stops with an error",
              templates: ["main.md": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"],
              expected: "main.md:1:19: error: macro 'm' called more than 100 deep (the call depth limit)"),
    ErrorCase(label: "self include is a cycle, found when the template loads", templates: ["main.md": "{% include 'main.md' %}"],
              expected: "main.md:1:4: error: template cycle: main.md → main.md"),
    ErrorCase(label: "runaway conditional include shows the first and last templates",
              templates: ["main.md": "{% include 'a.md' %}", "a.md": "{% if x %}{% include 'b.md' %}{% endif %}", "b.md": "{% include 'a.md' %}"],
              expected: """
                b.md:1:4: error: include, extends and macro calls nested more than 100 deep (the call depth limit): main.md → a.md → b.md → a.md → b.md → a.md → … → b.md → a.md → b.md → a.md → b.md → a.md
                b.md:1:4: note: in template included or extended from here
                a.md:1:14: note: in template included or extended from here
                b.md:1:4: note: in template included or extended from here
                a.md:1:14: note: in template included or extended from here
                b.md:1:4: note: in template included or extended from here
                note: … 91 more include steps …
                b.md:1:4: note: in template included or extended from here
                a.md:1:14: note: in template included or extended from here
                b.md:1:4: note: in template included or extended from here
                a.md:1:14: note: in template included or extended from here
                main.md:1:4: note: in template included or extended from here
                """),
]

@Test("located error messages", arguments: errorCases)
func locatedError(_ testCase: ErrorCase) throws {
    let environment = Environment(loader: DictionaryLoader(testCase.templates))
    let context: [String: Value] = ["vendor": .dictionary([("name", "Nvidia"), ("share", 0.8)]), "xs": [1, 2, 3], "x": 1]
    let error = try #require(throws: TemplateError.self) { try environment.render(name: "main.md", context: context) }
    #expect(error.description == testCase.expected)
}

@Test func undefinedValuesAreFineUntilUsed() throws {
    let environment = Environment()
    let output = try environment.render(
        string: "{{ x is defined }} {{ x|default('d') }} {{ 'y' if x is defined }}|{% if x is defined and x %}no{% endif %}",
        context: [:])
    #expect(output == "False d |")
}

@Test func errorKindsSayWhatWentWrong() throws {
    let environment = Environment()
    func kind(_ source: String) -> TemplateError.Kind? {
        do {
            _ = try environment.render(string: source, context: ["s": "text"])
            return nil
        } catch let error as TemplateError {
            return error.kind
        } catch {
            return nil
        }
    }
    #expect(kind("{{ nope }}") == .undefined)
    #expect(kind("{{ s - 1 }}") == .type)
    #expect(kind("{{ s|nope }}") == .unknownName)
    #expect(kind("{% if %}") == .syntax)
    #expect(kind("{{ s|truncate(1, 2, 3, 4, 5) }}") == .arguments)
    #expect(kind("{{ 1 // 0 }}") == .runtime)
}

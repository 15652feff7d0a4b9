import Foundation
import Testing
@testable import Templating

/// Templates written to crash, hang or exhaust the engine. Each one must stop with a located
/// error that names the limit it hit; a crash here takes the whole test process down, so a
/// passing run is itself the proof that none of them signals.
struct HostileCase: CustomTestStringConvertible, Sendable {
    let label: String
    let templates: [String: String]
    /// The error's location, `path:line:col`.
    let location: String
    /// Words the message must contain (the limit's name, the cycle).
    let message: String
    let kind: TemplateError.Kind
    var limits = TemplateLimits()
    var entry = "main.md"
    var testDescription: String { label }
}

/// `1 + 1 + … + 1` with `count` operators, and the like for other operators.
private func chain(_ count: Int, first: String = "1", step: String) -> String {
    first + String(repeating: step, count: count)
}

let hostileCases: [HostileCase] = [
    // Template cycles, found when the template loads.
    HostileCase(
        label: "extends cycle", templates: ["a.html": "{% extends 'b.html' %}", "b.html": "x{% extends 'a.html' %}"],
        location: "a.html:1:4", message: "template cycle: a.html → b.html → a.html", kind: .cycle, entry: "a.html"),
    HostileCase(
        label: "extends cycle through a block's include",
        templates: ["main.md": "{% extends 'base.md' %}", "base.md": "{% block b %}{% include 'main.md' %}{% endblock %}"],
        location: "main.md:1:4", message: "template cycle: main.md → base.md → main.md", kind: .cycle),
    HostileCase(
        label: "include of itself", templates: ["main.md": "a\n{% include 'main.md' %}"],
        location: "main.md:2:4", message: "template cycle: main.md → main.md", kind: .cycle),
    HostileCase(
        label: "conditional extends cycle stops while rendering",
        templates: ["main.md": "{% if true %}{% extends 'b.md' %}{% endif %}", "b.md": "{% if true %}{% extends 'main.md' %}{% endif %}"],
        location: "b.md:1:17", message: "template cycle: main.md → b.md → main.md", kind: .cycle),
    HostileCase(
        label: "computed extends cycle stops while rendering",
        templates: ["main.md": "{% extends 'b' ~ '.md' %}", "b.md": "{% extends 'main' ~ '.md' %}"],
        location: "b.md:1:4", message: "template cycle: main.md → b.md → main.md", kind: .cycle),
    HostileCase(
        label: "conditional include recursion", templates: ["main.md": "{% if true %}{% include 'main.md' %}{% endif %}"],
        location: "main.md:1:17", message: "nested more than 100 deep (the call depth limit)", kind: .limit),
    HostileCase(
        label: "macro recursion", templates: ["main.md": "{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}"],
        location: "main.md:1:19", message: "macro 'm' called more than 100 deep (the call depth limit)", kind: .limit),

    // Source nested past the parser's limit (each used to overflow the stack).
    HostileCase(
        label: "15,000 additions", templates: ["main.md": "{{ " + chain(15_000, step: " + 1") + " }}"],
        location: "main.md:1:802", message: "more than 200 levels (the nesting depth limit)", kind: .syntax),
    HostileCase(
        label: "power chain", templates: ["main.md": "{{ " + chain(15_000, step: "**1") + " }}"],
        location: "main.md:1:602", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "and chain", templates: ["main.md": "{{ " + chain(15_000, first: "x", step: " and x") + " }}"],
        location: "main.md:1:1200", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "or chain", templates: ["main.md": "{{ " + chain(15_000, first: "x", step: " or x") + " }}"],
        location: "main.md:1:1001", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "filter chain", templates: ["main.md": "{{ " + chain(15_000, first: "x", step: "|abs") + " }}"],
        location: "main.md:1:802", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "subscript chain", templates: ["main.md": "{{ " + chain(15_000, first: "x", step: "[0]") + " }}"],
        location: "main.md:1:602", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "10,000-step attribute chain", templates: ["main.md": "{{ " + chain(10_000, first: "d", step: ".a") + " }}"],
        location: "main.md:1:404", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "conditional chain", templates: ["main.md": "{{ " + chain(15_000, first: "1", step: " if x else 1") + " }}"],
        location: "main.md:1:2404", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "parentheses", templates: ["main.md": "{{ " + String(repeating: "(", count: 15_000) + "1" + String(repeating: ")", count: 15_000) + " }}"],
        location: "main.md:1:204", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "list literal", templates: ["main.md": "{{ " + String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000) + " }}"],
        location: "main.md:1:204", message: "the nesting depth limit", kind: .syntax),
    HostileCase(
        label: "nested if blocks", templates: ["main.md": String(repeating: "{% if x %}", count: 5_000) + String(repeating: "{% endif %}", count: 5_000)],
        location: "main.md:1:2004", message: "more than 200 levels (the nesting depth limit)", kind: .syntax),

    // Values nested or tied in a knot.
    HostileCase(
        label: "self-referential namespace", templates: ["main.md": "{% set ns = namespace() %}\n{% set ns.self = ns %}{{ ns }}"],
        location: "main.md:2:8", message: "a namespace cannot hold a namespace", kind: .type),
    HostileCase(
        label: "namespace knot through a list", templates: ["main.md": "{% set ns = namespace() %}{% set ns.l = [ns] %}{{ ns|pprint }}"],
        location: "main.md:1:34", message: "a namespace cannot hold a namespace", kind: .type),
    HostileCase(
        label: "namespace in a new namespace", templates: ["main.md": "{% set a = namespace() %}{{ namespace(b=a) }}"],
        location: "main.md:1:29", message: "a namespace cannot hold a namespace", kind: .type),
    HostileCase(
        label: "lists nested 50,000 deep in a loop (never printed)",
        templates: ["main.md": "{% set ns = namespace(x=[]) %}{% for i in range(50000) %}{% set ns.x = [ns.x] %}{% endfor %}"],
        location: "main.md:1:65", message: "more than 500 levels deep (the value nesting depth limit)", kind: .limit),
    HostileCase(
        label: "lists nested by 50,000 top-level sets",
        templates: ["main.md": "{% set a = [] %}" + String(repeating: "{% set a = [a] %}", count: 50_000)],
        location: "main.md:1:8511", message: "the value nesting depth limit", kind: .limit),
    HostileCase(
        label: "lists nested by recursive macro arguments",
        templates: ["main.md": "{% macro m(x, n) %}{% if n %}{{ m([x], n - 1) }}{% endif %}{% endmacro %}{{ m([], 90) }}"],
        location: "main.md:1:35", message: "more than 50 levels deep (the value nesting depth limit)", kind: .limit,
        limits: TemplateLimits(valueDepth: 50)),
    HostileCase(
        label: "dicts nested in a loop",
        templates: ["main.md": "{% set ns = namespace(x={}) %}{% for i in range(50000) %}{% set ns.x = {'a': ns.x} %}{% endfor %}"],
        location: "main.md:1:65", message: "the value nesting depth limit", kind: .limit),

    // Numbers that do not fit, and formats that would print wrong.
    HostileCase(
        label: "round of the largest int", templates: ["main.md": "{{ 9223372036854775807|round(-1) }}"],
        location: "main.md:1:24", message: "integer overflow", kind: .limit),
    HostileCase(
        label: "star precision of -2**63", templates: ["main.md": "{{ '%.*f'|format(-2**63, 1.0) }}"],
        location: "main.md:1:11", message: "integer overflow", kind: .limit),
    HostileCase(
        label: "huge precision", templates: ["main.md": "{{ '%.1000000000f'|format(1.5) }}"],
        location: "main.md:1:20", message: "format precision 1000000000 is larger than 10000 (the format width limit)", kind: .limit),
    HostileCase(
        label: "huge width", templates: ["main.md": "{{ '%1000000000d'|format(1) }}"],
        location: "main.md:1:19", message: "format width 1000000000 is larger than 10000", kind: .limit),
    HostileCase(
        label: "width past 64 bits", templates: ["main.md": "{{ '%99999999999999999999999d' % 1 }}"],
        location: "main.md:1:32", message: "the format width limit", kind: .limit),
    HostileCase(
        label: "range of 10^8 items", templates: ["main.md": "{% for i in range(100000000) %}x{% endfor %}"],
        location: "main.md:1:13", message: "range too big: more than 1,000,000 items", kind: .runtime),
    HostileCase(
        label: "range across all 64-bit integers", templates: ["main.md": "{{ range(-9223372036854775807, 9223372036854775807)|length }}"],
        location: "main.md:1:4", message: "range too big: more than 1,000,000 items", kind: .runtime),
    HostileCase(
        label: "%c of -1", templates: ["main.md": "{{ '%c'|format(-1) }}"],
        location: "main.md:1:9", message: "%c arg not in range(0x110000)", kind: .runtime),
    HostileCase(
        label: "%d of 1e300", templates: ["main.md": "{{ '%d' % 1e300 }}"],
        location: "main.md:1:9", message: "integer overflow", kind: .limit),

    // Output and work without end.
    HostileCase(
        label: "output grown in loops",
        templates: ["main.md": "{% for i in range(1000000) %}{% for j in range(1000) %}0123456789abcdef{% endfor %}{% endfor %}"],
        location: "main.md:1:56", message: "larger than 1 MiB (the output size limit)", kind: .limit,
        limits: TemplateLimits(outputBytes: 1 << 20)),
    HostileCase(
        label: "string doubled in a loop",
        templates: ["main.md": "{% set ns = namespace(s='ab') %}{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}"],
        location: "main.md:1:76", message: "(the output size limit)", kind: .limit),
    HostileCase(
        label: "output captured by a set block",
        templates: ["main.md": "{% set x %}{% for i in range(1000000) %}0123456789abcdef{% endfor %}{% endset %}"],
        location: "main.md:1:41", message: "larger than 64 KiB (the output size limit)", kind: .limit,
        limits: TemplateLimits(outputBytes: 64 << 10)),
    HostileCase(
        label: "loops without end",
        templates: ["main.md": "{% for i in range(1000000) %}{% for j in range(1000000) %}{% endfor %}{% endfor %}"],
        location: "main.md:1:33", message: "more than 100000 loop iterations in one render (the loop iteration limit)", kind: .limit,
        limits: TemplateLimits(loopIterations: 100_000)),
]

@Test("hostile templates stop with a located error naming the limit", arguments: hostileCases)
func hostileTemplate(_ testCase: HostileCase) throws {
    let environment = Environment(loader: DictionaryLoader(testCase.templates), limits: testCase.limits)
    let context: [String: Value] = ["x": 1, "d": .dictionary([("a", 1)])]
    let error = try #require(throws: TemplateError.self) { try environment.render(name: testCase.entry, context: context) }
    #expect(error.location?.description == testCase.location, "\(error)")
    #expect(error.message.contains(testCase.message), "\(error)")
    #expect(error.kind == testCase.kind, "\(error)")
}

@Test func checkReportsTemplateCyclesWithoutRendering() throws {
    let environment = Environment(loader: DictionaryLoader([
        "weekly.md": "{% extends 'layout.md' %}", "layout.md": "{% include 'header.md' %}", "header.md": "{% extends 'weekly.md' %}",
    ]))
    let error = try #require(throws: TemplateError.self) { try environment.check(name: "layout.md") }
    #expect(error.description == "layout.md:1:4: error: template cycle: layout.md → header.md → weekly.md → layout.md")
}

@Test func recursionThatEndsIsNotACycle() throws {
    // A tree rendered by an include that recurses under a condition, as Jinja templates do.
    let environment = Environment(loader: DictionaryLoader([
        "tree.md": "{{ node.name }}({% for node in node.children %}{% include 'tree.md' %}{% endfor %})",
    ]))
    let leaf: Value = .dictionary([("name", "leaf"), ("children", [])])
    let root: Value = .dictionary([("name", "root"), ("children", [leaf, .dictionary([("name", "mid"), ("children", [leaf])])])])
    #expect(try environment.render(name: "tree.md", context: ["node": root]) == "root(leaf()mid(leaf()))")
}

@Test func limitsBelowTheDefaultsStillAllowOrdinaryTemplates() throws {
    let environment = Environment(limits: TemplateLimits(nestingDepth: 20, valueDepth: 10, outputBytes: 4096, callDepth: 5, loopIterations: 100))
    let output = try environment.render(
        string: "{% set ns = namespace(total=0) %}{% for i in range(10) %}{% set ns.total = ns.total + i %}{% endfor %}"
            + "{{ ns.total }} {{ [[1, 2], {'a': [3]}]|tojson }} {{ (1 + 2) * 3 }}",
        context: [:])
    #expect(output == "45 [[1, 2], {\"a\": [3]}] 9")
}

@Test func theDefaultLimits() {
    let limits = TemplateLimits.defaults
    #expect(limits.nestingDepth == 200)
    #expect(limits.valueDepth == 500)
    #expect(limits.outputBytes == 64 << 20)
    #expect(limits.callDepth == 100)
    #expect(limits.loopIterations == 10_000_000)
    #expect(Environment().limits == limits)
}

@Test func theLimitsAreExactBounds() throws {
    let limits = TemplateLimits(nestingDepth: 30, valueDepth: 20, outputBytes: 100, callDepth: 3, loopIterations: 10)
    let environment = Environment(limits: limits)
    func render(_ source: String) throws -> String { try environment.render(string: source, context: [:]) }
    // Exactly at each limit renders; one past it fails.
    #expect(try render("{% for i in range(10) %}{% endfor %}ok") == "ok")
    #expect(throws: TemplateError.self) { try render("{% for i in range(11) %}{% endfor %}") }
    #expect(try render(String(repeating: "x", count: 100)).utf8.count == 100)
    #expect(throws: TemplateError.self) { try render(String(repeating: "x", count: 101)) }
    #expect(try render("{{ " + String(repeating: "[", count: 20) + String(repeating: "]", count: 20) + "|length }}") == "1")
    #expect(throws: TemplateError.self) { try render("{{ " + String(repeating: "[", count: 21) + String(repeating: "]", count: 21) + "|length }}") }
    #expect(try render("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(2) }}ok") == "ok")
    #expect(throws: TemplateError.self) { try render("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(3) }}") }
}

@Test func longAttributeChainsCompile() throws {
    // Each step of a chain used to spell out the whole chain for messages (10,000 steps took
    // 27 s); now a step looks at most eight steps down. The longest chain the default limit
    // allows compiles (how fast is for scripts/bench-templates, never asserted here).
    let source = "{{ " + chain(198, first: "d", step: ".a") + " is defined }}"
    try Environment(loader: DictionaryLoader(["main.md": source])).check(name: "main.md")
}

@Test func largeFormatsWithinTheLimitPrintInFull() throws {
    let environment = Environment()
    #expect(try environment.render(string: "{{ '%.2000f'|format(0.5) }}", context: [:]).utf8.count == 2002)
    #expect(try environment.render(string: "{{ '%5000d'|format(7) }}", context: [:]) == String(repeating: " ", count: 4999) + "7")
    #expect(try environment.render(string: "{{ '%-*d|'|format(-4, 7) }}", context: [:]) == "7   |")
    #expect(try environment.render(string: "{{ '%c'|format(233) }}", context: [:]) == "é")
    #expect(try environment.render(string: "{{ 9223372036854775807|round(0) }} {{ -15|round(-1) }} {{ 25|round(-1) }}", context: [:])
        == "9223372036854775807 -20 20")
}

@Test func hostDataNestedTooDeeplyStopsWithAnError() throws {
    // JSON input is refused past the value depth; a deep host value still prints as an error.
    let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
    #expect(throws: JSONReader.Failure.self) { try JSONReader.parse(deep) }
    var value: Value = []
    for _ in 0..<1_200 { value = .list([value]) }
    let environment = Environment()
    let error = try #require(throws: TemplateError.self) { try environment.render(string: "\n {{ v }}", context: ["v": value]) }
    #expect(error.location?.description == "<string>:2:5")
    #expect(error.message.contains("the value nesting depth limit"))
}

@Test func sharedListsDoNotUnfold() throws {
    // `[a, a]` forty times over is a small value that prints as a terabyte.
    let source = "{% set a = [1] %}" + String(repeating: "{% set a = [a, a] %}", count: 40) + "{{ a == a }} {{ a|length }}{{ a }}"
    let error = try #require(throws: TemplateError.self) { try Environment().render(string: source, context: [:]) }
    #expect(error.message.contains("the output size limit"))
}

@Test func theDeepestNestingAtEveryCallLevelFitsOnTheStack() throws {
    // The worst case the default limits allow together: a macro calling itself, each call
    // under 196 nested statements and 198 levels of expression. The calls are bounded by the
    // nesting they hold in all (ten times the nesting limit), not only by their count.
    let open = String(repeating: "{% if true %}", count: 195)
    let close = String(repeating: "{% endif %}", count: 195)
    let call = "m(n - 1)" + String(repeating: "|string", count: 195)
    let source = "{% macro m(n) %}" + open + "{% if n > 0 %}{{ " + call + " }}{% endif %}{{ n }}" + close + "{% endmacro %}{{ m(N) }}"
    #expect(try Environment().render(string: source.replacingOccurrences(of: "N", with: "4"), context: [:]) == "01234")
    let error = try #require(throws: TemplateError.self) {
        try Environment().render(string: source.replacingOccurrences(of: "N", with: "5"), context: [:])
    }
    #expect(error.message.contains("more than 2000 levels of statements and expressions"))
    #expect(error.kind == .limit)
    // Shallow recursion still reaches the call depth limit of 100.
    let shallow = "{% macro m(n) %}{% if n > 0 %}{{ m(n - 1) }}{% endif %}.{% endmacro %}{{ m(N) }}"
    #expect(try Environment().render(string: shallow.replacingOccurrences(of: "N", with: "99"), context: [:]).count == 100)
}

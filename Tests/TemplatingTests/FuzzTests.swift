import Foundation
import TestSupport
import Testing
@testable import Templating

/// Random and mutated templates never crash or hang the engine: each one renders or fails with a
/// located `TemplateError`. Seeded, and bounded by a fixed case count (not a time budget), so
/// every run, on a busy machine or not, checks the same templates; `FUZZ_ITERATIONS` runs more.
@Test func fuzzedTemplatesRenderOrFailWithALocatedError() throws {
    // FUZZ_SEED explores other seeds by hand; the default keeps CI deterministic.
    let seed = ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 48
    var random = SeededRandom(seed: seed)
    let fragments = [
        "{{ ", " }}", "{% ", " %}", "{%- ", " -%}", "{# ", " #}", "{{- ", " -}}", "if ", "elif ", "else", "endif", "for ",
        " in ", "endfor", "set ", "endset", "macro ", "endmacro", "call ", "endcall", "filter ", "endfilter", "block ",
        "endblock", "extends ", "include ", "raw", "endraw", "with ", "endwith", "x", "xs", "d", "d.a", "d['b']", "loop.index",
        "loop", "caller()", "m(", ")", "(", "[", "]", "{", "}", ",", ":", "|", "upper", "round(1)", "join(', ')", "default(0)",
        "format(1)", "'%.1f'", "'a'", "\"b\"", "1", "2.5", "-3", "0", "10", "+", "-", "*", "/", "//", "%", "**", "~", "==",
        "<", "and", "or", "not", "is ", "defined", "none", "true", "is even", " if ", " else ", "range(3)", "'p.md'",
        "\n", " ", "  ", "text ", "é", "|safe", "|e", "|list", "|sort", "|length", "|tojson", "ns.v", "namespace(v=1)",
    ]
    let seeds = Corpus.cases.compactMap { $0.templates[$0.entry] }
    let partials = ["p.md": "[{{ x }}]", "base.md": "<{% block b %}B{% endblock %}>", "page.html": "{{ x }}"]
    let context: [String: Value] = [
        "x": 1, "xs": [1, 2, 3], "d": .dictionary([("a", "A"), ("b", 2)]), "s": "<b>", "ns": .object(Namespace([("v", 0)])),
    ]
    let iterations = ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 2_000
    var rendered = 0
    var failed = 0
    for iteration in 0..<iterations {
        var source: String
        if iteration % 2 == 0 {
            source = (0..<Int(random.next() % 24)).map { _ in fragments[Int(random.next() % UInt64(fragments.count))] }.joined()
        } else {
            var scalars = Array(seeds[Int(random.next() % UInt64(seeds.count))].unicodeScalars)
            for _ in 0...Int(random.next() % 4) where !scalars.isEmpty {
                let at = Int(random.next() % UInt64(scalars.count))
                switch random.next() % 4 {
                case 0: scalars.remove(at: at)
                case 1: scalars.insert(contentsOf: fragments[Int(random.next() % UInt64(fragments.count))].unicodeScalars, at: at)
                case 2: scalars.insert(Unicode.Scalar(UInt8(random.next() % 128)), at: at)
                default: scalars.insert(contentsOf: scalars[at..<min(scalars.count, at + 8)], at: at)
                }
            }
            source = String(String.UnicodeScalarView(scalars))
        }
        let environment = Environment(loader: DictionaryLoader(partials.merging(["main.md": source]) { $1 }))
        do {
            _ = try environment.render(name: "main.md", context: context)
            rendered += 1
        } catch let error as TemplateError {
            failed += 1
            #expect(error.location != nil, "unlocated error for \(source.debugDescription): \(error)")
        } catch {
            Issue.record("untyped error \(error) for \(source.debugDescription)")
        }
    }
    #expect(rendered > 100)
    #expect(failed > 100)
}

/// Randomly nested expressions and statements, from shallow to far past the nesting limit, and
/// long operator chains: each renders or fails with a located `TemplateError` (deep input used
/// to overflow the stack while parsing, compiling, evaluating or releasing it).
@Test func randomDeepNestingRendersOrFailsWithALocatedError() throws {
    let seed = ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 7
    var random = SeededRandom(seed: seed)
    // Each wrapper opens and closes one level of an expression.
    let expressionWrappers: [(String, String)] = [
        ("(", ")"), ("[", "]"), ("{'k': ", "}"), ("-", ""), ("not ", ""), ("(", "|abs)"), ("(", " + 1)"), ("(", " ** 1)"),
        ("(", " and x)"), ("(", " or x)"), ("(", " if x else 0)"), ("(", ")[0]"), ("(", ").a"), ("[", "]|first"), ("(", ")|string"),
        ("m(", ")"), ("(", " ~ 'a')"), ("(", " == 1)"),
    ]
    let statementWrappers: [(String, String)] = [
        ("{% if x %}", "{% endif %}"), ("{% for i in xs %}", "{% endfor %}"), ("{% with y = 1 %}", "{% endwith %}"),
        ("{% filter upper %}", "{% endfilter %}"), ("{% set s %}", "{% endset %}{{ s }}"), ("{% block b%d %}", "{% endblock %}"),
        ("{% call m() %}", "{% endcall %}"),
    ]
    let chainSteps = [" + 1", "**1", " and x", " or x", "|abs", "[0]", ".a", " if x else 1", " ~ 1", " < 2"]
    var rendered = 0
    var failed = 0
    for iteration in 0..<240 {
        var source = "{% macro m(a=0) %}[{{ caller() if caller is defined else a }}]{% endmacro %}"
        switch iteration % 3 {
        case 0:
            let depth = Int(random.next() % 700)
            var open = ""
            var close = ""
            for _ in 0..<depth {
                let (a, b) = expressionWrappers[Int(random.next() % UInt64(expressionWrappers.count))]
                open += a
                close = b + close
            }
            source += "{{ " + open + "x" + close + " }}"
        case 1:
            let depth = Int(random.next() % 400)
            var open = ""
            var close = ""
            for level in 0..<depth {
                let (a, b) = statementWrappers[Int(random.next() % UInt64(statementWrappers.count))]
                open += a.replacingOccurrences(of: "%d", with: String(level))
                close = b + close
            }
            source += open + "{{ x }}" + close
        default:
            let length = Int(random.next() % 2_000)
            let step = chainSteps[Int(random.next() % UInt64(chainSteps.count))]
            source += "{{ x" + String(repeating: step, count: length) + " }}"
        }
        let environment = Environment()
        do {
            _ = try environment.render(string: source, name: "main.md", context: ["x": 1, "xs": [1], "d": .dictionary([("a", 1)])])
            rendered += 1
        } catch let error as TemplateError {
            failed += 1
            #expect(error.location != nil, "unlocated error for a case of \(source.utf8.count) bytes: \(error)")
        } catch {
            Issue.record("untyped error \(error)")
        }
    }
    #expect(rendered > 20)
    #expect(failed > 20)
}

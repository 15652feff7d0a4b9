import Testing
import Yams

@testable import Workspace

/// The hand-written tag matchers agree with Yams' default resolver (its ICU regular expressions)
/// on every text here: each rule's forms, near misses on both sides, and the line terminator that
/// ICU's `$` lets end a match.
@Suite("YAML scalar tags")
struct YAMLScalarTagTests {
    static let texts: [String] = [
        // bool, null, merge, value
        "yes", "Yes", "YES", "yEs", "no", "NO", "true", "True", "TRUE", "tRUE", "false", "FALSE", "on", "ON", "oN", "off", "Off", "y", "n",
        "", "~", "null", "Null", "NULL", "nULL", "~~", "<<", "<", "<<<", "=", "==",
        // int
        "0", "-0", "+0", "1", "-1", "+12", "12_000", "1__", "_1", "00", "07", "08", "0o7", "0o8", "0o", "0_", "-0o17", "0b101", "0b", "0b2",
        "+0b1_0", "0x1F", "0xfg", "0x", "-0x_", "1:30", "1:60", "1:5", "190:20:30", "0:30", "1:", "1:3:", "1:123", "1_0:59", "12a",
        "9223372036854775808", "١٢",
        // float
        "1.5", "1.", "-1.5e3", "1e5", "1E+5", "1e", "1e+", "1.5.5", ".5", ".5e+3", ".5e3", "-.5", ".", "._", "._1", "1_0.0_1", "1:30.5",
        "1:30.", "190:20:30.15", "1:30.5.5", ".inf", "-.inf", "+.Inf", ".INF", ".iNf", "inf", ".nan", ".NaN", ".NAN", "-.nan", "nan",
        "0.1", "00.5", "1.2e-3",
        // timestamp
        "2001-12-14", "2001-12-1", "2001-1-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2001-12-14T21:59:43Z",
        "2001-12-14 21:59:43.10 Z", "2001-12-14\t21:59:43", "2001-12-14  1:59:43", "2001-12-14T21:59", "2001-12-14T21:59:43.",
        "2001-12-14T21:59:43+05:0", "2001-12-14T21:59:43+05:", "2001-12-14T21:59:43 ", "2001-1-1T1:00:00", "01-12-14", "2001-12-145",
        "2026-11-27",
        // line terminators at the end, and in the middle
        "1\n", "1\r\n", "1\r", "1\n\n", "true\n", "\n", "1\u{2028}", "1\u{85}", "1\n2", "null\r\n", "x\n",
        // text
        "accelerators", "AI chips", "Nvidia", "1 2", "- 1", "1-2", "v1.0", "é", "🙂",
    ]

    @Test("the matchers resolve as Yams' default resolver", arguments: texts)
    func agreesWithYams(_ text: String) {
        let expected = Resolver.default.resolveTag(of: Node(text))
        #expect(YAMLScalarTag.resolve(text) == expected, "\(text.debugDescription)")
    }

    @Test("explicit and quoted tags are kept; implicit ones are resolved by text")
    func tagsOfParsedNodes() throws {
        let yaml = "a: 12\nb: '12'\nc: !!str 12\nd: ! 12\ne: ~\nf: 1.5\ng: |\n  12\n"
        let root = try #require(try Parser(yaml: yaml, resolver: .basic, encoding: .utf8).singleRoot())
        let expected = try #require(try Parser(yaml: yaml).singleRoot())
        for key in ["a", "b", "c", "d", "e", "f", "g"] {
            let node = try #require(root[key])
            #expect(YAMLScalarTag.name(of: node) == expected[key]?.tag.description, "\(key)")
        }
    }

    /// Keys of the same text but different default tags are no duplicates (the document is parsed
    /// again with the default rules); the same key twice is still the default rules' error.
    @Test("duplicate keys are judged by Yams' default rules")
    func duplicateKeys() throws {
        let (_, distinct) = try YAMLDocument.parse("1: a\n'1': b\ntrue: c\n'true': d\n")
        guard case .mapping(let mapping) = try #require(distinct) else {
            Issue.record("not a mapping")
            return
        }
        #expect(mapping.count == 4)
        #expect(throws: YamlError.self) { try YAMLDocument.parse("a: 1\nb: 2\na: 3\n") }
        #expect(throws: YamlError.self) { try YAMLDocument.parse("x:\n  1: a\n  !!int 1: b\n") }
    }

    @Test(
        "line counting agrees with splitting on line feeds",
        arguments: ["", "a", "a\n", "a\nb", "\n\n", "a\r\nb", "a\r\n", "\r\n\n", "a\rb\n", "é\n🙂x", "\n\u{301}", "x\r\n\r\ny"])
    func lineCount(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let counted = YAMLDocument.lines(of: text)
        #expect(counted.count == lines.count)
        #expect(counted.lastLength == (lines.last.map { $0.unicodeScalars.count } ?? 0))
    }
}

import Foundation
import MarkdownHTML
import Testing

/// The constructs the linked cmark-gfm renders in quadratic time are found (at the line of their
/// paragraph or table), and ordinary prose of any length up to the body limit never is.
@Suite("Markdown screening")
struct MarkdownScreeningTests {
    struct Slow: CustomTestStringConvertible, Sendable {
        let name: String
        let markdown: String
        let line: Int
        /// A word of the message.
        let mentions: String
        var testDescription: String { name }
    }

    static let slow: [Slow] = [
        Slow(name: "image openers, then links", markdown: String(repeating: "![[]()", count: 20_000), line: 1, mentions: "image openers"),
        Slow(name: "emphasis, then links (one paragraph over lines)",
             markdown: "# Title\n\n" + String(repeating: "a *b* [l](u)\n", count: 4_000), line: 3, mentions: "emphasis"),
        Slow(name: "unclosed CDATA", markdown: "Intro.\n\n\n" + String(repeating: "a <![CDATA[", count: 20_000), line: 4, mentions: "CDATA"),
        Slow(name: "unclosed processing instructions", markdown: String(repeating: "a <?", count: 20_000), line: 1, mentions: "'<?'"),
        Slow(name: "unclosed declarations", markdown: String(repeating: "a <!A ", count: 20_000), line: 1, mentions: "'<!'"),
        Slow(name: "a table row of 5,000 cells",
             markdown: "Text.\n\n|a|b|\n|-|-|\n|" + String(repeating: "1|", count: 5_000) + "\n", line: 3, mentions: "table"),
    ]

    @Test(arguments: slow) func slowConstructsAreFound(_ pattern: Slow) throws {
        let findings = MarkdownScreening.slowConstructs(in: pattern.markdown)
        let finding = try #require(findings.first)
        #expect(findings.count == 1)
        #expect(finding.line == pattern.line)
        #expect(finding.column == 1)
        #expect(finding.message.contains(pattern.mentions), Comment(rawValue: finding.message))
    }

    /// A realistic narrative section: headings, emphasis, links, images, code, a list and a table.
    static let section = """
        ## Thesis for segment NUMBER

        The *merchant* share keeps falling as **custom silicon** ramps; see [the filing](https://example.com/10-K)
        and [the call](https://example.com/call), where management said _“demand exceeds supply”_. Our model
        (`cagr: 0.15`) assumes ![chart](https://example.com/c.png) a slower ramp than [consensus](https://example.com/c).

        - **Catalyst**: [a launch](https://example.com/l) in *Q3*; <https://example.com/auto>
        - _Risk_: export rules, see [note](https://example.com/n) & the <abbr>HBM</abbr> supply.

        | Vendor | 2025 | 2026 | Note |
        |--------|-----:|-----:|------|
        | Nvidia | 77 | 72 | *leader* |
        | AMD | 3.3 | 4 | [MI400](https://example.com/mi) |

        ```swift
        let x = a * b  // ![[]() inside code is counted, and still far below the limits
        ```


        """

    @Test(arguments: [1, 50, 400])
    func ordinaryProseUpToTheBodyLimitIsNeverFlagged(_ sections: Int) {
        let markdown = (1...sections).map { Self.section.replacingOccurrences(of: "NUMBER", with: "\($0)") }.joined()
        #expect(markdown.utf8.count < 256 * 1024 || sections == 400)
        #expect(MarkdownScreening.slowConstructs(in: markdown) == [])
    }

    /// One long paragraph of ordinary sentences (no blank line), 256 KiB of it.
    @Test func aQuarterMegabyteParagraphOfProseIsNotFlagged() {
        let sentence = "Revenue at *Nvidia* grew again, as [reported](https://example.com/r) in the `10-Q` filing. "
        let markdown = String(repeating: sentence, count: 256 * 1024 / sentence.utf8.count)
        #expect(MarkdownScreening.slowConstructs(in: markdown) == [])
    }

    /// Closed raw HTML and properly written images do not count towards the quadratic patterns.
    @Test func closedMarkersAndImagesAreFine() {
        #expect(MarkdownScreening.slowConstructs(in: String(repeating: "a <?x?> <![CDATA[y]]> <!DOCTYPE z> ", count: 20_000)) == [])
        #expect(MarkdownScreening.slowConstructs(in: String(repeating: "![a](b) ", count: 30_000)) == [])
        #expect(MarkdownScreening.slowConstructs(in: "") == [])
    }
}

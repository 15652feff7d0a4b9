import Testing
@testable import MarkdownHTML

@Suite("Heading anchors")
struct HeadingAnchorTests {
    let renderer = MarkdownRenderer(options: .headingAnchors)

    /// The GitHub rules: lowercase, drop what is not a letter, mark, number, "-", "_"
    /// or space, spaces to "-".
    static let slugCases: [Example] = [
        Example(input: "Overview", expected: "overview"),
        Example(input: "Q3: Capex & Supply", expected: "q3-capex--supply"),
        Example(input: "What changed since last week?", expected: "what-changed-since-last-week"),
        Example(input: "snake_case and kebab-case", expected: "snake_case-and-kebab-case"),
        Example(input: "  padded  ", expected: "--padded--"),
        Example(input: "Nvidia (NVDA) – 2025", expected: "nvidia-nvda--2025"),
        Example(input: "Überblick: Märkte", expected: "überblick-märkte"),
        Example(input: "AI 🚀 chips", expected: "ai--chips"),
        Example(input: "ΣΥΝΟΨΗ", expected: "συνοψη"),
        Example(input: "日本市場", expected: "日本市場"),
        Example(input: "!!!", expected: ""),
    ]

    @Test(arguments: slugCases)
    func baseSlug(_ example: Example) {
        #expect(HeadingSlugger.baseSlug(for: example.input) == example.expected)
    }

    @Test func duplicatesGetNumberedSuffixes() {
        var slugger = HeadingSlugger()
        let slugs = ["A", "A", "A-1", "A", "", "!!"].map { slugger.slug(for: $0) }
        // "A-1" as a heading collides with the generated a-1 and moves on, as on GitHub.
        #expect(slugs == ["a", "a-1", "a-1-1", "a-2", "section", "section-1"])
    }

    @Test func headingsGetUniqueIDs() {
        let html = renderer.html(from: "## A\n\n## A\n\n# Market *size*\n")
        #expect(html == """
            <h2 id="a">A</h2>
            <h2 id="a-1">A</h2>
            <h1 id="market-size">Market <em>size</em></h1>

            """)
    }

    @Test func anchorsAreStableAcrossRenders() {
        let markdown = "# Briefing\n\n## Summary\n\n## Summary\n\n> ### Quote `code`\n\n- ## In a list\n\n[^1]\n\n[^1]: ## In a footnote\n"
        let first = renderer.render(markdown)
        #expect(first == renderer.render(markdown))
        #expect(first.headings.map(\.anchor) == ["briefing", "summary", "summary-1", "quote-code", "in-a-list", "in-a-footnote"])
        #expect(first.html.contains("<blockquote>\n<h3 id=\"quote-code\">Quote <code>code</code></h3>\n</blockquote>"))
        #expect(first.html.contains("<li>\n<h2 id=\"in-a-list\">In a list</h2>\n</li>"))
    }

    @Test func setextHeadingsSpanningLinesUseSpaces() {
        let rendered = renderer.render("Market\nsize\n===\n")
        #expect(rendered.headings == [Heading(level: 1, text: "Market size", anchor: "market-size")])
        #expect(rendered.html == "<h1 id=\"market-size\">Market\nsize</h1>\n")
    }

    @Test func withoutAnchorsHeadingsAreLeftAlone() {
        #expect(MarkdownRenderer().html(from: "## A\n") == "<h2>A</h2>\n")
    }

    @Test func rawHeadingTagsInUnsafeModeAreNotCounted() {
        let renderer = MarkdownRenderer(options: [.unsafeHTML, .headingAnchors])
        let rendered = renderer.render("<h2>Raw</h2>\n\n## Real\n")
        #expect(rendered.html == "<h2>Raw</h2>\n<h2 id=\"real\">Real</h2>\n")
        #expect(rendered.headings.map(\.text) == ["Real"])
    }

    @Test func headingTextLeavesOutRawHTML() {
        let rendered = MarkdownRenderer(options: [.headingAnchors]).render("## Chips <span>x</span> & boards\n")
        // The span tags are raw HTML (omitted); the "x" between them is text.
        #expect(rendered.headings.first?.text == "Chips x & boards")
        #expect(rendered.html == "<h2 id=\"chips-x--boards\">Chips <!-- raw HTML omitted -->x<!-- raw HTML omitted --> &amp; boards</h2>\n")
    }
}

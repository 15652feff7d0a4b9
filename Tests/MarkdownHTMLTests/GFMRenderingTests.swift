import Testing
@testable import MarkdownHTML

/// GitHub Flavored Markdown features, compared with the HTML GitHub's cmark-gfm emits.
@Suite("GFM rendering")
struct GFMRenderingTests {
    let renderer = MarkdownRenderer()

    static let exactCases: [Example] = [
        Example(
            "table with alignment",
            input: """
                | Vendor | Segment | Share |
                |:-------|:-------:|------:|
                | A      | GPU     | 70%   |
                """,
            expected: """
                <table>
                <thead>
                <tr>
                <th align="left">Vendor</th>
                <th align="center">Segment</th>
                <th align="right">Share</th>
                </tr>
                </thead>
                <tbody>
                <tr>
                <td align="left">A</td>
                <td align="center">GPU</td>
                <td align="right">70%</td>
                </tr>
                </tbody>
                </table>

                """
        ),
        Example(
            "task list",
            input: "- [x] done\n- [ ] open\n",
            expected: """
                <ul>
                <li><input type="checkbox" checked="" disabled="" /> done</li>
                <li><input type="checkbox" disabled="" /> open</li>
                </ul>

                """
        ),
        Example(
            "strikethrough",
            input: "~~old guidance~~ new guidance",
            expected: "<p><del>old guidance</del> new guidance</p>\n"
        ),
        Example(
            "www autolink",
            input: "See www.example.com today.",
            expected: "<p>See <a href=\"http://www.example.com\">www.example.com</a> today.</p>\n"
        ),
        Example(
            "URL and e-mail autolinks",
            input: "https://example.com/q3 and ir@example.com",
            expected: "<p><a href=\"https://example.com/q3\">https://example.com/q3</a> and <a href=\"mailto:ir@example.com\">ir@example.com</a></p>\n"
        ),
        Example(
            "footnote",
            input: "Capex rose.[^1]\n\n[^1]: Company filings.\n",
            expected: """
                <p>Capex rose.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup></p>
                <section class="footnotes" data-footnotes>
                <ol>
                <li id="fn-1">
                <p>Company filings. <a href="#fnref-1" class="footnote-backref" data-footnote-backref aria-label="Back to content">↩</a></p>
                </li>
                </ol>
                </section>

                """
        ),
        Example(
            "fenced code keeps its language class",
            input: "```swift\nlet x = 1 < 2\n```\n",
            expected: "<pre><code class=\"language-swift\">let x = 1 &lt; 2\n</code></pre>\n"
        ),
        Example("empty document", input: "", expected: ""),
    ]

    @Test(arguments: exactCases)
    func rendersLikeGitHub(_ example: Example) {
        #expect(renderer.html(from: example.input) == example.expected)
    }

    @Test func withHTMLPassesTheSameBytes() {
        let markdown = "# Title\n\n| a |\n|---|\n| 1 |\n"
        let viaBytes = renderer.withHTML(from: markdown) { String(decoding: $0, as: UTF8.self) }
        #expect(viaBytes == renderer.html(from: markdown))
        #expect(viaBytes.contains("<table>"))
    }

    @Test func renderReportsHeadingsWithoutAnchorsByDefault() {
        let rendered = renderer.render("# Weekly *AI* briefing\n\n## Supply `HBM`\n")
        #expect(rendered.html.hasPrefix("<h1>Weekly <em>AI</em> briefing</h1>\n<h2>"))
        #expect(rendered.headings == [
            Heading(level: 1, text: "Weekly AI briefing", anchor: nil),
            Heading(level: 2, text: "Supply HBM", anchor: nil),
        ])
        #expect(rendered.title == "Weekly AI briefing")
    }

    @Test func invalidUTF8IsNeverProduced() {
        // Strings are valid Unicode; NUL becomes U+FFFD as in cmark-gfm.
        #expect(renderer.html(from: "a\u{0}b") == "<p>a\u{FFFD}b</p>\n")
    }

    @Test func smartPunctuationIsOptional() {
        let markdown = "\"Quoted\" -- and --- then..."
        #expect(renderer.html(from: markdown) == "<p>&quot;Quoted&quot; -- and --- then...</p>\n")
        let smart = MarkdownRenderer(options: .smartPunctuation)
        #expect(smart.html(from: markdown) == "<p>“Quoted” – and — then…</p>\n")
    }

    @Test func concurrentRendersMatchSequentialOnes() async {
        // cmark-gfm 0.29 mutates a global table while it parses inlines; without the
        // lock around that step, parallel renders lose strikethrough or crash. Everything
        // else, each thread's arena included, runs in parallel here.
        let documents = (0..<64).map { index in
            "# Doc \(index)\n\n| a | b |\n|---|:-:|\n| \(index) | ~~x~~ |\n\n"
                + String(repeating: "- [x] ~~old~~ new www.example.com/\(index) *em* `code`[^n]\n", count: 40)
                + "\n[^n]: note \(index)\n"
        }
        let renderer = MarkdownRenderer(options: [.headingAnchors])
        let expected = documents.map { renderer.html(from: $0) }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for round in 0..<8 {
                for (index, document) in documents.enumerated() {
                    group.addTask { (round * documents.count + index, renderer.html(from: document)) }
                }
            }
            var results = [String](repeating: "", count: 8 * documents.count)
            for await (slot, html) in group { results[slot] = html }
            return results
        }
        for (slot, html) in results.enumerated() {
            #expect(html == expected[slot % documents.count])
        }
        #expect(expected[7].contains("<h1 id=\"doc-7\">Doc 7</h1>"))
        #expect(expected[7].contains("<del>old</del>"))
    }

    @Test func documentsLargerThanTheArenaChunkRenderWhole() {
        // The per-thread arena bumps small blocks from 1 MiB chunks and gives larger ones a
        // chunk of their own; a 3 MB paragraph and a long list cross both paths and the
        // output buffer's reallocations. Rendering it twice reuses the kept chunk.
        let line = String(repeating: "word ", count: 200)
        let paragraph = String(repeating: line, count: 3_000)
        let list = (0..<20_000).map { "- item \($0) ~~x~~" }.joined(separator: "\n")
        let markdown = "# Big\n\n" + paragraph + "\n\n" + list + "\n"
        for _ in 0..<2 {
            let html = renderer.html(from: markdown)
            #expect(html.hasPrefix("<h1>Big</h1>\n<p>word word "))
            #expect(html.contains("<li>item 19999 <del>x</del></li>\n</ul>\n"))
            #expect(html.utf8.count > paragraph.utf8.count + 20_000 * 20)
        }
    }

    @Test func aLinkMappingMayRenderMarkdownItself() {
        // The mapping runs while the outer document's tree lives in the thread's arena; a
        // render inside it nests on top and must leave the outer tree intact.
        let inner = MarkdownRenderer()
        let outer = MarkdownRenderer(links: { destination in
            let label = inner.html(from: "*\(destination)*")
            return label == "<p><em>\(destination)</em></p>\n" ? "/mapped/" + destination : nil
        })
        let html = outer.html(from: "See [one](a.md) and [two](b.md), then ~~gone~~.\n\n| x |\n|---|\n| [c](c.md) |\n")
        #expect(html.contains("<a href=\"/mapped/a.md\">one</a>"))
        #expect(html.contains("<a href=\"/mapped/b.md\">two</a>"))
        #expect(html.contains("<a href=\"/mapped/c.md\">c</a>"))
        #expect(html.contains("<del>gone</del>"))
    }
}

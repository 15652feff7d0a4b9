import MarkdownHTML
import Testing

@Suite("HTML page")
struct HTMLPageTests {
    @Test func wrapsTheFragmentInAMinimalHTML5Page() {
        let page = HTMLPage(title: "Weekly", body: "<p>Hi</p>\n").html
        #expect(page == """
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Weekly</title>
            </head>
            <body>
            <main>
            <p>Hi</p>
            </main>
            </body>
            </html>

            """)
    }

    static let titles: [Example] = [
        Example(input: "AMD & Nvidia", expected: "AMD &amp; Nvidia"),
        Example(input: "</title><script>alert(1)</script>", expected: "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"),
        Example(input: "\"Q3\" 'outlook'", expected: "&quot;Q3&quot; &#39;outlook&#39;"),
        Example(input: "Überblick", expected: "Überblick"),
    ]

    @Test(arguments: titles)
    func escapesTheTitle(_ example: Example) {
        let page = HTMLPage(title: example.input, body: "").html
        #expect(page.contains("<title>\(example.expected)</title>"))
        #expect(page.hasSuffix("<main>\n</main>\n</body>\n</html>\n"))
    }

    @Test func addsTheMissingNewlineAfterTheBody() {
        #expect(HTMLPage(title: "t", body: "<p>x</p>").html.contains("<p>x</p>\n</main>"))
    }

    @Test func escapingWithoutApostrophesLeavesThemForFeedsAndEditions() {
        #expect(escapeHTML("Nvidia's \"Q3\" <b> & co", apostrophes: false) == "Nvidia's &quot;Q3&quot; &lt;b&gt; &amp; co")
        #expect(escapeHTML("Nvidia's", apostrophes: false) == "Nvidia's")
        // Scalar by scalar: a quote followed by a combining mark is escaped too.
        #expect(escapeHTML("\"\u{301}", apostrophes: false) == "&quot;\u{301}")
    }
}

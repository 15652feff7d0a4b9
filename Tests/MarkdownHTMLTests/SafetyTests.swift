import MarkdownHTML
import Testing

/// Safe by default: raw HTML omitted, dangerous link destinations dropped.
@Suite("Safe rendering")
struct SafetyTests {
    struct Attack: CustomTestStringConvertible, Sendable {
        let name: String
        let markdown: String
        /// None of these may appear in the output (compared case-insensitively).
        let forbidden: [String]
        var testDescription: String { name }
    }

    static let attacks: [Attack] = [
        Attack(name: "script block", markdown: "<script>alert(1)</script>", forbidden: ["<script", "alert"]),
        Attack(name: "inline script", markdown: "Hi <script>alert(1)</script> there", forbidden: ["<script"]),
        Attack(name: "inline event handler", markdown: "<img src=x onerror=alert(1)>", forbidden: ["onerror", "<img"]),
        Attack(name: "event handler on a block", markdown: "<div onclick=\"alert(1)\">hi</div>", forbidden: ["onclick", "<div"]),
        Attack(name: "iframe", markdown: "<iframe src=\"https://evil.example\"></iframe>", forbidden: ["<iframe", "evil.example"]),
        Attack(name: "raw anchor with javascript", markdown: "<a href=\"javascript:alert(1)\">x</a>", forbidden: ["javascript", "<a "]),
        Attack(name: "inline link", markdown: "[a](javascript:alert(1))", forbidden: ["javascript"]),
        Attack(name: "reference link", markdown: "[a][r]\n\n[r]: javascript:alert(1)\n", forbidden: ["javascript"]),
        Attack(name: "reference link with title", markdown: "[a][r]\n\n[r]: javascript:alert(1) \"t\"\n", forbidden: ["javascript"]),
        Attack(name: "mixed case scheme", markdown: "[a](JaVaScRiPt:alert(1))", forbidden: ["javascript"]),
        Attack(name: "entity-encoded colon", markdown: "[a](javascript&#58;alert(1))", forbidden: ["javascript", "&#58;"]),
        Attack(name: "entity-encoded letter", markdown: "[a](&#106;avascript:alert(1))", forbidden: ["javascript", "avascript", "&#106;"]),
        Attack(name: "hex entity in reference", markdown: "[a][r]\n\n[r]: &#x6A;avascript:alert(1)\n", forbidden: ["avascript"]),
        Attack(name: "named entity colon", markdown: "[a](javascript&colon;alert(1))", forbidden: ["javascript"]),
        Attack(name: "angle-bracket autolink", markdown: "<javascript:alert(1)>", forbidden: ["href=\"javascript"]),
        Attack(name: "image source", markdown: "![x](javascript:alert(1))", forbidden: ["src=\"javascript"]),
        Attack(name: "vbscript", markdown: "[a](vbscript:msgbox(1))", forbidden: ["vbscript"]),
        Attack(name: "file URL", markdown: "[a](file:///etc/passwd)", forbidden: ["file:", "/etc/passwd"]),
        Attack(name: "data text/html", markdown: "[a](data:text/html;base64,PHNjcmlwdD4=)", forbidden: ["data:", "PHNjcmlwdD4"]),
        Attack(name: "data SVG image", markdown: "![a](data:image/svg+xml;base64,PHN2Zz4=)", forbidden: ["data:"]),
        Attack(name: "HTML comment hiding markup", markdown: "<!-- --><script>alert(1)</script>", forbidden: ["<script"]),
        Attack(name: "style block", markdown: "<style>body{display:none}</style>", forbidden: ["<style", "display:none"]),
    ]

    @Test(arguments: attacks)
    func safeModeNeutralises(_ attack: Attack) {
        let html = MarkdownRenderer().html(from: attack.markdown).lowercased()
        for needle in attack.forbidden {
            #expect(!html.contains(needle.lowercased()), "found \(needle) in \(html)")
        }
    }

    @Test func rawHTMLIsReplacedByAComment() {
        #expect(MarkdownRenderer().html(from: "<div>hi</div>") == "<!-- raw HTML omitted -->\n")
        #expect(MarkdownRenderer().html(from: "[a](javascript:alert(1))") == "<p><a href=\"\">a</a></p>\n")
    }

    @Test func safeLinksAndRasterDataImagesSurvive() {
        let html = MarkdownRenderer().html(from: "[ok](https://example.com/a?b=1&c=2) ![p](data:image/png;base64,iVBORw0KGgo=)")
        #expect(html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">ok</a>"))
        #expect(html.contains("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\" />"))
    }

    // MARK: - Unsafe, for trusted input

    @Test func unsafeLetsRawHTMLThrough() {
        let html = MarkdownRenderer(options: .unsafeHTML).html(from: "<div class=\"note\">Trusted</div>\n\nText <b>bold</b>")
        #expect(html == "<div class=\"note\">Trusted</div>\n<p>Text <b>bold</b></p>\n")
    }

    /// GitHub's tagfilter: the opening `<` of these tags becomes `&lt;`.
    static let filtered: [Example] = [
        Example(input: "<script>alert(1)</script>", expected: "&lt;script>alert(1)&lt;/script>\n"),
        Example(input: "<iframe src=\"x\"></iframe>", expected: "&lt;iframe src=\"x\">&lt;/iframe>\n"),
        Example(input: "<style>p{}</style>", expected: "&lt;style>p{}&lt;/style>\n"),
        Example(input: "a <title>t</title> b", expected: "<p>a &lt;title>t&lt;/title> b</p>\n"),
        Example(input: "<textarea>x</textarea>", expected: "<p>&lt;textarea>x&lt;/textarea></p>\n"),
    ]

    @Test(arguments: filtered)
    func unsafeStillAppliesTagfilter(_ example: Example) {
        let html = MarkdownRenderer(options: .unsafeHTML).html(from: example.input)
        #expect(html == example.expected)
        #expect(!html.contains("<script"))
    }

    @Test func unsafeKeepsLinkDestinations() {
        // Documented: unsafe is for trusted input only.
        let html = MarkdownRenderer(options: .unsafeHTML).html(from: "[a](javascript:void(0))")
        #expect(html == "<p><a href=\"javascript:void(0)\">a</a></p>\n")
    }
}

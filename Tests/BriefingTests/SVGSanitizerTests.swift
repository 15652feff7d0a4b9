import Charts
import Foundation
import Testing
@testable import Briefing

/// What a chart in `Reports/<period>/charts/` may hold before the site publishes it.
@Suite("SVG screening")
struct SVGSanitizerTests {
    private static func svg(_ body: String, root: String = "") -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"\(root)>\n\(body)\n</svg>\n"
    }

    private static func findings(_ text: String) -> [String] {
        SVGSanitizer.findings(in: Array(text.utf8)).map(\.description)
    }

    @Test(
        "Hostile constructs are refused at their place",
        arguments: [
            (svg("<script>alert(1)</script>"), "2:1: <script> is not allowed in a chart"),
            (svg("<svg:script xmlns:svg=\"http://www.w3.org/2000/svg\">x</svg:script>"), "2:1: <svg:script> is not allowed in a chart"),
            (svg("<SCRIPT>x</SCRIPT>"), "2:1: <SCRIPT> is not allowed in a chart"),
            (svg("<foreignObject><div/></foreignObject>"), "2:1: <foreignObject> is not allowed in a chart"),
            (svg("<handler>x</handler>"), "2:1: <handler> is not allowed in a chart"),
            (svg("", root: " onload=\"alert(1)\""), "1:61: event handler attribute onload is not allowed"),
            (svg("<rect ONCLICK='x()'/>"), "2:7: event handler attribute ONCLICK is not allowed"),
            (svg("<a href=\"javascript:alert(1)\"><text>x</text></a>"), "2:4: href may only point inside the file (#id)"),
            (svg("<use xlink:href=\"http://evil.example/x.svg#a\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/>"), "2:6: xlink:href may only point inside the file (#id)"),
            (svg("<image href=\"data:image/svg+xml;base64,AAAA\"/>"), "2:8: href may only point inside the file (#id)"),
            (svg("<image href=\"&#104;ttp://evil.example/p.png\"/>"), "2:8: href may only point inside the file (#id)"),
            (svg("<rect fill=\"url(http://evil.example/p)\"/>"), "2:7: fill: url(…) may only point inside the file (url(#id))"),
            (svg("<rect fill=\"u&#114;l(//evil.example/p)\"/>"), "2:7: fill: url(…) may only point inside the file (url(#id))"),
            (svg("<rect style=\"fill: URL( 'https://evil.example/p' )\"/>"), "2:7: style: url(…) may only point inside the file (url(#id))"),
            (svg("<rect style=\"background: \\75 rl(x)\"/>"), "2:7: style: CSS escapes (\\) are not allowed"),
            (svg("<style>@import 'https://evil.example/a.css';</style>"), "2:8: <style>: CSS @import is not allowed"),
            (svg("<style><![CDATA[rect { fill: url(https://evil.example/p) }]]></style>"), "2:8: <style>: url(…) may only point inside the file (url(#id))"),
            (svg("<style>rect { background: image-set(\"https://evil.example/p.png\" 1x) }</style>"), "2:8: <style>: CSS image-set(…) is not allowed"),
            (svg("<set attributeName=\"href\" to=\"javascript:alert(1)\"/>"), "2:6: animating href is not allowed"),
            (svg("<animate attributeName=\"xlink:href\" values=\"#a;javascript:x\"/>"), "2:10: animating xlink:href is not allowed"),
            (svg("<html:script xmlns:html=\"http://www.w3.org/1999/xhtml\">x</html:script>"), "2:1: <html:script> is not allowed in a chart"),
            (svg("<g xmlns=\"http://www.w3.org/1999/xhtml\"><iframe src=\"#x\"/></g>"), "2:4: namespace xmlns=\"http://www.w3.org/1999/xhtml\" is not allowed (SVG and XLink only)"),
            ("<?xml version=\"1.0\"?>\n<!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n" + svg("<text>&x;</text>"), "2:1: DOCTYPE and entity declarations are not allowed"),
            (svg("<text>&x;</text>"), "2:7: entity reference &x; is not allowed"),
            ("<?xml-stylesheet href=\"https://evil.example/a.css\"?>\n" + svg(""), "1:1: processing instruction <?xml-stylesheet …?> is not allowed"),
            (svg("<rect width=1/>"), "2:13: attribute width needs a quoted value"),
            (svg("<g></rect>"), "2:4: </rect> does not close <g>"),
            (svg("<!-- never closed"), "2:1: comment is never closed"),
            ("<svg xmlns=\"http://www.w3.org/2000/svg\">", "1:41: <svg> is never closed"),
            ("not svg", "1:1: text outside the root element"),
        ] as [(String, String)])
    func refused(_ text: String, _ expected: String) {
        #expect(Self.findings(text).contains(expected), "\(Self.findings(text))")
    }

    @Test("Invalid UTF-8 is refused")
    func notUTF8() {
        #expect(SVGSanitizer.findings(in: Array(Self.svg("<text>x</text>").utf8) + [0xFF, 0xFE]).map(\.description) == ["1:1: is not UTF-8 text"])
    }

    @Test(
        "What charts use passes",
        arguments: [
            svg("<title id=\"t\">Shares &amp; sizes</title><desc>a &lt; b</desc><text x=\"1\" y=\"2\">url(http://x) \\ onload= &#x41;</text>"),
            svg("<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs><rect fill=\"url(#g)\" style=\"fill: url( '#g' )\"/>"),
            svg("<a href=\"#top\"><use xlink:href=\"#g\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"/></a><style>rect { stroke: #000 }</style>"),
            "\u{FEFF}<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- made by hand -->\n" + svg("<g class=\"a b\" aria-label=\"C:\\\\drive\"><path d=\"M0 0L1 1\"/></g>"),
        ])
    func allowed(_ text: String) {
        #expect(Self.findings(text) == [])
    }

    @Test("Charts drawn for names that look like markup, links or CSS pass unchanged")
    func chartsWithHostileNamesPass() {
        let names = ["<script>alert(1)</script>", "url(http://evil.example)", "a\\b & \"c\"", "onload=x", "www.evil.example", "@import 'x'"]
        let options = ChartOptions(id: names[4], title: names[0], description: names[1])
        let series = names.enumerated().map { index, name in
            ChartSeries(name: name, values: [Double(index), Double(index + 1), Double(index + 2)])
        }
        let svg = Chart.line(series, x: .labels(names.prefix(3).map { $0 }), options: options).svg
        #expect(SVGSanitizer.findings(in: Array(svg.utf8)) == [])
    }

    @Test("The ASCII fast paths trim and lowercase exactly as Foundation and the Unicode tables do")
    func fastPathsMatchFoundation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Character] = [" ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "a", "Z", "#", ":", "(", "U", "R", "L", "\u{A0}", "\u{85}", "é", "\u{212A}", "İ", "x"]
        for _ in 0..<2_000 {
            let text = String((0..<Int.random(in: 0...8, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            #expect(SVGSanitizer.trimmed(text) == text.trimmingCharacters(in: .whitespacesAndNewlines), "\(Array(text.unicodeScalars))")
        }
        // Non-ASCII CSS keeps the Unicode lowercasing (the Kelvin sign lowercases to k).
        #expect(SVGSanitizer.cssProblem("fill: -web\u{212A}it-image-set(a.png)") == "CSS image-set(…) is not allowed")
        #expect(SVGSanitizer.cssProblem("FILL: URL( #grad)") == nil)
        #expect(SVGSanitizer.cssProblem("fill: URL(http://x/)") == "url(…) may only point inside the file (url(#id))")
    }
}

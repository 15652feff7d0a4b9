import Foundation
import MarkdownHTML
import Templating
import Testing
@testable import Briefing

/// Names are plain text: what the `md` and `cell` filters print never becomes a link, including
/// through GFM's autolink extension, checked through the real cmark-gfm.
@Suite("md and cell keep addresses as text")
struct AutolinkEscapingTests {
    static let names = [
        "www.evil.example", "WWW.Evil.Example/path", "Visit www.evil.example today", "(www.evil.example)",
        "http://evil.example", "HTTPS://evil.example/a?b=c", "ftp://evil.example/file", "x https://evil.example",
        "sales@evil.example", "first.last+tag@evil-corp.example", "mailto:sales@evil.example", "xmpp:bot@evil.example/res",
        "MAILTO:x@evil.example", "*www.evil.example*", "_a@b.co_", "ir@evil.example and www.evil.example and https://evil.example",
    ]

    private static func render(_ template: String, _ name: String) throws -> (markdown: String, html: String) {
        let environment = Environment()
        BriefingFilters.register(in: environment)
        let markdown = try environment.render(string: template, context: ["name": .string(name)])
        return (markdown, MarkdownRenderer(options: [.headingAnchors]).render(markdown).html)
    }

    /// The text a reader sees: tags dropped, entities decoded, the invisible word joiner removed.
    private static func visibleText(_ html: String) -> String {
        var text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.replacingOccurrences(of: "\u{2060}", with: "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("md in a paragraph and a heading", arguments: names)
    func md(_ name: String) throws {
        for template in ["Vendor: {{ name|md }}.", "## {{ name|md }}"] {
            let (markdown, html) = try Self.render(template, name)
            #expect(!html.contains("<a "), "\(template) with \(name) gave \(html) from \(markdown)")
            #expect(!html.contains("href"), "\(html)")
            let expected = template.hasPrefix("##") ? name : "Vendor: \(name)."
            #expect(Self.visibleText(html) == expected, "\(html)")
        }
    }

    @Test("cell in a table", arguments: names)
    func cell(_ name: String) throws {
        let (markdown, html) = try Self.render("| Vendor | Share |\n|---|---|\n| {{ name|cell }} | 10% |\n", name)
        #expect(!html.contains("<a "), "\(name) gave \(html) from \(markdown)")
        #expect(html.contains("<td>"))
        let cell = try #require(html.components(separatedBy: "<td>").dropFirst().first?.components(separatedBy: "</td>").first)
        #expect(Self.visibleText(cell) == name, "\(html)")
    }

    @Test("Text without autolink triggers is printed as before")
    func ordinaryTextUnchanged() throws {
        for name in ["Nvidia", "Google TPU", "Ratio 3:1", "Note: see www", "v2.0 (www)", "https", "e-mail"] {
            #expect(try Self.render("{{ name|md }}", name).markdown == name)
        }
    }

    @Test("Escapes are as small as cmark-gfm allows")
    func escapes() throws {
        #expect(try Self.render("{{ name|md }}", "www.a.b https://c ftp://d").markdown == "www\\.a.b https\\://c ftp\\://d")
        #expect(try Self.render("{{ name|cell }}", "a@b.c | x").markdown == "a&#8288;@b.c \\| x")
    }
}

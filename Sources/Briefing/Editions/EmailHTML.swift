import Foundation

/// A chart as the e-mail shows it: a PNG part named by `cid`, shown at `width`×`height` CSS
/// pixels (the PNG itself has twice as many, for high-DPI screens).
struct EmailImage: Sendable, Hashable {
    var contentID: String
    var width: Int
    var height: Int
}

/// The HTML part of the e-mail edition. Mail clients ignore or strip `<style>`, scripts and
/// remote content, so the briefing's HTML is rewritten: every element styled inline, one
/// column at most 640 px wide built from tables (which every client lays out), charts as `cid:`
/// images, links that leave the message dropped (their text kept) except "Read online", and
/// the disclaimer at the foot.
struct EmailHTML {
    var title: String
    /// The one-line lead, shown by clients as the preview next to the subject.
    var preheader: String
    /// `Team · 2026-W49 · as of 2026-12-04` above the briefing.
    var meta: String
    var readOnline: String?
    var disclaimer: String

    /// The column's outer width and the content's width inside its padding.
    static let columnWidth = 640
    static let contentWidth = 600
    static let fonts = "Arial, Helvetica, sans-serif"

    /// The whole HTML document for `fragment` (the briefing's Markdown rendered by cmark-gfm),
    /// with the images in `images` (keyed by their `src`) and every other image replaced by its
    /// description.
    func document(fragment: String, images: [String: EmailImage]) -> String {
        let (body, footnotes) = EmailHTML.withoutClosingDisclaimer(fragment, disclaimer: disclaimer)
        let content = EmailHTML.inlined(body, images: images) + EmailHTML.inlined(footnotes, images: images, small: true)
        let muted = "color:#5f6368;font-family:\(EmailHTML.fonts);font-size:13px;line-height:1.5;"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>\(EditionHTML.escape(title))</title>
            </head>
            <body style="margin:0;padding:0;background-color:#f3f4f6;">
            <div style="display:none;max-height:0;overflow:hidden;font-size:1px;line-height:1px;color:#f3f4f6;">\(EditionHTML.escape(preheader))</div>
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;background-color:#f3f4f6;">
            <tr><td align="center" style="padding:16px 8px;">
            <table role="presentation" width="\(EmailHTML.columnWidth)" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:\(EmailHTML.columnWidth)px;background-color:#ffffff;border:1px solid #e5e7eb;">
            <tr><td style="padding:12px 20px;border-bottom:1px solid #e5e7eb;\(muted)">\(EditionHTML.escape(meta))
            """
        if let readOnline {
            html += " · <a href=\"\(EditionHTML.escape(readOnline))\" style=\"color:#0b57d0;text-decoration:underline;\">Read online</a>"
        }
        html += """
            </td></tr>
            <tr><td style="padding:4px 20px 20px;color:#1d1d1f;font-family:\(EmailHTML.fonts);font-size:15px;line-height:1.55;">
            \(content)</td></tr>
            <tr><td style="padding:16px 20px;border-top:1px solid #e5e7eb;\(muted)">
            <p style="margin:0 0 8px;">\(EditionHTML.escape(disclaimer.split(whereSeparator: \.isWhitespace).joined(separator: " ")))</p>

            """
        if let readOnline {
            html += "<p style=\"margin:0;\">Read this briefing online: <a href=\"\(EditionHTML.escape(readOnline))\" "
                + "style=\"color:#0b57d0;text-decoration:underline;\">\(EditionHTML.escape(readOnline))</a></p>\n"
        }
        html += "</td></tr>\n</table>\n</td></tr>\n</table>\n</body>\n</html>\n"
        return html
    }

    /// The fragment split into the briefing and its footnotes, without the disclaimer paragraph
    /// the default template ends with (after a rule): the footer carries the disclaimer instead,
    /// so it is shown once, at the foot. A workspace template that ends differently is kept whole.
    static func withoutClosingDisclaimer(_ fragment: String, disclaimer: String) -> (body: String, footnotes: String) {
        var body = fragment
        var footnotes = ""
        if let section = fragment.range(of: "<section class=\"footnotes\"") {
            body = String(fragment[..<section.lowerBound])
            footnotes = String(fragment[section.lowerBound...])
        }
        let wanted = EditionHTML.text(disclaimer)
        if !wanted.isEmpty, let rule = body.range(of: "<hr />", options: .backwards),
            EditionHTML.text(String(body[rule.upperBound...])) == wanted
        {
            body = String(body[..<rule.lowerBound])
        }
        return (body, footnotes)
    }

    /// Inline styles for the elements cmark-gfm writes.
    static let styles: [String: String] = [
        "h1": "margin:16px 0 4px;font-size:24px;line-height:1.25;color:#111111;font-weight:bold;",
        "h2": "margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid #d9d9de;font-size:19px;line-height:1.3;color:#111111;font-weight:bold;",
        "h3": "margin:20px 0 6px;font-size:16px;line-height:1.35;color:#111111;font-weight:bold;",
        "h4": "margin:16px 0 6px;font-size:15px;line-height:1.35;color:#111111;font-weight:bold;",
        "h5": "margin:14px 0 6px;font-size:14px;color:#111111;font-weight:bold;",
        "h6": "margin:14px 0 6px;font-size:13px;color:#111111;font-weight:bold;",
        "p": "margin:0 0 12px;",
        "ul": "margin:0 0 12px;padding:0 0 0 22px;",
        "ol": "margin:0 0 12px;padding:0 0 0 22px;",
        "li": "margin:0 0 6px;",
        "blockquote": "margin:0 0 12px;padding:0 0 0 12px;border-left:3px solid #d9d9de;color:#5f6368;",
        "pre": "margin:0 0 12px;padding:8px;background-color:#f3f4f6;font-family:Consolas, Menlo, monospace;font-size:12px;white-space:pre-wrap;",
        "code": "font-family:Consolas, Menlo, monospace;font-size:13px;",
        "hr": "border:0;border-top:1px solid #d9d9de;margin:20px 0;",
        "table": "border-collapse:collapse;width:100%;margin:0 0 14px;font-size:12px;line-height:1.35;",
        "th": "padding:4px 6px;border-bottom:2px solid #d9d9de;vertical-align:bottom;font-weight:bold;",
        "td": "padding:4px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top;",
        "a": "color:#0b57d0;text-decoration:none;",
        "sup": "font-size:10px;line-height:0;",
        "del": "color:#5f6368;",
    ]

    /// Attributes kept, per element (everything else, `class` and `data-…` included, is dropped).
    private static let kept: [String: Set<String>] = [
        "th": ["align", "colspan"], "td": ["align", "colspan"], "ol": ["start"], "li": ["value"],
    ]

    /// `fragment` with every element styled inline, links out of the message unwrapped, images
    /// replaced by their `cid:` part or their description, and comments removed.
    static func inlined(_ fragment: String, images: [String: EmailImage], small: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(fragment.utf8.count * 2)
        var links: [Bool] = []  // for each open <a>, whether it was kept
        if small { out += "<div style=\"font-size:12px;line-height:1.45;color:#5f6368;\">" }
        for token in EditionHTML.tokens(fragment) {
            switch token {
            case .text(let text):
                out += text
            case .other:
                continue  // comments ("raw HTML omitted") and declarations
            case .tag(let name, let closing, let attributes, let selfClosing):
                let value: (String) -> String? = { key in attributes.first { $0.0 == key }?.1.map(EditionHTML.decodeEntities) }
                if name == "a" {
                    if closing {
                        if links.popLast() == true { out += "</a>" }
                        continue
                    }
                    let href = value("href") ?? ""
                    // Only links within the message stay: the notes and their back-references.
                    let inside = href.hasPrefix("#") && href.count > 1
                    links.append(inside)
                    if inside { out += EditionHTML.render(name: "a", attributes: [("href", href), ("style", styles["a"]!)]) }
                    continue
                }
                if name == "img" {
                    let src = value("src") ?? ""
                    let alt = value("alt") ?? ""
                    if let image = images[src] {
                        out += EditionHTML.render(name: "img", attributes: [
                            ("src", "cid:" + image.contentID), ("alt", alt), ("width", String(image.width)), ("height", String(image.height)),
                            ("style", "display:block;width:100%;max-width:\(image.width)px;height:auto;border:0;margin:8px 0 14px;"),
                        ], selfClosing: true)
                    } else if !alt.isEmpty {
                        out += "<em>[" + EditionHTML.escape(alt) + "]</em>"
                    }
                    continue
                }
                // <section> and other block elements some clients do not know become <div>.
                let element = ["section", "nav", "figure", "figcaption", "main", "article"].contains(name) ? "div" : name
                if closing {
                    out += "</\(element)>"
                    continue
                }
                var kept: [(String, String?)] = []
                if let id = value("id") { kept.append(("id", id)) }
                for (key, attribute) in attributes where Self.kept[name]?.contains(key) == true { kept.append((key, attribute)) }
                if element == "table" { kept += [("cellpadding", "0"), ("cellspacing", "0"), ("border", "0"), ("width", "100%")] }
                var style = styles[element] ?? ""
                if element == "th" || element == "td" { style += "text-align:\(value("align") ?? "left");" }
                if !style.isEmpty { kept.append(("style", style)) }
                out += EditionHTML.render(name: element, attributes: kept, selfClosing: selfClosing || ["br", "hr"].contains(element))
            }
        }
        if small { out += "</div>" }
        // Adjacent note references read "1,2", as the site's style sheet shows them.
        return out.replacingOccurrences(of: "</sup><sup", with: "</sup><sup style=\"\(styles["sup"]!)\">,</sup><sup")
    }
}

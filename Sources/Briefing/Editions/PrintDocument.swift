import Foundation
import Workspace

/// The period's HTML page as it is printed for the PDF edition: the page itself, with its print
/// stylesheet, plus a second style sheet for paged media and a linked table of contents. The
/// page is not otherwise changed, so a workspace's own layout prints too.
struct PrintDocument {
    var title: String
    var period: String
    var disclaimer: String
    var paper: EditionSettings.Paper
    /// The `##` headings and their anchors (from `summary.json`).
    var headings: [(title: String, anchor: String)]

    /// `html` with the paged-media style sheet at the end of `<head>` (it wins over the page's
    /// own rules) and the contents after the first `</h1>`.
    func prepare(_ html: String) -> String {
        var page = PrintDocument.withoutRelativeLinks(html)
        let style = "<style media=\"print\">\n\(stylesheet)</style>\n"
        if let head = page.range(of: "</head>", options: .caseInsensitive) {
            page.insert(contentsOf: style, at: head.lowerBound)
        } else {
            page = style + page
        }
        let contents = self.contents
        if !contents.isEmpty {
            if let heading = page.range(of: "</h1>", options: .caseInsensitive) {
                page.insert(contentsOf: "\n" + contents, at: heading.upperBound)
            } else if let main = page.range(of: "<main>", options: .caseInsensitive) {
                page.insert(contentsOf: "\n" + contents, at: main.upperBound)
            }
        }
        return page
    }

    /// `html` with links to other pages of the site unlinked (their text kept): in a PDF they
    /// would point into the temporary folder it was printed in. Links within the page and to
    /// `http(s):` and `mailto:` addresses stay.
    static func withoutRelativeLinks(_ html: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"<a href="(?!#|https?:|mailto:)[^"]*""#, options: [.caseInsensitive])
        return pattern.stringByReplacingMatches(in: html, range: NSRange(html.startIndex..., in: html), withTemplate: "<a")
    }

    /// The contents as in-page links, which Chromium turns into PDF links to the headings.
    var contents: String {
        let items = headings.filter { !$0.anchor.isEmpty }
        guard !items.isEmpty else { return "" }
        var html = "<nav class=\"pdf-contents\" aria-label=\"Contents\">\n<p class=\"pdf-contents-title\">Contents</p>\n<ol>\n"
        for item in items {
            html += "<li><a href=\"#\(EditionHTML.escape(item.anchor))\">\(EditionHTML.escape(item.title))</a></li>\n"
        }
        return html + "</ol>\n</nav>\n"
    }

    /// Paged media: the paper size, the footer on every page (the disclaimer, then the title,
    /// period and page number, in the page's bottom margin box so that it never covers text),
    /// charts and tables kept whole, headings kept with what follows them.
    var stylesheet: String {
        let footer = "\(title) · \(period) · page "
        return """
            @page {
              size: \(paper.cssSize);
              margin: 16mm 15mm 30mm 15mm;
              @bottom-center {
                content: \(cssString(oneLine(disclaimer))) "\\A" \(cssString(footer)) counter(page) " of " counter(pages);
                white-space: pre-wrap; vertical-align: top; padding-top: 5mm;
                font: 7.5pt/1.4 "Liberation Sans", Arial, Helvetica, sans-serif; color: #444;
              }
            }
            html, body { background: #fff !important; color: #000 !important; }
            body { max-width: none; padding: 0; font-size: 10.5pt; }
            .toc { display: none !important; }
            .pdf-contents { display: block; margin: 0.6rem 0 1.2rem; padding: 0.5rem 0.8rem; border: 1px solid #ccc; break-inside: avoid; }
            .pdf-contents-title { font-weight: 600; margin: 0 0 0.3rem; }
            .pdf-contents ol { margin: 0; padding-left: 1.4rem; columns: 2; column-gap: 2rem; }
            .pdf-contents a { color: #000; text-decoration: none; }
            h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; break-inside: avoid; }
            h2 { margin-top: 1.4rem; }
            img, svg, figure, table, pre, blockquote { break-inside: avoid; page-break-inside: avoid; }
            img { max-height: 190mm; max-width: 100%; }
            table { display: table; overflow: visible; max-width: 100%; font-size: 8.5pt; }
            th, td { white-space: normal; padding: 0.2rem 0.4rem; }
            p, li { orphans: 3; widows: 3; }
            a { color: #000; text-decoration: none; }

            """
    }

    private func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// A CSS string literal: quotes and backslashes escaped, control characters as escapes.
    private func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "<": out += "\\3C "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: out += "\\" + String(scalar.value, radix: 16) + " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

import Foundation
import Testing
import Workspace
@testable import Briefing

/// The pure parts of the PDF and e-mail editions: what is printed, what is mailed.
@Suite("Editions")
struct EditionRenderingTests {
    static let fragment = """
        <h1 id="briefing">Briefing — 2026-W49</h1>
        <p class="lead">See the <a href="../methodology.html">methodology</a>, <a href="https://example.com/x">a source</a> and <a href="#key-takeaways">below</a>.<sup class="footnote-ref"><a href="#fn-1" id="fnref-1" data-footnote-ref>1</a></sup><sup class="footnote-ref"><a href="#fn-2" id="fnref-2" data-footnote-ref>2</a></sup></p>
        <!-- raw HTML omitted -->
        <table>
        <thead><tr><th align="left">Year</th><th align="right">Size</th></tr></thead>
        <tbody><tr><td align="left">2030</td><td align="right">$571.1B</td></tr></tbody>
        </table>
        <p><img src="charts/fan.svg" alt="Fan chart" /></p>
        <p><img src="https://tracker.example.com/pixel.png" alt="Remote" /></p>
        <hr />
        <p>For internal discussion only.</p>
        <section class="footnotes" data-footnotes><ol><li id="fn-1"><p>Source <a href="#fnref-1" class="footnote-backref">↩</a></p></li></ol></section>

        """

    @Test func theEmailHTMLIsInlineStyledWithOnlyInMessageLinks() {
        let image = EmailImage(contentID: "fan.png@2026-W49.briefing", width: 600, height: 300)
        let html = EmailHTML(title: "T", preheader: "Lead", meta: "Team · 2026-W49", readOnline: "https://site.example/periods/2026-W49/briefing.html", disclaimer: "For internal discussion only.")
            .document(fragment: Self.fragment, images: ["charts/fan.svg": image])
        #expect(!html.contains("<style") && !html.contains("<script") && !html.contains("class=") && !html.contains("<!--"))
        #expect(html.contains("src=\"cid:fan.png@2026-W49.briefing\" alt=\"Fan chart\" width=\"600\" height=\"300\""))
        #expect(!html.contains("tracker.example.com") && html.contains("<em>[Remote]</em>"))
        #expect(!html.contains("methodology.html") && !html.contains("https://example.com/x"))
        #expect(html.contains("See the methodology, a source and"))
        #expect(html.contains("<a href=\"#key-takeaways\""))
        #expect(html.contains("</sup><sup style=\"font-size:10px;line-height:0;\">,</sup>"))
        #expect(html.contains("<td align=\"right\" style=\"padding:4px 6px;border-bottom:1px solid #e5e7eb;vertical-align:top;text-align:right;\">$571.1B</td>"))
        // The disclaimer once, in the footer, after the notes.
        #expect(html.components(separatedBy: "For internal discussion only.").count == 2)
        let footer = html.range(of: "For internal discussion only.")!.lowerBound
        #expect(html.range(of: "fn-1")!.lowerBound < footer)
        // The Read-online link at the top, and at the foot as a link showing its address.
        #expect(html.components(separatedBy: "https://site.example/periods/2026-W49/briefing.html").count == 4)
        #expect(!html.contains("max-width:641") && html.contains("max-width:640px"))
    }

    @Test func aTemplateThatEndsDifferentlyKeepsItsLastParagraph() {
        let (body, notes) = EmailHTML.withoutClosingDisclaimer("<p>a</p>\n<hr />\n<p>Something else.</p>\n", disclaimer: "For internal discussion only.")
        #expect(body.contains("Something else.") && notes.isEmpty)
    }

    @Test func thePlainTextReadsWithoutMarkup() {
        let markdown = """
            # Briefing — 2026-W49

            See the [methodology](../methodology.html) and note[^1]. A \\* star.

            ![Fan chart of the market](charts/fan.svg)

            | Vendor | Share |
            |:--|--:|
            | A \\| B | 1.0% |

            ## Key takeaways
            """
        let text = EmailPlainText.render(markdown: markdown, readOnline: "https://site.example/p.html", disclaimer: "Internal only.")
        #expect(text == """
            Read online: https://site.example/p.html

            Briefing — 2026-W49
            ===================

            See the methodology and note[^1]. A * star.

            [Chart: Fan chart of the market]

            | Vendor | Share |
            |:--|--:|
            | A \\| B | 1.0% |

            Key takeaways
            -------------

            ---

            Internal only.

            """)
    }

    @Test func thePrintedPageGetsPaperFooterAndLinkedContents() {
        let document = PrintDocument(
            title: "AI \"Infra\"", period: "2026-11", disclaimer: "Not advice.\nInternal.", paper: .letter,
            headings: [("Key takeaways", "key-takeaways"), ("Vendor notes", "vendor-notes")])
        let page = document.prepare("<html><head><title>T</title></head><body><h1>T</h1><p><a href=\"../methodology.html\">m</a> <a href=\"#x\">x</a> <a "
            + "href=\"https://e.com\">e</a></p></body></html>")
        #expect(page.contains("size: letter;"))
        #expect(page.contains(#"content: "Not advice. Internal." "\A" "AI \"Infra\" · 2026-11 · page " counter(page) " of " counter(pages);"#))
        #expect(page.contains("<h1>T</h1>\n<nav class=\"pdf-contents\""))
        #expect(page.contains("<li><a href=\"#key-takeaways\">Key takeaways</a></li>"))
        #expect(page.contains("<a>m</a> <a href=\"#x\">x</a> <a href=\"https://e.com\">e</a>"))
        #expect(page.range(of: "<style media=\"print\">")!.lowerBound < page.range(of: "</head>")!.lowerBound)
    }

    @Test func pdfDatesAndNodeNamesArePinnedWithoutChangingLengths() {
        let pdf = Array("%PDF-1.4\n/CreationDate (D:20261203121512+00'00')\n/ModDate (D:20261203121512+00'00')>>\n/ID (node00000069)\n/ID (node00000071)\n/ID (node00000069)\n".utf8)
        let fixed = PDFNormalization.normalized(pdf, asOf: (2026, 12, 4))
        #expect(fixed.count == pdf.count)
        #expect(String(decoding: fixed, as: UTF8.self) == "%PDF-1.4\n/CreationDate (D:20261204000000+00'00')\n/ModDate (D:20261204000000+00'00')>>\n/ID (node00000000)\n/ID "
            + "(node00000001)\n/ID (node00000000)\n")
    }

    @Test(arguments: [
        ("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 360\" width=\"720\" height=\"360\">", 720, 360),
        ("<?xml version=\"1.0\"?>\n<svg viewBox=\"0,0,640.4,300\">", 640, 300),
        ("<svg width=\"100px\" height=\"50px\">", 100, 50),
    ])
    func chartSizes(_ svg: String, _ width: Int, _ height: Int) throws {
        let size = try #require(ChartRaster.size(of: svg))
        #expect(size.width == width && size.height == height)
    }

    @Test func theMessageIsDatedByItsAsOfDate() {
        #expect(EmailEdition.date(Day("2026-12-04")) == "Fri, 04 Dec 2026 00:00:00 +0000")
        #expect(EmailEdition.date(Day("2027-01-31")) == "Sun, 31 Jan 2027 00:00:00 +0000")
        #expect(EmailEdition.domain(baseURL: "https://research.example.internal/briefing/", from: nil) == "research.example.internal")
        #expect(EmailEdition.domain(baseURL: nil, from: "Team <t@example.org>") == "example.org")
        #expect(EmailEdition.domain(baseURL: nil, from: nil) == "localhost")
    }

    @Test func theLeadIsOneShortLine() {
        #expect(EmailEdition.oneLineLead("Markets **grew**.\nSecond line.") == "Markets grew.")
        let long = "The market grows from $207.0B in 2025 to $571.1B in 2030, with Nvidia at 63.8% of revenue. " + String(repeating: "More words follow here. ", count: 10)
        #expect(EmailEdition.oneLineLead(long) == "The market grows from $207.0B in 2025 to $571.1B in 2030, with Nvidia at 63.8% of revenue.")
        let run = String(repeating: "word ", count: 60)
        let cut = EmailEdition.oneLineLead(run)
        #expect(cut.hasSuffix("…") && cut.count <= 118)
    }

    @Test func aMissingBrowserNamesThePackageAndTheCommand() {
        #expect(throws: EditionError.missingTool(name: "Chromium", debianPackage: "chromium", purpose: "the PDF edition")) {
            try Chromium.locate(environment: ["BRIEFING_CHROMIUM": "/nonexistent/chromium", "PATH": "/usr/bin"])
        }
        let message = EditionError.missingTool(name: "Chromium", debianPackage: "chromium", purpose: "the PDF edition").description
        #expect(message.contains("install the Debian package 'chromium': sudo apt-get install -y --no-install-recommends chromium fonts-liberation"))
        #expect(throws: EditionError.self) { try ChartRaster.locate(environment: ["PATH": "/nonexistent"]) }
    }
}

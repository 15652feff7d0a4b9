import Foundation
import TestSupport
import Testing
@testable import Briefing

/// The link check `briefing publish` runs over the staged site before swapping it in.
@Suite("Site link check")
struct SiteLinkCheckTests {
    static let base = "https://desk.example.org/optics/"

    /// A small site in a temporary folder: `pages` relative path → HTML.
    private func site(_ pages: [String: String]) throws -> URL {
        let root = try TemporaryDirectory(prefix: "links").url
        for (path, html) in pages {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(html.utf8).write(to: url)
        }
        return root
    }

    @Test(arguments: [
        // (link on periods/2026-11/briefing.html, broken reason or nil)
        ("../../methodology.html", nil),
        ("../../methodology.html#scenarios", nil),
        ("../../methodology.html#nowhere", "methodology.html has no element with id 'nowhere'"),
        ("#fn-1", nil),
        ("#fn-9", "periods/2026-11/briefing.html has no element with id 'fn-9'"),
        ("charts/optical-fan.svg", nil),
        ("charts/missing.svg", "the site has no periods/2026-11/charts/missing.svg"),
        ("../2026-10/briefing.html", "the site has no periods/2026-10/briefing.html"),
        ("../../../outside.html", "it leads outside the site"),
        ("methodology.html", "the site has no periods/2026-11/methodology.html"),
        ("\(base)index.html", nil),
        ("\(base)vendors/gone.html", "the site has no vendors/gone.html"),
        ("\(base)memos/q3.pdf", nil),
        ("https://other.example.com/x", nil),
        ("mailto:desk@example.org", nil),
        ("//cdn.example.com/x.css", nil),
        ("../../index.html?utm=1", nil),
        ("../../", nil),
    ] as [(String, String?)])
    func linksFromABriefingPage(_ link: String, _ reason: String?) throws {
        let root = try site([
            "index.html": "<p>home</p>",
            "methodology.html": "<h2 id=\"scenarios\">Scenarios</h2>",
            "periods/2026-11/briefing.html": "<p>\n<a href=\"x\" id=\"fn-1\">1</a>\n  <a class=\"l\" href=\"\(link)\">here</a></p>",
            "periods/2026-11/charts/optical-fan.svg": "<svg/>",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let broken = SiteLinkCheck(baseURL: Self.base)
            .brokenLinks(site: root, pages: ["index.html", "methodology.html", "periods/2026-11/briefing.html"])
            .filter { $0.link == link }
        if let reason {
            #expect(broken == [SiteLinkCheck.BrokenLink(page: "periods/2026-11/briefing.html", line: 3, column: 16, link: link, reason: reason)])
        } else {
            #expect(broken == [])
        }
    }

    @Test func linksIntoPeriodsLeftOutAreNotCountedTwice() throws {
        let root = try site(["periods/2026-11/briefing.html": "<a href=\"../2026-10/briefing.html\">October</a>"])
        defer { try? FileManager.default.removeItem(at: root) }
        let check = SiteLinkCheck(baseURL: Self.base)
        #expect(throws: SiteLinkCheck.BrokenLinks.self) { try check.check(site: root, pages: ["periods/2026-11/briefing.html"]) }
        try check.check(site: root, pages: ["periods/2026-11/briefing.html"], leftOut: ["periods/2026-10/"])
    }

    @Test func brokenLinksAreDescribedLikeACompilersErrors() {
        let error = SiteLinkCheck.BrokenLinks(links: [
            .init(page: "index.html", line: 12, column: 5, link: "vendors/gone.html", reason: "the site has no vendors/gone.html"),
        ])
        #expect(error.describe(siteDisplay: "Site")
            == "Site/index.html:12:5: error: link 'vendors/gone.html' does not resolve: the site has no vendors/gone.html")
    }

    @Test("A large site is checked on every core with the same links, in page order, as page by page")
    func manyPagesInOrder() throws {
        var pages: [String: String] = ["index.html": "<p id=\"top\">home</p>"]
        for month in 0..<300 {
            let period = String(format: "20%02d-%02d", 10 + month / 12, month % 12 + 1)
            // Every seventh page has a broken link, two lines down; a link to the same place from
            // every page of a folder is resolved once for the folder.
            let broken = month % 7 == 0 ? "\n\n <a href=\"../gone-\(month).html\">x</a> <a href=\"../../index.html#nowhere\">y</a>" : ""
            pages["periods/\(period)/briefing.html"] = "<a href=\"../../index.html#top\">home</a>\(broken)"
        }
        let root = try site(pages)
        defer { try? FileManager.default.removeItem(at: root) }
        let check = SiteLinkCheck(baseURL: Self.base)
        let all = check.brokenLinks(site: root, pages: Array(pages.keys))
        let onePageAtATime = pages.keys.sorted().flatMap { check.brokenLinks(site: root, pages: [$0]) }
        #expect(all.count == 2 * 43)
        #expect(all == onePageAtATime)
        #expect(all.first?.line == 3 && all.first?.reason == "the site has no periods/gone-0.html")
    }
}

import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// The search step of `publish` on small sites built by hand (not the bundled workspace): what it
/// runs, what it leaves, and the error when Pagefind is missing. Needs the pinned Pagefind on PATH
/// (`scripts/install-deps --search`, which `make test` runs).
@Suite("site search index")
struct SiteSearchTests {
    static func site(_ pages: [String: String]) throws -> TemporaryDirectory {
        let folder = try TemporaryDirectory(prefix: "search")
        for (path, body) in pages { try folder.write(body, to: path) }
        return folder
    }

    static func page(_ title: String, _ text: String, section: String) -> String {
        """
        <!doctype html><html lang="en"><head><meta charset="utf-8"><title>\(title)</title>
        <meta data-pagefind-meta="section[content]" content="\(section)"></head>
        <body><nav>Navigation words</nav><article data-pagefind-body><h1>\(title)</h1><p>\(text)</p></article></body></html>
        """
    }

    static func entry(_ site: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: site.appendingPathComponent("pagefind/pagefind-entry.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func pageCount(_ site: URL) throws -> Int? {
        let languages = try entry(site)["languages"] as? [String: [String: Any]]
        return languages?["en"]?["page_count"] as? Int
    }

    @Test("Indexes only the pages marked for search, deterministically")
    func indexesMarkedPages() throws {
        let folder = try Self.site([
            "periods/2031-W02/briefing.html": Self.page("Week 2", "Cerebras ships wafers to Oslo.", section: "Briefing"),
            "vendors/cerebras.html": Self.page("Cerebras", "Wafer-scale engines.", section: "Vendor"),
            "archive.html": "<!doctype html><html lang=\"en\"><head><title>Archive</title></head><body><p>No body mark.</p></body></html>",
        ])
        defer { folder.remove() }
        let site = folder.url
        #expect(try SiteSearch.required.index(site: site))
        #expect(try Self.entry(site)["version"] as? String == SiteSearch.pinnedVersion)
        #expect(try Self.pageCount(site) == 2)
        let first = try Self.files(in: site.appendingPathComponent("pagefind"))
        try FileManager.default.removeItem(at: site.appendingPathComponent("pagefind"))
        try SiteSearch.required.index(site: site)
        #expect(try Self.files(in: site.appendingPathComponent("pagefind")) == first)
    }

    @Test("Off builds nothing; required without Pagefind fails naming the install command; ifAvailable goes on")
    func missingPagefind() throws {
        let folder = try Self.site(["a.html": Self.page("A", "Text.", section: "Vendor")])
        defer { folder.remove() }
        let site = folder.url
        #expect(try SiteSearch.off.index(site: site) == false)
        #expect(try SiteSearch.ifAvailable.index(site: site, environment: ["PATH": "/nonexistent"]) == false)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("pagefind").path))
        #expect(throws: SiteSearchError.missing(configured: nil)) {
            try SiteSearch.required.index(site: site, environment: ["PATH": "/nonexistent"])
        }
        #expect(throws: SiteSearchError.missing(configured: "/nonexistent/pagefind")) {
            try SiteSearch.required.index(site: site, environment: ["BRIEFING_PAGEFIND": "/nonexistent/pagefind", "PATH": ProcessInfo.processInfo.environment["PATH"] ?? ""])
        }
        // A fault of the machine, with the install command; the CLI words the hint (no flag here).
        let problem = try #require(SiteSearchError.missing(configured: nil).problems.first)
        #expect(problem.kind == .environment && problem.hint == .buildWithoutSearch)
        #expect(problem.message.hasPrefix("pagefind not found on PATH"))
        #expect(problem.message.contains("scripts/install-deps --search") && problem.message.contains("pagefind[bin]==\(SiteSearch.pinnedVersion)"))
        #expect(!problem.message.contains("briefing: error") && !problem.message.contains("--no-search"))
    }

    @Test("A failing Pagefind is reported with its exit status and output")
    func failingPagefind() throws {
        let folder = try Self.site(["a.html": Self.page("A", "Text.", section: "Vendor")])
        defer { folder.remove() }
        let fake = try folder.write("#!/bin/sh\necho 'disk full' >&2\nexit 3\n", to: "fake-pagefind")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        do {
            try SiteSearch.required.index(site: folder.url, environment: ["BRIEFING_PAGEFIND": fake.path])
            Issue.record("a failing Pagefind was not reported")
        } catch SiteSearchError.failed(let executable, let status, let output) {
            #expect(executable == fake.path && status == 3)
            #expect(output.hasSuffix("\ndisk full"), "\(output)")
        }
    }

    /// Pages are handed to Pagefind in path order, whatever order the file system lists them in:
    /// a site whose files were written in the opposite order gets the same index, byte for byte.
    @Test("The index does not depend on the order the pages were written in")
    func indexIndependentOfWritingOrder() throws {
        let names = (1...24).map { "vendors/v\($0).html" } + ["periods/2031-W01/briefing.html", "scenarios/s.html"]
        func site(_ order: [String]) throws -> TemporaryDirectory {
            let folder = try TemporaryDirectory(prefix: "search-order")
            for name in order {
                let seed = name.unicodeScalars.reduce(0) { $0 &+ Int($1.value) }
                try folder.write(Self.page(name, "Word\(seed) shared text", section: name.hasPrefix("vendors") ? "Vendor" : "Briefing"), to: name)
            }
            try SiteSearch.required.index(site: folder.url)
            return folder
        }
        let forward = try site(names)
        defer { forward.remove() }
        let backward = try site(names.reversed())
        defer { backward.remove() }
        #expect(try Self.pageCount(forward.url) == names.count)
        #expect(try Self.files(in: forward.appending("pagefind")) == (try Self.files(in: backward.appending("pagefind"))))
        #expect(PagefindIndexer.pages(in: forward.url) == names.sorted())
    }

    @Test(arguments: [("pagefind", true), ("pagefind/index/en_1.pf_index", true), ("pagefinder.html", false), ("vendors/pagefind.html", false)])
    func theIndexOwnsItsFolder(_ path: String, _ owned: Bool) {
        #expect(SiteSearch.owns(path) == owned)
    }

    static func files(in folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in FileTree.files(under: folder) { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return files
    }
}

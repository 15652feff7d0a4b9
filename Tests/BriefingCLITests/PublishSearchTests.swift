import Foundation
import Testing
@testable import BriefingCLI

/// `briefing publish` and the site's search index: built into the site, rebuilt whole by an
/// incremental publish, never carried over, and a located refusal when Pagefind is missing.
/// Needs the pinned Pagefind (`scripts/install-deps --search`, run by `make test`).
@Suite("briefing publish: search index")
struct PublishSearchTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bundled workspace without its samples, with one weekly briefing.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        for item in ["briefing.yaml", "Data", "Templates"] {
            try FileManager.default.copyItem(at: Self.repository.appendingPathComponent(item), to: directory.url.appendingPathComponent(item))
        }
        try? FileManager.default.removeItem(at: directory.url.appendingPathComponent("Data/samples"))
        let result = try BriefingProcess.run(["weekly", "--as-of", "2026-11-27", "--quiet", "--force"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return directory
    }

    private func index(_ site: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let folder = site.appendingPathComponent("pagefind")
        let enumerator = FileManager.default.enumerator(atPath: folder.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    private func pageCount(_ site: URL) throws -> Int? {
        let data = try Data(contentsOf: site.appendingPathComponent("pagefind/pagefind-entry.json"))
        let entry = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((entry?["languages"] as? [String: Any])?["en"] as? [String: Any])?["page_count"] as? Int
    }

    @Test func anIncrementalPublishIndexesLikeAFreshOne() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let site = directory.url.appendingPathComponent("Site")
        #expect(try BriefingProcess.run(["publish", "--as-of", "2026-11-28", "--quiet"], in: directory.url).status == 0)
        let vendors = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("vendors").path).count
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("scenarios").path).count
        // One briefing, every vendor and scenario; not the home, archive, methodology or 404 pages.
        #expect(try pageCount(site) == 1 + vendors + scenarios)

        #expect(try BriefingProcess.run(["weekly", "--as-of", "2026-12-04", "--quiet"], in: directory.url).status == 0)
        let again = try BriefingProcess.run(["publish", "--as-of", "2026-12-05"], in: directory.url)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try pageCount(site) == 2 + vendors + scenarios)
        // The same pages indexed as by a publish from nothing, and no fragment of the earlier index
        // left. (Pagefind numbers pages in the order it finds the files, so its filter and meta
        // files may differ byte for byte between two folders; the page fragments may not.)
        let fresh = directory.url.appendingPathComponent("Fresh")
        #expect(try BriefingProcess.run(["publish", "--to", fresh.path, "--as-of", "2026-12-05", "--quiet"], in: directory.url).status == 0)
        let fragments = { (site: URL) in self.index(site).filter { $0.key.hasPrefix("fragment/") } }
        #expect(fragments(site) == fragments(fresh))
        #expect(fragments(site).count == 2 + vendors + scenarios)
        #expect(Set(index(site).keys).count == Set(index(fresh).keys).count)
    }

    @Test func withoutPagefindPublishFailsAndLeavesTheSite() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let site = directory.url.appendingPathComponent("Site")
        #expect(try BriefingProcess.run(["publish", "--as-of", "2026-11-28", "--quiet"], in: directory.url).status == 0)
        let before = index(site)
        try directory.write("{% extends \"site/layout.html\" %}{% block content %}<h1>Changed archive</h1>{% endblock %}", to: "Templates/site/archive.html")

        let missing = try BriefingProcess.run(
            ["publish", "--as-of", "2026-11-28", "--quiet"], in: directory.url, environment: ["BRIEFING_PAGEFIND": "/nonexistent/pagefind"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("briefing: error: BRIEFING_PAGEFIND=/nonexistent/pagefind is not an executable file"), "\(missing.stderr)")
        #expect(missing.stderr.contains("scripts/install-deps --search") && missing.stderr.contains("--no-search"))
        #expect(missing.stderr.contains("the site was left as it was"))
        #expect(!(try String(contentsOf: site.appendingPathComponent("archive.html"), encoding: .utf8)).contains("Changed archive"))
        #expect(index(site) == before)

        // Deliberately without search: the site is built, and the old index is not carried over.
        let bare = try BriefingProcess.run(
            ["publish", "--as-of", "2026-11-28", "--quiet", "--no-search"], in: directory.url, environment: ["BRIEFING_PAGEFIND": "/nonexistent/pagefind"])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect((try String(contentsOf: site.appendingPathComponent("archive.html"), encoding: .utf8)).contains("Changed archive"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("pagefind").path))
    }
}

import Foundation
import TestSupport
import Testing

/// `briefing publish` and the site's search index, on a fresh `briefing init` workspace (unlike
/// the bundled one): built into the site, rebuilt whole and byte-identical by an incremental
/// publish, never carried over, and an environment error naming the install command when
/// Pagefind is missing. Needs the pinned Pagefind (`scripts/install-deps --search`, run by `make test`).
@Suite("briefing publish: search index")
struct PublishSearchTests {
    /// A new workspace with one briefing (2026-W47).
    private func workspace() throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let made = try BriefingProcess.run(["init", "ws", "--as-of", "2026-11-20"], in: directory.url)
        #expect(made.status == 0, "\(made.stderr)")
        let root = directory.url.appendingPathComponent("ws")
        let result = try BriefingProcess.run(["weekly", "--as-of", "2026-11-20", "--quiet", "--force"], in: root)
        #expect(result.status == 0, "\(result.stderr)")
        return (directory, root)
    }

    /// Relative path → bytes of every file of the site's index.
    private func index(_ site: URL) throws -> [String: Data] {
        let folder = site.appendingPathComponent("pagefind")
        var files: [String: Data] = [:]
        for path in FileTree.files(under: folder) { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return files
    }

    private func pageCount(_ site: URL) throws -> Int? {
        let data = try Data(contentsOf: site.appendingPathComponent("pagefind/pagefind-entry.json"))
        let entry = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return ((entry?["languages"] as? [String: Any])?["en"] as? [String: Any])?["page_count"] as? Int
    }

    @Test func anIncrementalPublishIndexesExactlyLikeAFreshOne() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let site = root.appendingPathComponent("Site")
        let first = try BriefingProcess.run(["publish", "--as-of", "2026-11-21", "--quiet"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        let vendors = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("vendors").path).count
        let scenarios = try FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("scenarios").path).count
        // One briefing, every vendor and scenario; not the home, archive, methodology or 404 pages.
        #expect(try pageCount(site) == 1 + vendors + scenarios)

        #expect(try BriefingProcess.run(["weekly", "--as-of", "2026-11-27", "--quiet"], in: root).status == 0)
        let again = try BriefingProcess.run(["publish", "--as-of", "2026-11-28"], in: root)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try pageCount(site) == 2 + vendors + scenarios)
        // The index of an incremental publish is the one a publish from nothing makes, byte for
        // byte (pages are fed to Pagefind in a fixed order), with no file of the earlier index left.
        let fresh = directory.url.appendingPathComponent("Fresh")
        let clean = try BriefingProcess.run(["publish", "--to", fresh.path, "--as-of", "2026-11-28", "--quiet"], in: root)
        #expect(clean.status == 0, "\(clean.stderr)")
        let incremental = try index(site)
        #expect(incremental == (try index(fresh)))
        #expect(incremental.keys.filter { $0.hasPrefix("fragment/") }.count == 2 + vendors + scenarios)
    }

    @Test func withoutPagefindPublishFailsAndLeavesTheSite() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let site = root.appendingPathComponent("Site")
        #expect(try BriefingProcess.run(["publish", "--as-of", "2026-11-21", "--quiet"], in: root).status == 0)
        let before = try index(site)
        let archive = root.appendingPathComponent("Templates/site/archive.html")
        try FileManager.default.createDirectory(at: archive.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("{% extends \"site/layout.html\" %}{% block content %}<h1>Changed archive</h1>{% endblock %}".utf8).write(to: archive)

        let missing = try BriefingProcess.run(
            ["publish", "--as-of", "2026-11-21", "--quiet", "--color", "never"], in: root, environment: ["BRIEFING_PAGEFIND": "/nonexistent/pagefind"])
        // A missing program is the machine's fault: exit status 3.
        #expect(missing.status == 3)
        #expect(missing.stderr.contains("briefing: error: BRIEFING_PAGEFIND=/nonexistent/pagefind is not an executable file"), "\(missing.stderr)")
        #expect(missing.stderr.contains("scripts/install-deps --search") && missing.stderr.contains("publish with --no-search"))
        #expect(missing.stderr.contains("the site was left as it was"))
        #expect(!(try String(contentsOf: site.appendingPathComponent("archive.html"), encoding: .utf8)).contains("Changed archive"))
        #expect(try index(site) == before)

        // Deliberately without search: the site is built, and the old index is not carried over.
        let bare = try BriefingProcess.run(
            ["publish", "--as-of", "2026-11-21", "--quiet", "--no-search"], in: root, environment: ["BRIEFING_PAGEFIND": "/nonexistent/pagefind"])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect((try String(contentsOf: site.appendingPathComponent("archive.html"), encoding: .utf8)).contains("Changed archive"))
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("pagefind").path))
    }
}

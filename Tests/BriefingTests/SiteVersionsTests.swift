import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

#if canImport(Glibc)
import Glibc
#endif

/// `briefing publish` as versions behind one symlink, on the monthly workspace (two markets, six
/// vendors): what a republish reuses and rewrites, which versions stay, what is refused.
@Suite("site versions")
struct SiteVersionsTests {
    /// The monthly workspace with `more` further monthly periods built after its first (October).
    private func workspace(more: [String] = []) throws -> MonthlyWorkspace {
        let workspace = try MonthlyWorkspace()
        for day in more { try workspace.addPeriod(asOf: Day(day)!) }
        return workspace
    }

    private func inode(_ url: URL) -> UInt64? {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    private func manifest(_ site: URL) throws -> SiteManifest {
        let manifest = SiteManifest.read(in: site.resolvingSymlinksInPath())
        guard !manifest.pages.isEmpty else { throw MonthlyWorkspace.Failure("no manifest in \(site.path)") }
        return manifest
    }

    @Test("The site is a symlink to its current version; a republish with nothing changed renders nothing and links every file")
    func republishUnchanged() throws {
        let workspace = try workspace(more: ["2026-11-16"])
        defer { workspace.remove() }
        let site = workspace.root.deletingLastPathComponent().appendingPathComponent("\(workspace.root.lastPathComponent)-site")
        defer { SiteVersionsTests.removeSite(site) }
        let first = try workspace.publish(to: site)
        #expect(first.rendered > 0 && first.reused == 0)
        let firstVersion = try FileManager.default.destinationOfSymbolicLink(atPath: site.path)
        #expect(firstVersion == ".\(site.lastPathComponent).versions/1")
        let page = site.appendingPathComponent("periods/2026-10/briefing.html")
        let before = inode(page)

        let second = try workspace.publish(to: site)
        #expect(second.rendered == 0)
        #expect(second.reused == first.rendered)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.path) == ".\(site.lastPathComponent).versions/2")
        #expect(inode(page) == before, "an unchanged page is the previous version's file, not a copy")
    }

    @Test("Republishing after one more period rewrites only the pages whose inputs changed")
    func onePeriodMore() throws {
        let workspace = try workspace(more: ["2026-11-16"])
        defer { workspace.remove() }
        let site = workspace.root.deletingLastPathComponent().appendingPathComponent("\(workspace.root.lastPathComponent)-site")
        defer { SiteVersionsTests.removeSite(site) }
        _ = try workspace.publish(to: site)
        let old = try manifest(site)
        let inodes = Dictionary(uniqueKeysWithValues: old.pages.keys.map { ($0, inode(site.appendingPathComponent($0))) })

        try workspace.addPeriod(asOf: Day("2026-12-15")!)
        let result = try workspace.publish(to: site)
        let new = try manifest(site)
        let changed = Set(new.pages.filter { old.pages[$0.key] != $0.value }.map(\.key))
        #expect(result.rendered == changed.count)
        #expect(result.reused == new.pages.count - changed.count)
        // The new period, its predecessor (a "next" link), the pages that list periods; never October's.
        #expect(changed.contains("periods/2026-12/briefing.html"))
        #expect(changed.contains("periods/2026-11/briefing.html"))
        #expect(changed.contains("index.html") && changed.contains("archive.html") && changed.contains("feed.xml"))
        #expect(!changed.contains("periods/2026-10/briefing.html"))
        #expect(!changed.contains("assets/site.css"))
        for (path, old) in inodes where new.pages[path] != nil {
            let now = inode(site.appendingPathComponent(path))
            #expect((now == old) == !changed.contains(path), "\(path): rewritten \(now != old), changed \(changed.contains(path))")
        }
        #expect(Set(new.periods.keys) == ["2026-10", "2026-11", "2026-12"])
    }

    @Test("An unchanged period comes from the manifest without being read; a changed one is read again")
    func periodCache() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let loaded = try workspace.loaded()
        let fresh = SiteInputs.load(workspace: loaded, root: workspace.root, baseURL: "https://hw.example.internal/")
        var entry = try #require(fresh.cache[workspace.period])
        entry.summary.title = "Taken from the manifest"
        let cached = SiteInputs.load(workspace: loaded, root: workspace.root, baseURL: "https://hw.example.internal/", cache: [workspace.period: entry])
        #expect(cached.briefings.map(\.summary.title) == ["Taken from the manifest"])
        #expect(cached.briefings.first?.content() == fresh.briefings.first?.content())

        entry.stamp += "changed;"
        let reread = SiteInputs.load(workspace: loaded, root: workspace.root, baseURL: "https://hw.example.internal/", cache: [workspace.period: entry])
        #expect(reread.briefings.map(\.summary.title) == fresh.briefings.map(\.summary.title))
        #expect(reread.briefings.first?.contentKey == fresh.briefings.first?.contentKey)
    }

    @Test("A republish is made from the version before the current one: it equals a publish from nothing, and the current version is never written")
    func recycledVersion() throws {
        let workspace = try workspace(more: ["2026-11-16"])
        defer { workspace.remove() }
        let parent = try TemporaryDirectory(prefix: "site-parent")
        defer { parent.remove() }
        let site = parent.url.appendingPathComponent("site")
        _ = try workspace.publish(to: site)
        _ = try workspace.publish(to: site)
        let versions = SiteVersions(pointer: site)
        #expect(versions.ids() == [1, 2])
        // A file left by hand in the current version is carried; what the old version holds that
        // the site does not (a stray file, an old search index, a removed page) goes.
        try FileManager.default.createDirectory(at: versions.url(2).appendingPathComponent("notes"), withIntermediateDirectories: true)
        try Data("kept".utf8).write(to: versions.url(2).appendingPathComponent("notes/keep.txt"))
        try FileManager.default.createDirectory(at: versions.url(1).appendingPathComponent("pagefind/fragment"), withIntermediateDirectories: true)
        try Data("old index".utf8).write(to: versions.url(1).appendingPathComponent("pagefind/fragment/a.pf_fragment"))
        try Data("stray".utf8).write(to: versions.url(1).appendingPathComponent("stray.txt"))
        try FileManager.default.createDirectory(at: versions.url(1).appendingPathComponent("periods/2019-01"), withIntermediateDirectories: true)
        try Data("removed".utf8).write(to: versions.url(1).appendingPathComponent("periods/2019-01/briefing.html"))
        // A page of the old version changed by hand is not trusted: it is not the current version's file.
        try FileManager.default.removeItem(at: versions.url(1).appendingPathComponent("periods/2026-10/briefing.html"))
        try Data("edited".utf8).write(to: versions.url(1).appendingPathComponent("periods/2026-10/briefing.html"))
        let current = Self.contents(of: versions.url(2))
        let old = try manifest(site)

        try workspace.addPeriod(asOf: Day("2026-12-15")!)
        let result = try workspace.publish(to: site, clean: false)
        #expect(versions.ids() == [2, 3] && versions.currentID == 3)
        #expect(Self.contents(of: versions.url(2)) == current, "the version readers were using is unchanged")

        let reference = parent.url.appendingPathComponent("reference")
        let fresh = try workspace.publish(to: reference)
        var published = Self.contents(of: versions.url(3))
        #expect(published.removeValue(forKey: "notes/keep.txt") == Data("kept".utf8))
        #expect(published == Self.contents(of: reference.resolvingSymlinksInPath()))
        #expect(result.rendered + result.reused == fresh.rendered && result.kept == 1)
        #expect(result.rendered == (try manifest(site)).pages.filter { old.pages[$0.key] != $0.value }.count)
        let unchanged = versions.url(3).appendingPathComponent("periods/2026-10/briefing.html")
        #expect(inode(unchanged) == inode(versions.url(2).appendingPathComponent("periods/2026-10/briefing.html")))
        #expect(!FileManager.default.fileExists(atPath: versions.url(3).appendingPathComponent("periods/2019-01").path))
    }

    @Test(
        "A version before the current one that cannot be brought up to date gives way to a version made from nothing, and nothing is written through a link",
        arguments: ["folder at a page", "dangling link at a page", "link to an outside folder where a folder goes", "file where a folder goes"])
    func recycledVersionFallsBack(_ obstacle: String) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let parent = try TemporaryDirectory(prefix: "site-parent")
        defer { parent.remove() }
        let site = parent.url.appendingPathComponent("site")
        _ = try workspace.publish(to: site)
        _ = try workspace.publish(to: site)
        let versions = SiteVersions(pointer: site)
        let outside = parent.url.appendingPathComponent("outside")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        let old = versions.url(1)
        switch obstacle {
        case "folder at a page":
            try FileManager.default.removeItem(at: old.appendingPathComponent("archive.html"))
            try FileManager.default.createDirectory(at: old.appendingPathComponent("archive.html/inside"), withIntermediateDirectories: true)
        case "dangling link at a page":
            try FileManager.default.removeItem(at: old.appendingPathComponent("archive.html"))
            try FileManager.default.createSymbolicLink(atPath: old.appendingPathComponent("archive.html").path, withDestinationPath: outside.appendingPathComponent("planted.html").path)
        case "link to an outside folder where a folder goes":
            try FileManager.default.createSymbolicLink(atPath: old.appendingPathComponent("periods/2026-11").path, withDestinationPath: outside.path)
        default:
            try Data("not a folder".utf8).write(to: old.appendingPathComponent("periods/2026-11"))
        }
        try workspace.addPeriod(asOf: Day("2026-11-16")!)
        let result = try workspace.publish(to: site)
        #expect(versions.ids() == [2, 3])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path).isEmpty, "nothing written outside the site")
        let reference = parent.url.appendingPathComponent("reference")
        let fresh = try workspace.publish(to: reference)
        #expect(Self.contents(of: versions.url(3)) == Self.contents(of: reference.resolvingSymlinksInPath()))
        #expect(result.rendered + result.reused == fresh.rendered)
    }

    private static func contents(of folder: URL) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: FileTree.files(under: folder).map { ($0, FileManager.default.contents(atPath: folder.appendingPathComponent($0).path) ?? Data()) })
    }

    @Test("Only the current and the previous version are kept")
    func oldVersionsCollected() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let site = workspace.root.deletingLastPathComponent().appendingPathComponent("\(workspace.root.lastPathComponent)-site")
        defer { SiteVersionsTests.removeSite(site) }
        for _ in 0..<4 { _ = try workspace.publish(to: site) }
        let versions = SiteVersions(pointer: site)
        #expect(versions.ids() == [3, 4])
        #expect(versions.currentID == 4)
        // A version left by a killed run is removed by the next publish.
        try FileManager.default.createDirectory(at: versions.url(9), withIntermediateDirectories: true)
        _ = try workspace.publish(to: site)
        #expect(versions.ids() == [4, 10])
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("index.html").path))
    }

    @Test("A site published as a folder before versions becomes the symlink; nothing is left beside it")
    func folderSiteMigrates() throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let parent = try TemporaryDirectory(prefix: "site-parent")
        defer { parent.remove() }
        let site = parent.url.appendingPathComponent("public")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try Data(SiteDestination.markerText.utf8).write(to: site.appendingPathComponent(SiteDestination.markerName))
        try Data(#"{"index.html":"old"}"#.utf8).write(to: site.appendingPathComponent(SiteManifest.name))
        try Data("old".utf8).write(to: site.appendingPathComponent("index.html"))
        _ = try workspace.publish(to: site)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: site.path) == ".public.versions/1")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.url.path).sorted() == [".public.versions", "public"])
        #expect(try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) != "old")
    }

    @Test("A folder briefing publish did not write is refused, also behind a symlink that looks like a version", arguments: [false, true])
    func foreignDestinationRefused(_ lookalike: Bool) throws {
        let workspace = try workspace()
        defer { workspace.remove() }
        let parent = try TemporaryDirectory(prefix: "site-parent")
        defer { parent.remove() }
        let site = parent.url.appendingPathComponent("www")
        let folder = lookalike ? parent.url.appendingPathComponent(".www.versions/1") : site
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        if lookalike { try FileManager.default.createSymbolicLink(atPath: site.path, withDestinationPath: ".www.versions/1") }
        let before = FileTree.files(under: parent.url)
        #expect(throws: SiteDestination.Refusal.self) { try workspace.publish(to: site) }
        #expect(FileTree.files(under: parent.url) == before)
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "keep me")
    }

    @Test("Pages rendered on every core give the same bytes on every run")
    func deterministic() throws {
        let workspace = try workspace(more: ["2026-11-16", "2026-12-15"])
        defer { workspace.remove() }
        let parent = try TemporaryDirectory(prefix: "site-parent")
        defer { parent.remove() }
        var trees: [[String: Data]] = []
        for name in ["a", "b", "c"] {
            let site = parent.url.appendingPathComponent(name)
            _ = try workspace.publish(to: site)
            let real = site.resolvingSymlinksInPath()
            trees.append(Dictionary(uniqueKeysWithValues: FileTree.files(under: site).map { ($0, FileManager.default.contents(atPath: real.appendingPathComponent($0).path) ?? Data()) }))
        }
        #expect(trees[0].count > 20)
        #expect(trees[0] == trees[1] && trees[1] == trees[2])
    }

    static func removeSite(_ site: URL) {
        try? FileManager.default.removeItem(at: site)
        try? FileManager.default.removeItem(at: SiteVersions(pointer: site).folder)
    }
}

extension MonthlyWorkspace {
    /// The workspace as loaded on its as-of day.
    func loaded() throws -> Workspace {
        let result = WorkspaceLoader(root: root).load(asOf: Self.asOf)
        guard let workspace = result.workspace else { throw Failure(result.diagnostics.map(\.description).joined(separator: "\n")) }
        return workspace
    }

    /// Builds and writes the period containing `day`, after the ones in `Reports/`.
    func addPeriod(asOf day: Day) throws {
        let result = WorkspaceLoader(root: root).load(asOf: day)
        guard let workspace = result.workspace else { throw Failure(result.diagnostics.map(\.description).joined(separator: "\n")) }
        let period = Period(containing: day, cadence: workspace.config.cadence)
        let reports = ReportsFolder(workspaceRoot: root)
        let build = try WeeklyBuilder(workspace: workspace, root: root, asOf: day, toolVersion: "0.0.0-test")
            .build(previous: reports.previous(before: period))
        try reports.write(build.files, as: period)
    }
}

import Foundation
import TestSupport
import Testing
@testable import BriefingCLI

/// `briefing publish` on a copy of the bundled workspace: pages, atomic replacement, incremental
/// rebuilds, `--clean`, and the published-periods record that protects briefings.
@Suite("briefing publish")
struct PublishCommandTests {

    /// The bundled workspace with two weekly briefings.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try Repository.copy(["briefing.yaml", "Data", "Templates"], to: directory.url)
        try? FileManager.default.removeItem(at: directory.url.appendingPathComponent("Data/samples"))
        for date in ["2026-11-27", "2026-12-04"] {
            let result = try BriefingProcess.run(["weekly", "--as-of", date, "--quiet", "--force"], in: directory.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        return directory
    }

    private func publish(_ directory: TemporaryDirectory, _ extra: [String] = []) throws -> BriefingProcess.Result {
        try BriefingProcess.run(["publish", "--as-of", "2026-12-05", "--quiet"] + extra, in: directory.url)
    }

    /// Relative path → file bytes, for every file under `url` (a published site's symlink is followed).
    private func contents(_ url: URL) -> [String: Data] {
        let url = url.resolvingSymlinksInPath()
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: url.path)
        while let path = enumerator?.nextObject() as? String {
            if let data = FileManager.default.contents(atPath: url.appendingPathComponent(path).path) { files[path] = data }
        }
        return files
    }

    @Test func buildsEveryPageAndRecordsThePublishedPeriods() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try publish(directory)
        #expect(result.status == 0, "\(result.stderr)")
        let site = directory.url.appendingPathComponent("Site")
        for page in ["index.html", "archive.html", "periods/2026-W48/briefing.html", "periods/2026-W49/briefing.html",
                     "periods/2026-W49/charts/ai-accelerators-fan.svg", "vendors/nvidia.html", "scenarios/merchant.html",
                     "feed.xml", "sitemap.xml", "404.html", "assets/site.css"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), "missing \(page)")
        }
        let period = try String(contentsOf: site.appendingPathComponent("periods/2026-W49/briefing.html"), encoding: .utf8)
        #expect(period.contains("href=\"../2026-W48/briefing.html\""))
        #expect(period.contains("../../assets/site.css"))
        #expect(!period.contains("href=\"/"))
        let feed = try String(contentsOf: site.appendingPathComponent("feed.xml"), encoding: .utf8)
        #expect(feed.contains("<id>https://research.example.internal/briefing/periods/2026-W49/briefing.html</id>"))
        let published = try String(contentsOf: directory.url.appendingPathComponent("Reports/published.json"), encoding: .utf8)
        #expect(published.contains("\"2026-W48\" : \"2026-12-05\"") && published.contains("\"2026-W49\" : \"2026-12-05\""))
        // A published period is protected from accidental rewrites.
        let weekly = try BriefingProcess.run(["weekly", "--as-of", "2026-12-04", "--quiet"], in: directory.url)
        #expect(weekly.status == 0)
        #expect(weekly.stderr.contains("2026-W49 was published on 2026-12-05, so it is left as it is"))
    }

    @Test func republishingUnchangedInputsRebuildsNothingAndIsByteIdentical() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try publish(directory).status == 0)
        let site = directory.url.appendingPathComponent("Site")
        let first = contents(site)
        let again = try BriefingProcess.run(["publish", "--as-of", "2026-12-05"], in: directory.url)
        #expect(again.stderr.contains(" 0 page(s) built"), "\(again.stderr)")
        // The whole site, its search index included (pages are given to Pagefind in path order).
        #expect(first.keys.contains { $0.hasPrefix("pagefind/") })
        #expect(contents(site) == first)
    }

    @Test func addingAPeriodRebuildsOnlyWhatListsIt() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try publish(directory).status == 0)
        let site = directory.url.appendingPathComponent("Site")
        let before = contents(site)
        #expect(try BriefingProcess.run(["weekly", "--as-of", "2026-12-11", "--quiet"], in: directory.url).status == 0)
        #expect(try BriefingProcess.run(["publish", "--as-of", "2026-12-12", "--quiet"], in: directory.url).status == 0)
        let after = contents(site)
        let changed = Set(after.keys.filter { before[$0] != after[$0] })
        #expect(changed.contains("periods/2026-W50/briefing.html"))
        #expect(changed.contains("index.html") && changed.contains("archive.html") && changed.contains("feed.xml"))
        // The oldest briefing is neither a neighbour of the new one nor otherwise affected.
        #expect(!changed.contains("periods/2026-W48/briefing.html"))
        #expect(!changed.contains("assets/site.css"))
    }

    @Test func aFailedBuildLeavesTheOldSiteUntouched() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try publish(directory).status == 0)
        let site = directory.url.appendingPathComponent("Site")
        let before = contents(site)
        try directory.write("{% extends \"site/layout.html\" %}{% block content %}{{ nope }}{% endblock %}", to: "Templates/site/archive.html")
        let result = try publish(directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Templates/site/archive.html:1:"))
        #expect(result.stderr.contains("the site was left as it was"))
        #expect(contents(site) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    /// A period whose files in `Reports/` were damaged by hand is left out, with a warning that
    /// names the file, instead of vanishing from the site without a word.
    @Test func anUnreadablePeriodIsLeftOutWithALocatedWarning() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try Data("{ not json".utf8).write(to: directory.url.appendingPathComponent("Reports/2026-W48/summary.json"))
        let result = try publish(directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("Reports/2026-W48/summary.json: warning: missing or unreadable; 2026-W48 is left out of the site"),
                "\(result.stderr)")
        let site = directory.url.appendingPathComponent("Site")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("periods/2026-W48/briefing.html").path))
        #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent("periods/2026-W49/briefing.html").path))
    }

    @Test func foreignFilesStayUnlessClean() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try publish(directory).status == 0)
        try directory.write("kept", to: "Site/extra/notes.txt")
        #expect(try publish(directory).status == 0)
        #expect(FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("Site/extra/notes.txt").path))
        #expect(try publish(directory, ["--clean"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("Site/extra/notes.txt").path))
    }
}

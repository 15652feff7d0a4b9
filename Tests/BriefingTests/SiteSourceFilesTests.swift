import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// `briefing publish` copies charts from `Reports/` and the style sheet from `Templates/assets/`:
/// never through a symlink that leaves the workspace, never a chart that could run or load anything.
@Suite("The site copies only safe files from inside the workspace")
struct SiteSourceFilesTests {
    /// A secret outside the workspace, and the published site's folder.
    private struct Outside {
        let folder: URL
        let secret: URL
        let text = "ROOT-SECRET-\(UUID().uuidString)"

        init() throws {
            folder = try TemporaryDirectory(prefix: "outside").url
            secret = folder.appendingPathComponent("passwd")
            try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\(text)</text></svg>\n".utf8).write(to: secret)
        }

        func remove() { try? FileManager.default.removeItem(at: folder) }
    }

    private func replaceWithLink(_ path: String, in workspace: MonthlyWorkspace, to target: URL) throws {
        let link = workspace.root.appendingPathComponent(path)
        try? FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    }

    /// Publishing fails with these diagnostics, names no secret, and leaves no site behind.
    private func expectRefused(_ workspace: MonthlyWorkspace, outside: Outside, _ expected: [String]) throws {
        let site = outside.folder.appendingPathComponent("Site")
        let error = try #require(throws: SiteSourceError.self) { try workspace.publish(to: site) }
        #expect(error.diagnostics.map(\.description) == expected)
        #expect(!error.description.contains(outside.text))
        #expect(!error.description.contains(outside.folder.path))
        #expect(!FileManager.default.fileExists(atPath: site.path))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: outside.folder.path)
        #expect(leftovers == ["passwd"], "a temporary site was left behind: \(leftovers)")
    }

    @Test("A chart that links outside the workspace is refused by name")
    func chartLinkedOutside() throws {
        let workspace = try MonthlyWorkspace()
        let outside = try Outside()
        defer { workspace.remove(); outside.remove() }
        let chart = "Reports/\(workspace.period)/charts/optical-fan.svg"
        #expect(FileManager.default.fileExists(atPath: workspace.root.appendingPathComponent(chart).path))
        try replaceWithLink(chart, in: workspace, to: outside.secret)
        try expectRefused(workspace, outside: outside, ["\(chart): error: \(SiteSourceFiles.outsideMessage)"])
    }

    @Test("Every refused file is reported in one run: charts folder, style sheet, briefing")
    func everyRefusalInOneRun() throws {
        let workspace = try MonthlyWorkspace()
        let outside = try Outside()
        defer { workspace.remove(); outside.remove() }
        let period = workspace.period
        let charts = workspace.root.appendingPathComponent("Reports/\(period)/charts")
        try FileManager.default.removeItem(at: charts)
        try FileManager.default.createSymbolicLink(at: charts, withDestinationURL: outside.folder)
        try replaceWithLink("Templates/assets/site.css", in: workspace, to: outside.secret)
        try expectRefused(workspace, outside: outside, [
            "Templates/assets/site.css: error: \(SiteSourceFiles.outsideMessage)",
            "Reports/\(period)/charts: error: \(SiteSourceFiles.outsideMessage)",
        ])
        // The period's own Markdown, linked out: refused before it is read, so before the charts.
        try replaceWithLink("Reports/\(period)/briefing.md", in: workspace, to: outside.secret)
        try expectRefused(workspace, outside: outside, [
            "Reports/\(period)/briefing.md: error: \(SiteSourceFiles.outsideMessage)",
            "Templates/assets/site.css: error: \(SiteSourceFiles.outsideMessage)",
        ])
    }

    @Test("A whole period folder linked outside the workspace is refused")
    func periodFolderLinkedOutside() throws {
        let workspace = try MonthlyWorkspace()
        let outside = try Outside()
        defer { workspace.remove(); outside.remove() }
        let folder = workspace.root.appendingPathComponent("Reports/\(workspace.period)")
        let moved = outside.folder.appendingPathComponent("period")
        try FileManager.default.moveItem(at: folder, to: moved)
        try FileManager.default.createSymbolicLink(at: folder, withDestinationURL: moved)
        let site = outside.folder.appendingPathComponent("Site")
        let error = try #require(throws: SiteSourceError.self) { try workspace.publish(to: site) }
        #expect(error.description == "Reports/\(workspace.period)/summary.json: error: \(SiteSourceFiles.outsideMessage)")
    }

    @Test("Links that stay inside the workspace are followed, and charts are copied byte for byte")
    func linksInsideAreFine() throws {
        let workspace = try MonthlyWorkspace()
        let outside = try Outside()
        defer { workspace.remove(); outside.remove() }
        let period = workspace.period
        let chartsFolder = workspace.root.appendingPathComponent("Reports/\(period)/charts")
        let charts = try FileManager.default.contentsOfDirectory(atPath: chartsFolder.path).filter { $0.hasSuffix(".svg") }.sorted()
        #expect(charts.count >= 2)
        // One chart kept elsewhere in the workspace and linked relatively.
        let kept = workspace.root.appendingPathComponent("Data/kept.svg")
        try FileManager.default.moveItem(at: chartsFolder.appendingPathComponent(charts[0]), to: kept)
        try FileManager.default.createSymbolicLink(atPath: chartsFolder.appendingPathComponent(charts[0]).path, withDestinationPath: "../../../Data/kept.svg")
        let site = outside.folder.appendingPathComponent("Site")
        _ = try workspace.publish(to: site)
        for chart in charts {
            let published = try Data(contentsOf: site.appendingPathComponent("periods/\(period)/charts/\(chart)"))
            #expect(published == (try Data(contentsOf: chartsFolder.appendingPathComponent(chart))), "\(chart) changed on the way")
        }
    }

    @Test("A chart with a script is refused at its line and column; nothing is published")
    func scriptedChart() throws {
        let workspace = try MonthlyWorkspace()
        let outside = try Outside()
        defer { workspace.remove(); outside.remove() }
        let chart = "Reports/\(workspace.period)/charts/planted.svg"
        try workspace.write("<svg xmlns=\"http://www.w3.org/2000/svg\">\n  <script>fetch('/')</script>\n  <rect onclick=\"x()\" width=\"1\" height=\"1\"/>\n</svg>\n", to: chart)
        try expectRefused(workspace, outside: outside, [
            "\(chart):2:3: error: <script> is not allowed in a chart (the chart is not published)",
            "\(chart):3:9: error: event handler attribute onclick is not allowed (the chart is not published)",
        ])
    }

    @Test("Each entry is placed by its folder's real path and its own lstat, links and all")
    func placesEntriesThroughTheirFolders() throws {
        let workspace = try TemporaryDirectory(prefix: "placed").url
        let outside = try Outside()
        defer { outside.remove() }
        let fm = FileManager.default
        try fm.createDirectory(at: workspace.appendingPathComponent("Reports/2026-W01/charts"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: workspace.appendingPathComponent("Reports/2026-W01/charts/a.svg"))
        try Data("b".utf8).write(to: workspace.appendingPathComponent("Reports/2026-W01/charts/b.svg"))
        // A folder linked inside the workspace, a folder linked out, a file linked out, a dangling link.
        try fm.createSymbolicLink(at: workspace.appendingPathComponent("Reports/alias"), withDestinationURL: workspace.appendingPathComponent("Reports/2026-W01"))
        try fm.createSymbolicLink(at: workspace.appendingPathComponent("Reports/away"), withDestinationURL: outside.folder)
        try fm.createSymbolicLink(at: workspace.appendingPathComponent("Reports/2026-W01/charts/c.svg"), withDestinationURL: outside.secret)
        try fm.createSymbolicLink(
            at: workspace.appendingPathComponent("Reports/2026-W01/charts/d.svg"), withDestinationURL: workspace.appendingPathComponent("nowhere.svg"))
        let sources = SiteSourceFiles(root: workspace)
        let realWorkspace = workspace.resolvingSymlinksInPath().path
        func place(_ path: String) -> SiteSourceFiles.Place { sources.place(of: workspace.appendingPathComponent(path)) }
        // Twice each: the second answer comes from the folder's cached real path.
        for _ in 0..<2 {
            #expect(place("Reports/2026-W01/charts/a.svg") == .inside(realWorkspace + "/Reports/2026-W01/charts/a.svg"))
            #expect(place("Reports/2026-W01/charts/b.svg") == .inside(realWorkspace + "/Reports/2026-W01/charts/b.svg"))
            #expect(place("Reports/alias/charts/a.svg") == .inside(realWorkspace + "/Reports/2026-W01/charts/a.svg"))
            #expect(place("Reports/alias") == .inside(realWorkspace + "/Reports/2026-W01"))
            #expect(place("Reports/away") == .outside)
            #expect(place("Reports/away/passwd") == .outside)
            #expect(place("Reports/2026-W01/charts/c.svg") == .outside)
            #expect(place("Reports/2026-W01/charts/d.svg") == .missing)
            #expect(place("Reports/2026-W01/charts/missing.svg") == .missing)
            #expect(place("Reports/gone/a.svg") == .missing)
        }
        if case .success = sources.read(workspace.appendingPathComponent("Reports/away/passwd"), display: "Reports/away/passwd") {
            Issue.record("a file reached through a folder linked out of the workspace was read")
        }
    }
}

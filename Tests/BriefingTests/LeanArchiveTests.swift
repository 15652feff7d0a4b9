// The lean archive: each figure once in Reports/<period>/, the older layout still read, and
// `briefing archive migrate` (ReportsFolder.migrate) rewriting it atomically.
//
// On the monthly, two-market workspace of MonthlyWorkspace (not the bundled one). The older layout
// is made from a lean period as the earlier writer laid it out: `figures.json` as
// `briefing.projections/1` (ProjectionReport.json, as `briefing project --format json` prints it), the long `figures.csv`, the weighted figures in
// a pretty-printed `briefing.snapshot/1`, the inputs in `manifest.json` and a `methodology.md`.

import Foundation
import Projections
import TestSupport
import Testing
import Workspace
@testable import Briefing

@Suite("Lean archive")
struct LeanArchiveTests {
    @Test("each figure once: figures.json, a snapshot of inputs, no CSV or Markdown copy")
    func eachFigureOnce() throws {
        let workspace = try MonthlyWorkspace()
        defer { workspace.remove() }
        let folder = workspace.root.appendingPathComponent("Reports/\(workspace.period)")
        let names = Set(FileTree.files(under: folder))
        #expect(names.contains("figures.json") && names.contains("snapshot.json") && names.contains("briefing.md") && names.contains("briefing.html"))
        #expect(!names.contains("figures.csv") && !names.contains("methodology.md"))
        let snapshot = try String(decoding: Data(contentsOf: folder.appendingPathComponent("snapshot.json")), as: UTF8.self)
        #expect(snapshot.contains("\"schema\":\"briefing.snapshot/2\""))
        #expect(!snapshot.contains("\"weighted\"") && !snapshot.contains("\"figures\"") && !snapshot.contains("market_size"))
        let manifest = try String(decoding: Data(contentsOf: folder.appendingPathComponent("manifest.json")), as: UTF8.self)
        #expect(!manifest.contains("\"inputs\""))
        let figures = try #require(ArchivedFigures.read(folder.appendingPathComponent("figures.json")))
        #expect(figures.markets.map(\.id) == ["hbm", "optical"], "the workspace's market order")
        #expect(figures.markets.allSatisfy { $0.views.last?.id == "weighted" && $0.monteCarlo != nil })
        // The weighted figures come back whole for the next period and the site.
        let read = try #require(ArchivedPeriod(folder: folder).snapshot())
        let rebuilt = try Self.rebuild(workspace)
        for (a, b) in zip(read.markets, rebuilt.snapshot.markets) {
            #expect(a.weighted == b.weighted && !a.weighted.isEmpty)
        }
        #expect(ArchivedPeriod(folder: folder).layout() == .lean)
        // The site's figures of the period: a few kilobytes, the horizon of each market's weighted view.
        let site = try #require(PeriodSiteFile.decode(Data(contentsOf: folder.appendingPathComponent(PeriodSiteFile.name))))
        #expect(site.markets.map(\.id) == ["hbm", "optical"])
        #expect(site.markets.map(\.horizon) == rebuilt.snapshot.markets.map(\.weighted.last))
        #expect(try Data(contentsOf: folder.appendingPathComponent(PeriodSiteFile.name)).count < 8_000)
    }

    @Test("a lean period written before site.json reads the same for the site, and migrating adds only site.json")
    func leanPeriodWithoutSiteFile() throws {
        let workspace = try MonthlyWorkspace()
        defer { workspace.remove() }
        let reports = ReportsFolder(workspaceRoot: workspace.root)
        let period = try #require(Period(workspace.period))
        let folder = reports.folder(period)
        let lean = try Self.contents(folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent(PeriodSiteFile.name))
        #expect(reports.siteFileSources(of: period) == ArchivedPeriod.files)
        let read = try reports.siteFile(of: period).get()
        #expect(read.bytes == lean[PeriodSiteFile.name], "the same bytes as briefing weekly's site.json")
        let done = try reports.migrate(only: [period.description], dryRun: false)
        #expect(done.map(\.rewritten) == [true])
        #expect(try Self.contents(folder) == lean)
    }

    @Test("the older layout reads the same, migrates to the lean files, twice the same, and leaves others alone")
    func olderLayoutReadsAndMigrates() throws {
        let workspace = try MonthlyWorkspace()
        defer { workspace.remove() }
        let reports = ReportsFolder(workspaceRoot: workspace.root)
        let period = try #require(Period(workspace.period))
        let folder = reports.folder(period)
        let lean = try Self.contents(folder)
        try Self.makeOlder(workspace, period: period)
        let older = try Self.contents(folder)
        #expect(older["figures.csv"] != nil && older["methodology.md"] != nil && older != lean)
        #expect(ArchivedPeriod(folder: folder).layout() == .older)
        #expect(try reports.siteFile(of: period).get().bytes == lean[PeriodSiteFile.name], "the site reads the older layout as weekly wrote site.json")
        // Reading: the same weighted figures and outline either way.
        let fromOlder = try #require(ArchivedPeriod(folder: folder).snapshot())
        let rebuilt = try Self.rebuild(workspace)
        #expect(fromOlder.markets.map(\.weighted) == rebuilt.snapshot.markets.map(\.weighted))
        #expect(try #require(ArchivedPeriod(folder: folder).outline()).markets.map(\.weighted) == rebuilt.snapshot.markets.map(\.weighted))
        #expect(reports.previous(before: period.next)?.period == period)
        // An older period next to it, not named: stays byte-identical.
        let other = period.previous
        try FileManager.default.copyItem(at: folder, to: reports.folder(other))
        try Self.rewriteManifestPeriod(reports.folder(other), to: other.description)
        let otherBefore = try Self.contents(reports.folder(other))
        // A dry run writes nothing.
        let dry = try reports.migrate(only: [period.description], dryRun: true)
        #expect(dry.count == 1 && dry[0].rewritten && dry[0].bytesAfter < dry[0].bytesBefore)
        #expect(try Self.contents(folder) == older)
        // Migrating gives what briefing weekly writes today, byte for byte.
        let done = try reports.migrate(only: [period.description], dryRun: false)
        #expect(done.map(\.rewritten) == [true])
        #expect(try Self.contents(folder) == lean)
        #expect(try Self.contents(reports.folder(other)) == otherBefore)
        // Idempotent: a second run leaves the lean period untouched.
        let again = try reports.migrate(only: [period.description], dryRun: false)
        #expect(again.map(\.rewritten) == [false])
        #expect(try Self.contents(folder) == lean)
    }

    @Test("folders briefing weekly did not write are refused, and nothing is migrated", arguments: ["no manifest", "a symlink", "not a period"])
    func foreignFoldersAreRefused(_ kind: String) throws {
        let workspace = try MonthlyWorkspace()
        defer { workspace.remove() }
        let reports = ReportsFolder(workspaceRoot: workspace.root)
        let period = try #require(Period(workspace.period))
        try Self.makeOlder(workspace, period: period)
        let older = try Self.contents(reports.folder(period))
        let foreign = reports.folder(period.previous)
        var only: [String] = []
        switch kind {
        case "no manifest":
            try FileManager.default.createDirectory(at: foreign, withIntermediateDirectories: true)
            try Data("{}".utf8).write(to: foreign.appendingPathComponent("snapshot.json"))
        case "a symlink":
            try FileManager.default.copyItem(at: reports.folder(period), to: foreign)
            try Self.rewriteManifestPeriod(foreign, to: period.previous.description)
            try FileManager.default.createSymbolicLink(atPath: foreign.appendingPathComponent("charts/extra.svg").path, withDestinationPath: "/etc/hostname")
        default:
            only = ["notes", period.description]
        }
        #expect(throws: ReportsFolder.MigrateError.self) { try reports.migrate(only: only, dryRun: false) }
        #expect(try Self.contents(reports.folder(period)) == older, "nothing was migrated")
    }

    // MARK: - Helpers

    static func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in FileTree.files(under: folder) { out[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return out
    }

    static func rebuild(_ workspace: MonthlyWorkspace) throws -> WeeklyBuild {
        let result = WorkspaceLoader(root: workspace.root).load(asOf: MonthlyWorkspace.asOf)
        let loaded = try #require(result.workspace)
        return try WeeklyBuilder(workspace: loaded, root: workspace.root, asOf: result.asOf, toolVersion: "0.0.0-test").build(previous: nil)
    }

    static func rewriteManifestPeriod(_ folder: URL, to period: String) throws {
        let url = folder.appendingPathComponent("manifest.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        object["period"] = period
        try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]).write(to: url)
    }

    /// Rewrites the lean period as the earlier writer laid it out.
    static func makeOlder(_ workspace: MonthlyWorkspace, period: Period) throws {
        let folder = ReportsFolder(workspaceRoot: workspace.root).folder(period)
        let result = WorkspaceLoader(root: workspace.root).load(asOf: MonthlyWorkspace.asOf)
        let loaded = try #require(result.workspace)
        let defaults = loaded.config.defaults
        let reports = loaded.markets.map {
            ProjectionReport.build(market: $0, workspace: loaded, root: workspace.root,
                                   options: .init(monteCarlo: (defaults.monteCarloPaths, defaults.monteCarloSeed), sensitivity: true))
        }
        let selections = reports.map { (report: $0, selection: ProjectionSelection(scenarioIDs: $0.scenarios.map(\.id), includeWeighted: true)) }
        try Data(ProjectionReport.json(selections).utf8).write(to: folder.appendingPathComponent("figures.json"))
        try Data(ProjectionReport.csv(selections).utf8)
            .write(to: folder.appendingPathComponent("figures.csv"))
        try Data("# Methodology\n".utf8).write(to: folder.appendingPathComponent("methodology.md"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent(PeriodSiteFile.name))
        let rebuilt = try rebuild(workspace)
        let snapshotURL = folder.appendingPathComponent("snapshot.json")
        var snapshot = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: snapshotURL)) as? [String: Any])
        snapshot["schema"] = "briefing.snapshot/1"
        let weighted = try JSONSerialization.jsonObject(with: JSONEncoder().encode(rebuilt.snapshot.markets.map(\.weighted))) as! [Any]
        var markets = try #require(snapshot["markets"] as? [[String: Any]])
        for index in markets.indices { markets[index]["weighted"] = weighted[index] }
        snapshot["markets"] = markets
        try JSONSerialization.data(withJSONObject: snapshot, options: [.prettyPrinted, .sortedKeys]).write(to: snapshotURL)
        let manifestURL = folder.appendingPathComponent("manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any])
        manifest["schema"] = "briefing.manifest/1"
        manifest["inputs"] = snapshot["inputs"]
        try JSONSerialization.data(withJSONObject: manifest, options: [.prettyPrinted, .sortedKeys]).write(to: manifestURL)
    }
}

import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// `briefing init`'s files: a workspace that loads without a single diagnostic on its as-of date.
@Suite("Workspace scaffold")
struct ScaffoldTests {
    /// Writes the scaffold for `asOf` into a new temporary folder.
    private func scaffold(asOf: Day) throws -> URL {
        let root = try TemporaryDirectory(prefix: "scaffold").url
        for file in Scaffold.files(asOf: asOf) {
            let url = root.appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.contents.utf8).write(to: url)
        }
        return root
    }

    @Test(arguments: ["2026-11-27", "2030-01-01", "2026-02-28", "2028-02-29", "2026-12-31"])
    func loadsWithoutDiagnostics(_ date: String) throws {
        let asOf = try #require(Day(date))
        let root = try scaffold(asOf: asOf)
        defer { try? FileManager.default.removeItem(at: root) }

        let result = WorkspaceLoader(root: root).load(asOf: asOf)
        #expect(result.diagnostics.map(\.description) == [])
        let workspace = try #require(result.workspace)
        #expect(workspace.config.title == "Research Briefing")
        #expect(workspace.config.team == "Research")
        #expect(workspace.config.cadence == .weekly)
        #expect(workspace.config.timezone == "UTC")
        #expect(workspace.config.baseURL == "https://research.example.internal/briefing/")
        #expect(workspace.config.defaults.horizon == asOf.year + 4)
        #expect(workspace.sources.count == 2)
        #expect(workspace.sources.allSatisfy { $0.url != nil && $0.date != nil })

        let market = try #require(workspace.market(Scaffold.marketID))
        #expect(market.baseYear == asOf.year - 1)
        #expect(market.history.map(\.year) == [asOf.year - 2, asOf.year - 1])
        #expect(market.vendorIDs == Scaffold.vendorIDs)
        #expect(workspace.vendors.map(\.id).sorted() == Scaffold.vendorIDs.sorted())
        #expect(workspace.vendors.allSatisfy { $0.updated == asOf && $0.sections.map(\.key) == ["thesis", "catalysts", "risks"] })

        let scenarios = workspace.scenarios(of: market.id)
        #expect(scenarios.map(\.id) == Scaffold.scenarioIDs)
        #expect(scenarios.map(\.probability) == [0.6, 0.4])
        #expect(scenarios.allSatisfy { $0.horizon == asOf.year + 4 })
        #expect(Set(scenarios.map(\.curve)).count == 2)

        #expect(workspace.events.map(\.date) == [asOf])
        #expect(workspace.events.map(\.slug) == ["workspace-created"])
        #expect(workspace.events.first?.sources.count == 1)
    }

    @Test(arguments: ["2026-11-27", "2030-01-01", "2026-02-28"])
    func passesTheFullCheckTemplatesIncluded(_ date: String) throws {
        let asOf = try #require(Day(date))
        let root = try scaffold(asOf: asOf)
        defer { try? FileManager.default.removeItem(at: root) }
        let report = WorkspaceCheck.run(root: root, displayPrefix: "", asOf: asOf)
        #expect(report.diagnostics.map(\.description) == [])
    }

    @Test func filesAreDeterministicAndDistinct() throws {
        let asOf = try #require(Day("2026-11-27"))
        let files = Scaffold.files(asOf: asOf)
        #expect(files == Scaffold.files(asOf: asOf))
        #expect(Set(files.map(\.path)).count == files.count)
        #expect(files.allSatisfy { !$0.path.hasPrefix("/") && !$0.path.contains("..") && $0.contents.hasSuffix("\n") })
        #expect(files.map(\.path) == [
            "briefing.yaml", "Data/sources.yaml", "Data/markets/example-market.yaml", "Data/markets/example-market.csv",
            "Data/vendors/example-merchant.md", "Data/vendors/example-custom.md", "Data/scenarios/base.yaml",
            "Data/scenarios/custom-gains.yaml", "Data/events/2026-11-27-workspace-created.md", "Templates/README.md",
            "Reports/README.md",
        ])
        let history = try #require(files.first { $0.path.hasSuffix(".csv") })
        #expect(history.contents == "year,total,example-merchant,example-custom\n2024,100,80,20\n2025,130,75,25\n")
    }

    /// Three months on, the narratives are stale: the usual warning, and nothing else.
    @Test func laterChecksOnlyFindStaleNarratives() throws {
        let root = try scaffold(asOf: try #require(Day("2026-11-27")))
        defer { try? FileManager.default.removeItem(at: root) }
        let result = WorkspaceLoader(root: root).load(asOf: Day("2027-03-01"))
        #expect(result.errorCount == 0)
        #expect(result.diagnostics.map(\.message) == [
            "narrative last updated 2026-11-27, 94 days before 2027-03-01",
            "narrative last updated 2026-11-27, 94 days before 2027-03-01",
        ])
    }
}

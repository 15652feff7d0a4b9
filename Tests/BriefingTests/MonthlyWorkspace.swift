import Foundation
import TestSupport
import Workspace
@testable import Briefing

/// A workspace unlike the bundled one, written into a temporary folder: monthly cadence, two
/// markets (optical interconnect and HBM memory), six vendors whose names the caller may choose
/// (to carry Markdown or links), the repository's `Templates/`, and one finished period in `Reports/`.
struct MonthlyWorkspace {
    static let asOf = Day("2026-10-15")!
    static let vendorIDs = ["lumen", "photonix", "coherix", "hynova", "samsang", "micra"]

    let root: URL

    /// `names` overrides vendor names by id; `marketName` the first market's name.
    init(names: [String: String] = [:], marketName: String = "Optical interconnect", scenarioName: String = "Co-packaged optics wins") throws {
        root = try TemporaryDirectory(prefix: "monthly").url
        try write("""
            title: Interconnect & Memory Monthly
            team: Hardware desk
            cadence: monthly
            base_url: https://hw.example.internal/monthly/
            """, to: "briefing.yaml")
        try write("""
            - id: desk
              publisher: Hardware desk
              title: Desk estimates
              date: 2026-01-05
              url: https://hw.example.internal/estimates
              kind: estimate
            """, to: "Data/sources.yaml")
        let optical = Array(Self.vendorIDs.prefix(3))
        let memory = Array(Self.vendorIDs.suffix(3))
        try market("optical", name: marketName, vendors: optical, history: "year,total,\(optical.joined(separator: ","))\n2024,20,50,30,20\n2025,28,46,32,22\n")
        try market("hbm", name: "HBM memory", vendors: memory, history: "year,total,\(memory.joined(separator: ","))\n2024,18,55,30,15\n2025,34,52,33,15\n")
        try scenario("cpo", name: scenarioName, market: "optical", probability: 0.4, shares: [40, 40, 20])
        try scenario("pluggable", name: "Pluggables hold", market: "optical", probability: 0.6, shares: [50, 30, 20])
        try scenario("hbm-base", name: "HBM base", market: "hbm", probability: 1, shares: [50, 35, 15])
        for id in Self.vendorIDs {
            try write("""
                ---
                id: \(id)
                name: "\(names[id, default: id.capitalized].replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))"
                kind: merchant
                color: "#335577"
                stance: neutral
                updated: 2026-10-01
                ---
                ## Thesis
                Steady.
                ## Catalysts
                New parts.
                ## Risks
                Pricing.
                """, to: "Data/vendors/\(id).md")
        }
        try Repository.copy(["Templates"], to: root)
        try buildPeriod()
    }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func write(_ text: String, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    /// The finished period's folder name (`2026-10`).
    var period: String { Period(containing: Self.asOf, cadence: .monthly).description }

    /// Loads the workspace and publishes the site into `destination`.
    func publish(to destination: URL, clean: Bool = true) throws -> SitePublisher.Result {
        let result = WorkspaceLoader(root: root).load(asOf: Self.asOf)
        guard let workspace = result.workspace else { throw Failure(result.diagnostics.map(\.description).joined(separator: "\n")) }
        return try SitePublisher(workspace: workspace, root: root).publish(
            to: destination, baseURL: "https://hw.example.internal/monthly/", clean: clean, today: Self.asOf, recording: .never)
    }

    private func market(_ id: String, name: String, vendors: [String], history: String) throws {
        try write("""
            id: \(id)
            name: "\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))"
            definition: Revenue from \(id) parts sold for AI clusters.
            unit: billions
            currency: USD
            base_year: 2025
            vendors: [\(vendors.joined(separator: ", "))]
            history: {file: \(id).csv, values: share}
            sources: {total: desk, vendors: desk}
            """, to: "Data/markets/\(id).yaml")
        try write(history, to: "Data/markets/\(id).csv")
    }

    private func scenario(_ id: String, name: String, market: String, probability: Double, shares: [Int]) throws {
        let vendors = market == "optical" ? Array(Self.vendorIDs.prefix(3)) : Array(Self.vendorIDs.suffix(3))
        let targets = zip(vendors, shares).map { "\($0): \($1)" }.joined(separator: ", ")
        try write("""
            id: \(id)
            name: "\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))"
            story: A story.
            market: \(market)
            probability: \(probability)
            horizon: 2029
            growth: {cagr: 0.2}
            shares: {\(targets)}
            uncertainty: {cagr_sigma: 0.03, share_log_sigma: 0.1}
            rationale: Because.
            sources: [desk]
            """, to: "Data/scenarios/\(id).yaml")
    }

    private func buildPeriod() throws {
        let result = WorkspaceLoader(root: root).load(asOf: Self.asOf)
        guard let workspace = result.workspace, result.errorCount == 0 else {
            throw Failure("the monthly workspace does not load:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        let period = Period(containing: result.asOf, cadence: workspace.config.cadence)
        let reports = ReportsFolder(workspaceRoot: root)
        let build = try WeeklyBuilder(workspace: workspace, root: root, asOf: result.asOf, toolVersion: "0.0.0-test")
            .build(previous: reports.previous(before: period))
        try reports.write(build.files, as: period)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

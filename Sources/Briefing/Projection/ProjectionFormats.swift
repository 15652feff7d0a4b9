import Foundation
import Projections
import Workspace

/// Which parts of a report to print.
package struct ProjectionSelection: Sendable {
    /// Scenario ids to print, in the market's scenario order.
    package var scenarioIDs: [String]
    package var includeWeighted: Bool
    /// Vendors to print (all when empty).
    package var vendorIDs: [String]
    /// Years to print (all when `nil`).
    package var years: ClosedRange<Int>?

    package init(scenarioIDs: [String] = [], includeWeighted: Bool = true, vendorIDs: [String] = [], years: ClosedRange<Int>? = nil) {
        self.scenarioIDs = scenarioIDs
        self.includeWeighted = includeWeighted
        self.vendorIDs = vendorIDs
        self.years = years
    }
}

/// One printable view: a scenario or the probability-weighted mix.
struct ProjectionView {
    var id: String
    var title: String
    var years: [Int]
    var marketSize: [Double]
    var revenue: [[Double]]
    var shares: [[Double]]
    var ranks: [[Int]]
    var bands: Bands?
}

extension ProjectionReport {
    func views(_ selection: ProjectionSelection) -> [ProjectionView] {
        var views: [ProjectionView] = []
        for (index, projection) in projections.enumerated() where selection.scenarioIDs.contains(projection.scenarioID) {
            let scenario = scenarios[index]
            views.append(ProjectionView(
                id: projection.scenarioID, title: "\(scenario.name) (p = \(Self.plain(scenario.probability)))", years: projection.years,
                marketSize: projection.marketSize, revenue: projection.revenue, shares: projection.shares,
                ranks: projection.revenue.map(Projection.rank), bands: monteCarlo?.perScenario[index]))
        }
        if selection.includeWeighted {
            views.append(ProjectionView(
                id: "weighted", title: "Probability-weighted", years: weighted.years, marketSize: weighted.marketSize,
                revenue: weighted.revenue, shares: weighted.shares, ranks: weighted.ranks, bands: monteCarlo?.mixture))
        }
        return views
    }

    func vendorIndices(_ selection: ProjectionSelection) -> [Int] {
        selection.vendorIDs.isEmpty
            ? Array(market.vendorIDs.indices) : selection.vendorIDs.compactMap { market.vendorIDs.firstIndex(of: $0) }
    }

    func included(_ year: Int, _ selection: ProjectionSelection) -> Bool { selection.years?.contains(year) ?? true }

    // MARK: - CSV

    /// Long format, header `market,scenario,year,vendor,metric,value`; full-precision numbers.
    package func csv(_ selection: ProjectionSelection) -> String {
        var lines = ["market,scenario,year,vendor,metric,value"]
        let vendors = vendorIndices(selection)
        func row(_ view: String, _ year: Int, _ vendor: String, _ metric: String, _ value: String) {
            lines.append("\(Self.csvField(market.id)),\(Self.csvField(view)),\(year),\(Self.csvField(vendor)),\(metric),\(value)")
        }
        for view in views(selection) {
            for (t, year) in view.years.enumerated() where included(year, selection) {
                row(view.id, year, "", "market_size", Self.number(view.marketSize[t]))
                for i in vendors {
                    let vendor = market.vendorIDs[i]
                    row(view.id, year, vendor, "revenue", Self.number(view.revenue[t][i]))
                    row(view.id, year, vendor, "share", Self.number(view.shares[t][i]))
                    row(view.id, year, vendor, "rank", String(view.ranks[t][i]))
                }
            }
            guard let bands = view.bands, let years = monteCarlo?.years else { continue }
            for (t, year) in years.enumerated() where included(year, selection) && !bands.marketSize[t].mean.isNaN {
                for (suffix, value) in Self.bandValues(bands.marketSize[t]) { row(view.id, year, "", "market_size_\(suffix)", value) }
                for i in vendors {
                    let vendor = market.vendorIDs[i]
                    for (suffix, value) in Self.bandValues(bands.revenue[t][i]) { row(view.id, year, vendor, "revenue_\(suffix)", value) }
                    for (suffix, value) in Self.bandValues(bands.shares[t][i]) { row(view.id, year, vendor, "share_\(suffix)", value) }
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func bandValues(_ band: Band) -> [(String, String)] {
        [("p10", number(band.p10)), ("p50", number(band.p50)), ("p90", number(band.p90)), ("mean", number(band.mean))]
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Shortest round-trip digits (`207.0`, `0.1`), locale-independent.
    static func number(_ value: Double) -> String { value.description }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : value.description
    }

    // MARK: - People-facing numbers

    func money(_ value: Double, digits: Int = 1) -> String { MoneyFormat(market: market)(value, digits: digits) }

    static func percent(_ fraction: Double, digits: Int = 1) -> String { ReaderNumbers.percent(fraction, digits: digits) }
}

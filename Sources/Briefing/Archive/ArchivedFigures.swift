import CFloatFormat
import Foundation
import Projections

/// `figures.json` of the lean layout (`briefing.figures/2`, documented in docs/archive.md): every
/// figure of a period once, as one line of JSON, arrays by year and vendor instead of objects per
/// figure. Scenario and weighted figures keep full precision (the next period's "what changed" and
/// the site read them back); Monte Carlo bands are rounded to ``bandDigits`` significant digits,
/// far below their sampling error; the sensitivity keeps the rows the briefing shows.
package struct ArchivedFigures: Codable, Sendable, Equatable {
    package static let fileName = "figures.json"
    package static let schemaID = "briefing.figures/2"
    /// Significant digits of the Monte Carlo bands.
    static let bandDigits = 5
    /// Tornado rows kept per metric: those the briefing shows.
    static let sensitivityRows = 8
    /// Vendors, by weighted horizon rank, whose tornado the briefing shows (with the market size's).
    static let sensitivityVendors = 3

    package var schema = schemaID
    package var markets: [Market]

    package struct Market: Codable, Sendable, Equatable {
        package var id: String
        package var name: String
        package var unit: String
        package var currency: String
        package var baseYear: Int
        /// Vendor ids: the order of every `[vendor]` array below.
        package var vendors: [String]
        /// Each scenario in the market's order, then `weighted`.
        package var views: [View]
        package var monteCarlo: MonteCarlo?
        package var sensitivity: [Tornado]?

        enum CodingKeys: String, CodingKey {
            case id, name, unit, currency, baseYear = "base_year", vendors, views, monteCarlo = "monte_carlo", sensitivity
        }
    }

    /// One scenario's path, or the probability-weighted view (`id` `weighted`).
    package struct View: Codable, Sendable, Equatable {
        package var id: String
        package var years: [Int]
        /// `[year]`.
        package var marketSize: [Double]
        /// `[year][vendor]`.
        package var revenue: [[Double]]
        /// `[year][vendor]`, fractions.
        package var share: [[Double]]
        /// `[year][vendor]`, 1 = largest revenue.
        package var rank: [[Int]]

        enum CodingKeys: String, CodingKey { case id, years, marketSize = "market_size", revenue, share, rank }
    }

    package struct MonteCarlo: Codable, Sendable, Equatable {
        package var paths: Int
        package var seed: UInt64
        /// Scenario id → paths drawn from it.
        package var allocation: [String: Int]
        package var years: [Int]
        /// The mixture (`weighted`) and each scenario that drew paths.
        package var bands: [BandView]
    }

    /// Percentiles and mean over the Monte Carlo paths, each a `[year]` or `[year][vendor]` array.
    package struct BandView: Codable, Sendable, Equatable {
        package var id: String
        package var marketSize: Stats<[Double]>
        package var revenue: Stats<[[Double]]>
        package var share: Stats<[[Double]]>

        enum CodingKeys: String, CodingKey { case id, marketSize = "market_size", revenue, share }
    }

    package struct Stats<Values: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
        package var p10: Values
        package var p50: Values
        package var p90: Values
        package var mean: Values
    }

    package struct Tornado: Codable, Sendable, Equatable {
        /// `market_size` or a vendor id (its weighted horizon revenue).
        package var metric: String
        package var year: Int
        package var base: Double
        package var rows: [TornadoRow]
    }

    package struct TornadoRow: Codable, Sendable, Equatable {
        /// `cagr`, `probability` or `target_share`.
        package var input: String
        package var scenario: String
        package var vendor: String?
        package var inputLow: Double
        package var inputHigh: Double
        package var low: Double
        package var high: Double
        package var swing: Double

        enum CodingKeys: String, CodingKey {
            case input, scenario, vendor, inputLow = "input_low", inputHigh = "input_high", low, high, swing
        }
    }
}

extension ArchivedFigures {
    /// The figures of a period's projection reports, in the workspace's market order.
    init(reports: [ProjectionReport]) {
        markets = reports.map(Market.init(report:))
    }

    /// One line of JSON, sorted keys, and a newline: byte-identical on rerun.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// Reads `figures.json` of the lean layout; `nil` when missing or of another schema.
    static func read(_ url: URL) -> ArchivedFigures? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return decode(data)
    }

    /// Decodes the lean `figures.json`; `nil` when it is not one.
    static func decode(_ data: Data) -> ArchivedFigures? {
        guard let figures = try? JSONDecoder.figures.decode(ArchivedFigures.self, from: data), figures.schema == schemaID else { return nil }
        return figures
    }

    /// The view `id` (a scenario or `weighted`) of `market`.
    func view(_ id: String, of market: String) -> View? {
        markets.first { $0.id == market }?.views.first { $0.id == id }
    }

    /// `value` to ``bandDigits`` significant digits (C formatting, locale-independent): `%.5g`
    /// read back, in C, as `String(format:)` and `Double(_:)` did at several times the cost.
    static func rounded(_ value: Double) -> Double {
        guard value.isFinite, value != 0 else { return value }
        return cff_round_significant(value, Int32(bandDigits))
    }
}

extension ArchivedFigures.Market {
    init(report: ProjectionReport) {
        let vendorIDs = report.market.vendorIDs
        id = report.market.id
        name = report.market.name
        unit = report.market.unit.rawValue
        currency = report.market.currency
        baseYear = report.market.baseYear
        vendors = vendorIDs
        views = zip(report.problem.scenarios, report.projections).map { input, projection in
            ArchivedFigures.View(
                id: input.id, years: projection.years, marketSize: projection.marketSize, revenue: projection.revenue, share: projection.shares,
                rank: projection.revenue.map(Projection.rank))
        } + [ArchivedFigures.View(
            id: "weighted", years: report.weighted.years, marketSize: report.weighted.marketSize, revenue: report.weighted.revenue,
            share: report.weighted.shares, rank: report.weighted.ranks)]
        monteCarlo = report.monteCarlo.map { result in
            let ids = report.problem.scenarios.map(\.id)
            let drawn = ids.indices.filter { result.allocation[$0] > 0 }
            return ArchivedFigures.MonteCarlo(
                paths: result.paths, seed: result.seed, allocation: Dictionary(uniqueKeysWithValues: zip(ids, result.allocation)), years: result.years,
                bands: drawn.map { ArchivedFigures.BandView(id: ids[$0], result.perScenario[$0]) } + [ArchivedFigures.BandView(id: "weighted", result.mixture)])
        }
        sensitivity = report.sensitivity.map { tables in
            Self.headline(tables.map { table in
                ArchivedFigures.Tornado(metric: table.metric, year: table.year, base: table.base, rows: table.rows.map {
                    ArchivedFigures.TornadoRow(
                        input: $0.input.rawValue, scenario: $0.scenarioID, vendor: $0.vendorID, inputLow: $0.inputLow, inputHigh: $0.inputHigh,
                        low: $0.low, high: $0.high, swing: $0.swing)
                })
            }, vendors: vendorIDs, weighted: views.last)
        }
    }

    /// The tornados the briefing shows, each cut to the rows it shows: the market size's and those
    /// of the ``ArchivedFigures/sensitivityVendors`` vendors ranked first at the weighted horizon.
    static func headline(_ tables: [ArchivedFigures.Tornado], vendors: [String], weighted: ArchivedFigures.View?) -> [ArchivedFigures.Tornado] {
        var metrics: Set<String> = ["market_size"]
        if let ranks = weighted?.rank.last, ranks.count == vendors.count {
            let leaders = vendors.indices.sorted { ranks[$0] != ranks[$1] ? ranks[$0] < ranks[$1] : $0 < $1 }.prefix(ArchivedFigures.sensitivityVendors)
            metrics.formUnion(leaders.map { vendors[$0] })
        }
        return tables.filter { metrics.contains($0.metric) }.map { table in
            var kept = table
            kept.rows = Array(table.rows.prefix(ArchivedFigures.sensitivityRows))
            return kept
        }
    }
}

extension ArchivedFigures.BandView {
    init(id: String, _ bands: Bands) {
        self.id = id
        func stats(_ values: [Band]) -> ArchivedFigures.Stats<[Double]> {
            .init(p10: values.map { ArchivedFigures.rounded($0.p10) }, p50: values.map { ArchivedFigures.rounded($0.p50) },
                  p90: values.map { ArchivedFigures.rounded($0.p90) }, mean: values.map { ArchivedFigures.rounded($0.mean) })
        }
        func stats(_ values: [[Band]]) -> ArchivedFigures.Stats<[[Double]]> {
            let rows = values.map(stats)
            return .init(p10: rows.map(\.p10), p50: rows.map(\.p50), p90: rows.map(\.p90), mean: rows.map(\.mean))
        }
        marketSize = stats(bands.marketSize)
        revenue = stats(bands.revenue)
        share = stats(bands.shares)
    }
}

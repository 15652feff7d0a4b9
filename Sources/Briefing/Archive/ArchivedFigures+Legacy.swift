import Foundation

/// The older layout's `figures.json` (`briefing.projections/1` per market, pretty-printed, keyed by
/// market id), read into the lean form: what `briefing archive migrate` writes from it is what
/// `briefing weekly` writes today for the same figures.
extension ArchivedFigures {
    fileprivate struct LegacyReport: Decodable {
        var market: LegacyMarket
        var scenarios: [LegacyView]
        var weighted: LegacyView?
        var monteCarlo: LegacyMonteCarlo?
        var sensitivity: [LegacyTornado]?
        enum CodingKeys: String, CodingKey { case market, scenarios, weighted, monteCarlo = "monte_carlo", sensitivity }
    }

    fileprivate struct LegacyMarket: Decodable {
        var id: String
        var name: String
        var unit: String
        var currency: String
        var baseYear: Int
        var vendors: [String]
        enum CodingKeys: String, CodingKey { case id, name, unit, currency, baseYear = "base_year", vendors }
    }

    fileprivate struct LegacyVendorYear: Decodable {
        var revenue: Double
        var share: Double
        var rank: Int
    }

    fileprivate struct LegacyYear: Decodable {
        var year: Int
        var marketSize: Double
        var vendors: [String: LegacyVendorYear]
        enum CodingKeys: String, CodingKey { case year, marketSize = "market_size", vendors }
    }

    fileprivate struct LegacyView: Decodable {
        var id: String
        var years: [LegacyYear]
    }

    fileprivate struct LegacyBand: Decodable {
        var p10: Double
        var p50: Double
        var p90: Double
        var mean: Double
    }

    fileprivate struct LegacyBandVendor: Decodable {
        var revenue: LegacyBand
        var share: LegacyBand
    }

    fileprivate struct LegacyBandYear: Decodable {
        var year: Int
        var marketSize: LegacyBand
        var vendors: [String: LegacyBandVendor]
        enum CodingKeys: String, CodingKey { case year, marketSize = "market_size", vendors }
    }

    fileprivate struct LegacyMonteCarlo: Decodable {
        var paths: Int
        var seed: UInt64
        var allocation: [String: Int]
        var mixture: [LegacyBandYear]
        var scenarios: [String: [LegacyBandYear]]
    }

    fileprivate struct LegacyTornado: Decodable {
        var metric: String
        var year: Int
        var base: Double
        var rows: [LegacyTornadoRow]
    }

    fileprivate struct LegacyTornadoRow: Decodable {
        var input: String
        var scenarioID: String
        var vendorID: String?
        var inputLow: Double
        var inputHigh: Double
        var low: Double
        var high: Double
        var swing: Double
        enum CodingKeys: String, CodingKey {
            case input, scenarioID = "scenario", vendorID = "vendor", inputLow = "input_low", inputHigh = "input_high", low, high, swing
        }
    }

    /// Why an older `figures.json` could not be read into the lean form.
    struct LegacyError: Error, CustomStringConvertible {
        var description: String
    }

    /// Reads the older layout's `figures.json`; `marketOrder` (the snapshot's markets) gives the
    /// order the lean file keeps, which the older file, keyed by market id, lost.
    static func legacy(_ data: Data, marketOrder: [String]) throws -> ArchivedFigures {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let reports: [String: LegacyReport]
        do {
            reports = try decoder.decode([String: LegacyReport].self, from: data)
        } catch {
            throw LegacyError(description: "not a figures.json written by briefing weekly (\(error))")
        }
        guard Set(reports.keys) == Set(marketOrder) else {
            throw LegacyError(description: "its markets (\(reports.keys.sorted().joined(separator: ", "))) are not the snapshot's "
                + "(\(marketOrder.joined(separator: ", ")))")
        }
        return ArchivedFigures(markets: try marketOrder.map { try Market(legacy: reports[$0]!) })
    }

}

extension ArchivedFigures.Market {
    fileprivate init(legacy report: ArchivedFigures.LegacyReport) throws {
        let market = report.market
        id = market.id
        name = market.name
        unit = market.unit
        currency = market.currency
        baseYear = market.baseYear
        vendors = market.vendors
        let vendorIDs = market.vendors
        func view(_ legacy: ArchivedFigures.LegacyView) throws -> ArchivedFigures.View {
            func figures(_ year: ArchivedFigures.LegacyYear) throws -> [ArchivedFigures.LegacyVendorYear] {
                try vendorIDs.map { id in
                    guard let figures = year.vendors[id] else { throw ArchivedFigures.LegacyError(description: "\(legacy.id) \(year.year) has no figures for \(id)") }
                    return figures
                }
            }
            let rows = try legacy.years.map(figures)
            return ArchivedFigures.View(
                id: legacy.id, years: legacy.years.map(\.year), marketSize: legacy.years.map(\.marketSize),
                revenue: rows.map { $0.map(\.revenue) }, share: rows.map { $0.map(\.share) }, rank: rows.map { $0.map(\.rank) })
        }
        guard let weighted = report.weighted else {
            throw ArchivedFigures.LegacyError(description: "the weighted view of \(market.id) is missing from figures.json")
        }
        views = try report.scenarios.map(view) + [view(ArchivedFigures.LegacyView(id: "weighted", years: weighted.years))]
        monteCarlo = try report.monteCarlo.map { legacy in
            func bands(_ id: String, _ years: [ArchivedFigures.LegacyBandYear]) throws -> ArchivedFigures.BandView {
                func stats(_ bands: [ArchivedFigures.LegacyBand]) -> ArchivedFigures.Stats<[Double]> {
                    .init(p10: bands.map { ArchivedFigures.rounded($0.p10) }, p50: bands.map { ArchivedFigures.rounded($0.p50) },
                          p90: bands.map { ArchivedFigures.rounded($0.p90) }, mean: bands.map { ArchivedFigures.rounded($0.mean) })
                }
                func stats(_ bands: [[ArchivedFigures.LegacyBand]]) -> ArchivedFigures.Stats<[[Double]]> {
                    let rows = bands.map(stats)
                    return .init(p10: rows.map(\.p10), p50: rows.map(\.p50), p90: rows.map(\.p90), mean: rows.map(\.mean))
                }
                let vendorBands = try years.map { year in
                    try vendorIDs.map { vendor in
                        guard let band = year.vendors[vendor] else {
                            throw ArchivedFigures.LegacyError(description: "the Monte Carlo bands of \(id) \(year.year) have no \(vendor)")
                        }
                        return band
                    }
                }
                return ArchivedFigures.BandView(
                    id: id, marketSize: stats(years.map(\.marketSize)), revenue: stats(vendorBands.map { $0.map(\.revenue) }),
                    share: stats(vendorBands.map { $0.map(\.share) }))
            }
            let scenarioIDs = report.scenarios.map(\.id)
            let drawn = try scenarioIDs.compactMap { id in try legacy.scenarios[id].map { try bands(id, $0) } }
            return ArchivedFigures.MonteCarlo(
                paths: legacy.paths, seed: legacy.seed, allocation: legacy.allocation, years: legacy.mixture.map(\.year),
                bands: drawn + [try bands("weighted", legacy.mixture)])
        }
        sensitivity = report.sensitivity.map { tables in
            Self.headline(tables.map { table in
                ArchivedFigures.Tornado(metric: table.metric, year: table.year, base: table.base, rows: table.rows.map {
                    ArchivedFigures.TornadoRow(
                        input: $0.input, scenario: $0.scenarioID, vendor: $0.vendorID, inputLow: $0.inputLow, inputHigh: $0.inputHigh,
                        low: $0.low, high: $0.high, swing: $0.swing)
                })
            }, vendors: vendorIDs, weighted: views.last)
        }
    }
}

import Foundation
import Projections

/// The JSON form of a projection report (`briefing.projections/1`, documented in docs/projections.md).
extension ProjectionReport {
    struct JSONReport: Encodable {
        var schema = "briefing.projections/1"
        var market: JSONMarket
        var inputs: JSONInputs
        var scenarios: [JSONView]
        var weighted: JSONView?
        var monteCarlo: JSONMonteCarlo?
        var sensitivity: [JSONTornado]?

        enum CodingKeys: String, CodingKey {
            case schema, market, inputs, scenarios, weighted, monteCarlo = "monte_carlo", sensitivity
        }
    }

    struct JSONMarket: Encodable {
        var id: String
        var name: String
        var unit: String
        var currency: String
        var baseYear: Int
        var vendors: [String]
        enum CodingKeys: String, CodingKey { case id, name, unit, currency, baseYear = "base_year", vendors }
    }

    struct JSONInputs: Encodable {
        var files: [String: String]
        var seed: UInt64?
        var paths: Int?
    }

    struct JSONVendorYear: Encodable {
        var revenue: Double
        var share: Double
        var rank: Int
    }

    struct JSONYear: Encodable {
        var year: Int
        var marketSize: Double
        var vendors: [String: JSONVendorYear]
        enum CodingKeys: String, CodingKey { case year, marketSize = "market_size", vendors }
    }

    struct JSONView: Encodable {
        var id: String
        var probability: Double?
        var horizon: Int?
        var years: [JSONYear]
    }

    struct JSONBandVendor: Encodable {
        var revenue: Band
        var share: Band
    }

    struct JSONBandYear: Encodable {
        var year: Int
        var marketSize: Band
        var vendors: [String: JSONBandVendor]
        enum CodingKeys: String, CodingKey { case year, marketSize = "market_size", vendors }
    }

    struct JSONMonteCarlo: Encodable {
        var paths: Int
        var seed: UInt64
        var allocation: [String: Int]
        var mixture: [JSONBandYear]
        var scenarios: [String: [JSONBandYear]]
    }

    struct JSONTornado: Encodable {
        var metric: String
        var year: Int
        var base: Double
        var rows: [SensitivityRow]
    }

    /// Pretty-printed JSON with sorted keys and full-precision numbers: byte-identical on rerun.
    package func json(_ selection: ProjectionSelection) throws -> String {
        String(decoding: try Self.encoder.encode(jsonReport(selection)), as: UTF8.self) + "\n"
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    func jsonReport(_ selection: ProjectionSelection) -> JSONReport {
        let vendors = vendorIndices(selection)
        func years(_ view: ProjectionView) -> [JSONYear] {
            view.years.enumerated().filter { included($0.element, selection) }.map { t, year in
                JSONYear(year: year, marketSize: view.marketSize[t], vendors: Dictionary(uniqueKeysWithValues: vendors.map { i in
                    (market.vendorIDs[i], JSONVendorYear(revenue: view.revenue[t][i], share: view.shares[t][i], rank: view.ranks[t][i]))
                }))
            }
        }
        func bandYears(_ bands: Bands) -> [JSONBandYear] {
            (monteCarlo?.years ?? []).enumerated().filter { included($0.element, selection) }.map { t, year in
                JSONBandYear(year: year, marketSize: bands.marketSize[t], vendors: Dictionary(uniqueKeysWithValues: vendors.map { i in
                    (market.vendorIDs[i], JSONBandVendor(revenue: bands.revenue[t][i], share: bands.shares[t][i]))
                }))
            }
        }
        let allViews = views(selection)
        let scenarioViews = allViews.filter { $0.id != "weighted" }.map { view -> JSONView in
            let scenario = scenarios.first { $0.id == view.id }
            return JSONView(id: view.id, probability: scenario?.probability, horizon: scenario?.horizon, years: years(view))
        }
        let weightedView = allViews.first { $0.id == "weighted" }.map { JSONView(id: "weighted", years: years($0)) }
        var monteCarloJSON: JSONMonteCarlo?
        if let monteCarlo {
            var perScenario: [String: [JSONBandYear]] = [:]
            for (k, scenario) in scenarios.enumerated() where selection.scenarioIDs.contains(scenario.id) && monteCarlo.allocation[k] > 0 {
                perScenario[scenario.id] = bandYears(monteCarlo.perScenario[k])
            }
            monteCarloJSON = JSONMonteCarlo(
                paths: monteCarlo.paths, seed: monteCarlo.seed,
                allocation: Dictionary(uniqueKeysWithValues: zip(scenarios.map(\.id), monteCarlo.allocation)),
                mixture: bandYears(monteCarlo.mixture), scenarios: perScenario)
        }
        let selectedMetrics = Set(["market_size"] + vendors.map { market.vendorIDs[$0] })
        let report = JSONReport(
            market: JSONMarket(
                id: market.id, name: market.name, unit: market.unit.rawValue, currency: market.currency, baseYear: market.baseYear,
                vendors: vendors.map { market.vendorIDs[$0] }),
            inputs: JSONInputs(files: inputHashes, seed: monteCarlo?.seed, paths: monteCarlo?.paths),
            scenarios: scenarioViews, weighted: weightedView, monteCarlo: monteCarloJSON,
            sensitivity: sensitivity?.filter { selectedMetrics.contains($0.metric) }.map {
                JSONTornado(metric: $0.metric, year: $0.year, base: $0.base, rows: $0.rows)
            })
        return report
    }
}

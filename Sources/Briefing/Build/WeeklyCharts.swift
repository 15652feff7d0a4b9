import Charts
import Projections
import Workspace

/// The briefing's four charts per market, as SVG files under `charts/` with their data tables.
enum WeeklyCharts {
    struct Drawn {
        var files: [String: String]
        var items: WeeklyContext.ChartsItem
    }

    static func draw(_ report: ProjectionReport, vendors: [Vendor]) -> Drawn {
        let market = report.market
        let money = MoneyFormat(market: market)
        let moneyFormat = ValueFormat.money(symbol: money.symbol, suffix: money.suffix, decimals: 0)
        let names = Dictionary(uniqueKeysWithValues: vendors.map { ($0.id, $0.name) })
        let colours = Dictionary(uniqueKeysWithValues: vendors.map { ($0.id, $0.color) })
        let horizon = report.weighted.years.last ?? market.baseYear
        var files: [String: String] = [:]
        func save(_ chart: Chart, _ kind: String, alt: String) -> WeeklyContext.ChartItem {
            let path = "charts/\(market.id)-\(kind).svg"
            files[path] = chart.svg
            return .init(path: path, alt: alt, table: .init(caption: chart.table.caption, headers: chart.table.headers, rows: chart.table.rows))
        }

        // 1. Fan: Monte Carlo band around the weighted market size, scenario lines dashed.
        let years = report.weighted.years
        let mc = report.monteCarlo
        func band(_ pick: (Band) -> Double) -> [Double] {
            years.map { year in
                if year == market.baseYear { return report.weighted.marketSize[0] }
                guard let mc, let t = mc.years.firstIndex(of: year) else { return .nan }
                return pick(mc.mixture.marketSize[t])
            }
        }
        let scenarioLines = zip(report.scenarios, report.projections).map { scenario, projection in
            ChartSeries(name: scenario.name, values: years.map { year in projection.index(of: year).map { projection.marketSize[$0] } ?? .nan }, dashed: true)
        }
        let fan = Chart.fan(
            ChartBand(low: band(\.p10), median: band(\.p50), high: band(\.p90), lowName: "P10", medianName: "P50 (all paths)", highName: "P90"),
            scenarios: scenarioLines, x: .years(years),
            options: ChartOptions(
                id: "\(market.id)-fan", title: "\(market.name): market size, \(years.first ?? 0)–\(horizon)",
                description: "Monte Carlo P10–P90 band and median of the market size, with each scenario's path, in \(market.currency) \(market.unit.rawValue).",
                format: moneyFormat))
        let fanItem = save(fan, "fan", alt: "Fan chart of the \(market.name) market size to \(horizon): P10–P90 band, median and scenario lines")

        // 2. Stacked area: weighted shares over time.
        let shareSeries = market.vendorIDs.enumerated().map { i, id in
            ChartSeries(name: names[id] ?? id, values: report.weighted.shares.map { $0[i] }, color: colours[id])
        }
        let area = Chart.stackedArea(
            shareSeries, x: .years(years),
            options: ChartOptions(
                id: "\(market.id)-shares", title: "\(market.name): weighted vendor shares",
                description: "Probability-weighted share of each vendor's revenue, \(years.first ?? 0)–\(horizon).", format: .percent(decimals: 0)))
        let areaItem = save(area, "shares", alt: "Stacked area chart of weighted vendor shares of the \(market.name) market to \(horizon)")

        // 3. Grouped bars: horizon shares by scenario and weighted.
        let last = report.weighted.shares.count - 1
        let groups = zip(report.scenarios, report.projections).map { scenario, projection in
            // At the market's horizon: a scenario that runs longer is compared in the same year.
            ChartSeries(name: scenario.name, values: market.vendorIDs.indices.map { i in projection.index(of: horizon).map { projection.shares[$0][i] } ?? .nan })
        } + [ChartSeries(name: "Weighted", values: market.vendorIDs.indices.map { report.weighted.shares[last][$0] }, color: "#333333")]
        let bars = Chart.groupedBar(
            groups, categories: market.vendorIDs.map { names[$0] ?? $0 },
            options: ChartOptions(
                id: "\(market.id)-horizon-shares", title: "\(market.name): \(horizon) shares by scenario",
                description: "Each vendor's share of the market in \(horizon) under each scenario and weighted.", format: .percent(decimals: 0),
                width: 760, height: 380, labelHeader: "Vendor"))
        let barsItem = save(bars, "horizon-shares", alt: "Grouped bar chart of \(horizon) vendor shares by scenario in the \(market.name) market")

        // 4. Tornado: what moves the weighted horizon market size most.
        let tornadoTable = report.sensitivity?.first { $0.metric == "market_size" }
        // Inputs that do not move the market size (target shares) have no bar to show.
        let rows = (tornadoTable?.rows ?? []).filter { $0.swing > 1e-9 }.prefix(8).map { TornadoRow(label: report.describe($0), low: $0.low, high: $0.high) }
        let tornado = Chart.tornado(
            Array(rows), base: tornadoTable?.base ?? .nan,
            options: ChartOptions(
                id: "\(market.id)-tornado", title: "Sensitivity of the weighted \(horizon) market size",
                description: "The weighted \(horizon) market size with one input moved down and up at a time, largest swing first.",
                format: moneyFormat, width: 760, height: 360, labelHeader: "Input"))
        let tornadoItem = save(tornado, "tornado", alt: "Tornado chart of the inputs that move the weighted \(horizon) \(market.name) market size most")

        return Drawn(files: files, items: .init(fan: fanItem, sharesArea: areaItem, sharesByScenario: barsItem, tornado: tornadoItem))
    }
}

import Testing
@testable import Charts

/// Charts built from briefing-like figures, plus the edge cases the renderer must survive.
enum Sample: String, CaseIterable, CustomTestStringConvertible {
    case line, fan, stackedArea, groupedBar, tornado
    case oneYear, allZero, negative, missingValues, longLabels, twentySeries, empty
    case oneYearFan, oneYearArea, oneCategory, negativeBars, tornadoNegativeLows, missingTornado, allMissing, escapedNames

    var testDescription: String { rawValue }

    static let kinds: [Sample] = [.line, .fan, .stackedArea, .groupedBar, .tornado]

    static let years = Array(2025...2030)
    static let money = ValueFormat.money(symbol: "$", suffix: "B", decimals: 1)

    static func options(_ id: String, _ format: ValueFormat = money) -> ChartOptions {
        ChartOptions(id: id, title: "AI accelerator market, \(id)", description: "Test chart \(id).", format: format)
    }

    static let scenarios = [
        ChartSeries(name: "Bull", values: [207, 330, 470, 620, 780, 950]),
        ChartSeries(name: "Base", values: [207, 300, 390, 470, 540, 610]),
        ChartSeries(name: "Bear", values: [207, 250, 270, 280, 290, 300], dashed: true),
    ]

    static let vendors = [
        ChartSeries(name: "Nvidia", values: [0.77, 0.74, 0.70, 0.66, 0.63, 0.60], color: "#76B900"),
        ChartSeries(name: "AMD", values: [0.05, 0.06, 0.07, 0.08, 0.09, 0.10]),
        ChartSeries(name: "Google TPU", values: [0.08, 0.09, 0.10, 0.11, 0.12, 0.12]),
        ChartSeries(name: "Other", values: [0.10, 0.11, 0.13, 0.15, 0.16, 0.18]),
    ]

    /// The series names the legend must list.
    var legendNames: [String] {
        switch self {
        case .line: return Self.scenarios.map(\.name)
        case .fan: return ["P10–P90", "P50"] + Self.scenarios.map(\.name)
        case .stackedArea: return Self.vendors.map(\.name)
        case .groupedBar: return Self.scenarios.map(\.name) + ["Weighted"]
        case .tornado: return ["Low input", "High input", "Base $540.0B"]
        case .twentySeries: return (1...20).map { "Vendor \($0)" }
        default: return []
        }
    }

    var chart: Chart {
        switch self {
        case .line:
            return Chart.line(Self.scenarios, x: .years(Self.years), options: Self.options("market-lines"))
        case .fan:
            let band = ChartBand(low: [207, 260, 300, 340, 370, 400], median: [207, 300, 390, 470, 540, 610], high: [207, 340, 480, 640, 800, 990])
            return Chart.fan(band, scenarios: Self.scenarios, x: .years(Self.years), options: Self.options("market-fan"))
        case .stackedArea:
            return Chart.stackedArea(Self.vendors, x: .years(Self.years), options: Self.options("shares", .percent(decimals: 1)))
        case .groupedBar:
            let groups = [
                ChartSeries(name: "Bull", values: [0.55, 0.12, 0.15, 0.18]),
                ChartSeries(name: "Base", values: [0.60, 0.10, 0.12, 0.18]),
                ChartSeries(name: "Bear", values: [0.70, 0.07, 0.10, 0.13]),
                ChartSeries(name: "Weighted", values: [0.61, 0.10, 0.12, 0.17], color: "#333333"),
            ]
            return Chart.groupedBar(groups, categories: ["Nvidia", "AMD", "Google TPU", "Other custom silicon"], options: Self.options("horizon", .percent(decimals: 1)))
        case .tornado:
            let rows = [
                TornadoRow(label: "Bull CAGR", low: 470, high: 640),
                TornadoRow(label: "Bull probability", low: 500, high: 590),
                TornadoRow(label: "Nvidia target share (Base)", low: 530, high: 552),
            ]
            return Chart.tornado(rows, base: 540, options: Self.options("tornado"))
        case .oneYear:
            return Chart.line(Self.scenarios.map { ChartSeries(name: $0.name, values: [$0.values[0]]) }, x: .years([2025]), options: Self.options("one-year"))
        case .oneYearFan:
            return Chart.fan(ChartBand(low: [180], median: [207], high: [230]), scenarios: [ChartSeries(name: "Bull", values: [210])], x: .years([2025]), options: Self.options("one-year-fan"))
        case .oneYearArea:
            return Chart.stackedArea(Self.vendors.map { ChartSeries(name: $0.name, values: [$0.values[0]]) }, x: .years([2025]), options: Self.options("one-year-area", .percent()))
        case .oneCategory:
            return Chart.groupedBar(Self.scenarios, categories: ["Nvidia"], options: Self.options("one-category"))
        case .allZero:
            return Chart.stackedArea(Self.vendors.map { ChartSeries(name: $0.name, values: [0, 0, 0, 0, 0, 0]) }, x: .years(Self.years), options: Self.options("zeros", .percent()))
        case .negative:
            return Chart.line([ChartSeries(name: "Margin", values: [-12, -3, 4, 12, 30, 22])], x: .years(Self.years), options: Self.options("negative"))
        case .negativeBars:
            return Chart.groupedBar([ChartSeries(name: "Change", values: [-12.5, 30, 0, -0.4])], categories: ["A", "B", "C", "D"], options: Self.options("negative-bars"))
        case .tornadoNegativeLows:
            return Chart.tornado([TornadoRow(label: "Price war", low: -40, high: 25), TornadoRow(label: "Export rules", low: -15, high: 5)], base: 0, options: Self.options("tornado-negative"))
        case .missingTornado:
            return Chart.tornado([TornadoRow(label: "A", low: .nan, high: 10), TornadoRow(label: "B", low: 3, high: .infinity)], base: 5, options: Self.options("tornado-missing"))
        case .missingValues:
            let band = ChartBand(low: [1, .nan, 3, 4, .nan, 6], median: [2, 3, .nan, 5, 6, 7], high: [3, 4, 5, .nan, 8, 9])
            return Chart.fan(band, scenarios: [ChartSeries(name: "Gappy", values: [.nan, 2, .nan, 4, .nan, .nan])], x: .years(Self.years), options: Self.options("missing"))
        case .allMissing:
            return Chart.line([ChartSeries(name: "Nothing", values: [.nan, .nan])], x: .years([2025, 2026]), options: Self.options("all-missing"))
        case .longLabels:
            let long = String(repeating: "Extremely long vendor name ", count: 8)
            return Chart.groupedBar(
                [ChartSeries(name: long, values: [1, 2, 3])], categories: [long, long + "2", "Short"],
                options: ChartOptions(id: "long", title: long, description: long, format: .plain()))
        case .twentySeries:
            let series = (1...20).map { i in ChartSeries(name: "Vendor \(i)", values: Self.years.indices.map { Double(i * 10 + $0 * i) }) }
            return Chart.line(series, x: .labels(Self.years.map { "FY\($0)" }), options: Self.options("twenty"))
        case .empty:
            return Chart.line([], x: .years([]), options: ChartOptions(id: "", title: "", description: ""))
        case .escapedNames:
            return Chart.line(
                [ChartSeries(name: "A & <B>", values: [1, 2])], x: .labels(["\"Q1\"", "Q2's"]),
                options: ChartOptions(id: "esc&<id>", title: "Shares & <risks>", description: "\"Quoted\" & 'single'"))
        }
    }
}

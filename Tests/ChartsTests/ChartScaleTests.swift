import Foundation
import Testing
@testable import Charts

/// A crowded market: eight scenarios and twenty vendors, every name forty characters long, drawn as every
/// chart type. Text must not collide (boxes from the text metrics), nothing may leave the viewBox, names
/// wrap before they are cut, and cut labels keep their figures.
enum Crowded: String, CaseIterable, CustomTestStringConvertible {
    case scenarioLines, fan, vendorLines, shares, sharesByScenario, tornado

    var testDescription: String { rawValue }

    static let years = Array(2025...2030)

    /// "Scenario 1: co-packaged optics arrives at" padded or cut to exactly forty characters.
    static func name(_ stem: String, _ index: Int) -> String {
        let words = "\(stem) \(index) co-packaged optics arrives early in volume"
        let padded = words.count < 40 ? words + String(repeating: "x", count: 40 - words.count) : String(words.prefix(40))
        return padded.hasSuffix(" ") ? String(padded.dropLast()) + "s" : padded
    }

    static let scenarioNames = (1...8).map { name("Scenario", $0) }
    static let vendorNames = (1...20).map { name("Vendor", $0) }

    static func options(_ id: String, _ format: ValueFormat = .money(symbol: "$", suffix: "B", decimals: 0)) -> ChartOptions {
        ChartOptions(id: id, title: "Crowded market: \(id)", description: "Eight scenarios and twenty vendors.", format: format, width: 760, height: 380)
    }

    static let scenarios: [ChartSeries] = scenarioNames.enumerated().map { i, name in
        let growth = 1 + 0.04 * Double(i + 1)
        let values: [Double] = years.indices.map { t in 207 * pow(growth, Double(t)) }
        return ChartSeries(name: name, values: values, dashed: true)
    }

    static let vendorShares: [ChartSeries] = vendorNames.enumerated().map { i, name in
        let values: [Double] = years.indices.map { t in (Double(20 - i) + Double(t) * Double(i % 3)) / 200 }
        return ChartSeries(name: name, values: values)
    }

    var chart: Chart {
        switch self {
        case .scenarioLines:
            return Chart.line(Self.scenarios, x: .years(Self.years), options: Self.options("scenario-lines"))
        case .fan:
            let base = Self.scenarios[3].values
            let band = ChartBand(low: base.map { $0 * 0.8 }, median: base, high: base.map { $0 * 1.3 })
            return Chart.fan(band, scenarios: Self.scenarios, x: .years(Self.years), options: Self.options("fan"))
        case .vendorLines:
            return Chart.line(Self.vendorShares, x: .years(Self.years), options: Self.options("vendor-lines", .percent(decimals: 1)))
        case .shares:
            return Chart.stackedArea(Self.vendorShares, x: .years(Self.years), options: Self.options("shares", .percent(decimals: 0)))
        case .sharesByScenario:
            let groups = Self.scenarioNames.enumerated().map { j, name in
                ChartSeries(name: name, values: Self.vendorNames.indices.map { i in Double((i * 7 + j * 3) % 20 + 1) / 100 })
            } + [ChartSeries(name: "Weighted", values: Self.vendorNames.indices.map { Double($0 % 9 + 2) / 100 }, color: "#333333")]
            return Chart.groupedBar(groups, categories: Self.vendorNames, options: Self.options("horizon-shares", .percent(decimals: 0)))
        case .tornado:
            let rows = Self.scenarioNames.flatMap { name in
                [TornadoRow(label: "\(name): CAGR 16.0% → 20.0%", low: 500, high: 640),
                 TornadoRow(label: "\(name): probability 10% → 30%", low: 520, high: 600)]
            }
            return Chart.tornado(rows, base: 560, options: Self.options("tornado"))
        }
    }
}

@Test(arguments: Crowded.allCases)
func crowdedChartsHaveNoOverlappingText(_ crowded: Crowded) throws {
    let document = try SVGDocument(crowded.chart.svg)
    let boxes = document.textBoxes
    #expect(!boxes.isEmpty)
    for (i, a) in boxes.enumerated() {
        for b in boxes[(i + 1)...] where a.box.overlaps(b.box) {
            Issue.record("\"\(a.text)\" \(a.box) overlaps \"\(b.text)\" \(b.box)")
        }
    }
}

@Test(arguments: Crowded.allCases)
func crowdedChartsStayInsideTheirViewBox(_ crowded: Crowded) throws {
    let svg = crowded.chart.svg
    let document = try SVGDocument(svg)
    let (width, height) = document.size
    // Responsive: the size is the viewBox alone, so the chart scales to its container.
    #expect(document.root.attributes["width"] == nil && document.root.attributes["height"] == nil)
    for (text, box) in document.textBoxes {
        #expect(box.left >= 0 && box.right <= width && box.top >= 0 && box.bottom <= height, "\"\(text)\" \(box) outside 0 0 \(width) \(height)")
    }
    for element in document.elements.dropFirst() {
        if let x = element.number("x"), let w = element.number("width") { #expect(x >= 0 && x + w <= width + 0.011) }
        if let y = element.number("y"), let h = element.number("height") { #expect(y >= 0 && y + h <= height + 0.011) }
        for attribute in ["x1", "x2", "cx"] { if let v = element.number(attribute) { #expect(v >= 0 && v <= width) } }
        for attribute in ["y1", "y2", "cy"] { if let v = element.number(attribute) { #expect(v >= 0 && v <= height) } }
        if let data = element.attributes["d"] {
            for (x, y) in SVGDocument.points(data) { #expect(x >= 0 && x <= width && y >= 0 && y <= height, "\(element.name) \(x),\(y)") }
        }
    }
}

/// Forty-character names fit on two legend lines; nothing is cut. (The tornado's legend names its bars.)
@Test(arguments: Crowded.allCases.filter { $0 != .tornado })
func crowdedLegendsWrapInsteadOfCutting(_ crowded: Crowded) throws {
    let document = try SVGDocument(crowded.chart.svg)
    let legend = document.elements(named: "text", inClass: "legend").map(\.text)
    #expect(!legend.contains { $0.contains("…") }, "\(legend)")
    let joined = legend.joined(separator: " ")
    let names = crowded == .shares || crowded == .vendorLines ? Crowded.vendorNames : Crowded.scenarioNames
    for name in names { #expect(joined.contains(name), "\(name) missing from the legend") }
    // Several rows of legend, all above the plot.
    #expect(Set(document.elements(named: "text", inClass: "legend").compactMap { $0.number("y") }).count >= 3)
}

@Test func crowdedTornadoLabelsKeepTheirFigures() throws {
    let document = try SVGDocument(Crowded.tornado.chart.svg)
    let labels = document.elements(named: "text", inClass: "row-labels")
    // Each row's lines share a row; rebuild the rows from the label order (one or two lines each).
    let text = labels.map(\.text).joined(separator: " ")
    #expect(text.components(separatedBy: "CAGR 16.0% → 20.0%").count - 1 == 8)
    #expect(text.components(separatedBy: "probability 10% → 30%").count - 1 == 8)
}

@Test func crowdedBarsTurnOnTheirSide() throws {
    let document = try SVGDocument(Crowded.sharesByScenario.chart.svg)
    // The vendor names read in full at the left, on at most two lines each.
    let labels = document.elements(named: "text", inClass: "row-labels").map(\.text)
    #expect(!labels.contains { $0.contains("…") })
    let joined = labels.joined(separator: " ")
    for name in Crowded.vendorNames { #expect(joined.contains(name)) }
    #expect(labels.count <= 40)
    #expect(document.elements(named: "text", inClass: "x-axis").count >= 4)
}

@Test func crowdedLinesCarryMarkersAndDashes() throws {
    let document = try SVGDocument(Crowded.vendorLines.chart.svg)
    let paths = document.elements(named: "path", inClass: "series").filter { $0.attributes["fill"] == "none" || $0.attributes["stroke"] != "none" }
    let strokes = paths.filter { $0.attributes["stroke"] != "none" && $0.attributes["stroke"] != nil }
    #expect(strokes.count == 20)
    #expect(strokes.prefix(6).allSatisfy { $0.attributes["stroke-dasharray"] == nil })
    #expect(strokes.dropFirst(6).allSatisfy { $0.attributes["stroke-dasharray"] != nil })
    // Markers: one per point per series, plus one per legend swatch.
    let markers = document.elements.filter { ($0.name == "circle" || ($0.name == "path" && $0.attributes["stroke"] == "none")) && $0.ancestorClasses.contains("series") }
    #expect(markers.count == 20 * Crowded.years.count)
}

@Test func fanScenarioLinesAvoidTheBandColour() throws {
    let document = try SVGDocument(Crowded.fan.chart.svg)
    let band = try #require(document.elements(named: "g").first { $0.attributes["class"] == "band" }?.attributes["fill"])
    let lines = document.elements(named: "path", inClass: "series").filter { $0.attributes["stroke-dasharray"] != nil }
    #expect(lines.count == 8)
    #expect(lines.allSatisfy { $0.attributes["stroke"] != band })
}

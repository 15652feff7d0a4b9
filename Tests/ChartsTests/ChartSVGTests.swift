import Foundation
import Testing
@testable import Charts

/// Every sample, the ordinary charts and the edge cases alike, must be a valid, self-contained SVG.
@Test(arguments: Sample.allCases)
func parsesAsStandaloneSVG(_ sample: Sample) throws {
    let svg = sample.chart.svg
    let document = try SVGDocument(svg)
    let root = document.root
    #expect(root.name == "svg")
    #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
    let size = document.size
    #expect(size.width > 0 && size.height > 0)
    // Sized by the viewBox alone so the chart scales to its container.
    #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
    #expect(root.attributes["width"] == nil && root.attributes["height"] == nil)
    #expect(root.attributes["role"] == "img")

    // <title> and <desc> come first and are what aria-labelledby names.
    let children = document.elements.filter { $0.depth == 1 }
    #expect(children.prefix(2).map(\.name) == ["title", "desc"])
    let ids = children.prefix(2).compactMap { $0.attributes["id"] }
    #expect(root.attributes["aria-labelledby"] == ids.joined(separator: " "))
    #expect(Set(document.elements.compactMap { $0.attributes["id"] }).count == document.elements.compactMap { $0.attributes["id"] }.count)

    // Nothing that reaches outside the file or runs.
    let forbidden: Set = ["script", "style", "foreignObject", "image", "a", "use", "font-face"]
    #expect(document.elements.allSatisfy { !forbidden.contains($0.name) })
    #expect(!svg.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").contains("http"))
    #expect(!svg.contains("url("))
    #expect(!svg.contains("NaN") && !svg.contains("inf"))
}

@Test(arguments: Sample.allCases)
func everyCoordinateLiesInsideTheViewBox(_ sample: Sample) throws {
    let document = try SVGDocument(sample.chart.svg)
    let (width, height) = document.size
    let inX = { (v: Double) in v >= 0 && v <= width }
    let inY = { (v: Double) in v >= 0 && v <= height }
    for element in document.elements.dropFirst() {
        for attribute in ["x", "x1", "x2", "cx", "width"] {
            if let v = element.number(attribute) { #expect(inX(v), "\(element.name) \(attribute)=\(v)") }
        }
        for attribute in ["y", "y1", "y2", "cy", "height"] {
            if let v = element.number(attribute) { #expect(inY(v), "\(element.name) \(attribute)=\(v)") }
        }
        if element.name == "rect", let x = element.number("x"), let w = element.number("width"), let y = element.number("y"), let h = element.number("height") {
            #expect(x + w <= width + 0.011 && y + h <= height + 0.011, "rect reaches \(x + w), \(y + h)")
        }
        for attribute in ["d", "points"] {
            guard let data = element.attributes[attribute] else { continue }
            for (x, y) in SVGDocument.points(data) {
                #expect(inX(x) && inY(y), "\(element.name) point \(x),\(y)")
            }
        }
    }
}

/// The value axis (left for most charts, bottom for the tornado) reads in round, evenly spaced steps.
@Test(arguments: Sample.kinds + [.negative, .negativeBars, .tornadoNegativeLows, .allZero, .twentySeries])
func valueTicksAreNice(_ sample: Sample) throws {
    let document = try SVGDocument(sample.chart.svg)
    let horizontal = sample == .tornado || sample == .tornadoNegativeLows
    let labels = document.elements(named: "text", inClass: horizontal ? "x-axis" : "y-axis")
    // Labels read with U+2212 for negatives (docs/templates.md, "Minus signs").
    let values = labels.map { label -> Double in
        let ascii = label.text.replacingOccurrences(of: "\u{2212}", with: "-")
        return Double(ascii.filter { $0.isNumber || $0 == "." || $0 == "-" }) ?? .nan
    }
    #expect((4...7).contains(values.count), "\(values)")
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 < $1 }, "\(values)")
    // Positions move the right way: up the page for a vertical axis, rightwards for a horizontal one.
    let positions = labels.compactMap { $0.number(horizontal ? "x" : "y") }
    #expect(zip(positions, positions.dropFirst()).allSatisfy { horizontal ? $0 < $1 : $0 > $1 })
    let steps = zip(values, values.dropFirst()).map { $1 - $0 }
    let step = steps[0]
    #expect(steps.allSatisfy { abs($0 - step) < step * 1e-9 })
    let mantissa = step / pow(10, floor(log10(step)))
    #expect([1, 2, 5].contains { abs(mantissa - $0) < 1e-9 }, "step \(step)")
    if sample == .groupedBar || sample == .stackedArea || sample == .negativeBars { #expect(values.contains(0)) }
}

@Test(arguments: Sample.kinds + [.twentySeries])
func legendListsEverySeries(_ sample: Sample) throws {
    let document = try SVGDocument(sample.chart.svg)
    #expect(document.elements(named: "text", inClass: "legend").map(\.text) == sample.legendNames)
}

@Test func legendWrapsAboveThePlot() throws {
    let document = try SVGDocument(Sample.twentySeries.chart.svg)
    let legendRows = Set(document.elements(named: "text", inClass: "legend").compactMap { $0.number("y") })
    #expect(legendRows.count >= 2)
    let gridTop = document.elements(named: "line", inClass: "y-axis").compactMap { $0.number("y1") }.min() ?? 0
    #expect((legendRows.max() ?? .infinity) + 6 < gridTop)
    // Beyond six series colour is not enough: the seventh and later are dashed, and every line has markers.
    let paths = document.elements(named: "path", inClass: "series").filter { $0.attributes["fill"] == nil }
    #expect(paths.count == 20)
    #expect(paths.prefix(6).allSatisfy { $0.attributes["stroke-dasharray"] == nil })
    #expect(paths.dropFirst(6).allSatisfy { $0.attributes["stroke-dasharray"] != nil })
    #expect(paths[12].attributes["stroke"] == paths[0].attributes["stroke"])
    #expect(paths[12].attributes["stroke-dasharray"] != paths[0].attributes["stroke-dasharray"])
}

@Test func titleDescriptionAndNamesAreEscaped() throws {
    let svg = Sample.escapedNames.chart.svg
    #expect(svg.contains("A &amp; &lt;B&gt;"))
    #expect(svg.contains("<title id=\"esc--id--title\">Shares &amp; &lt;risks&gt;</title>"))
    #expect(svg.contains("&quot;Quoted&quot; &amp; &apos;single&apos;"))
    let document = try SVGDocument(svg)
    #expect(document.elements(named: "title").first?.text == "Shares & <risks>")
    #expect(document.elements(named: "desc").first?.text == "\"Quoted\" & 'single'")
    #expect(document.elements(named: "text", inClass: "legend").map(\.text) == ["A & <B>"])
    #expect(document.elements(named: "text", inClass: "x-labels").map(\.text) == ["\"Q1\"", "Q2's"])
}

@Test(arguments: Sample.allCases)
func renderingIsDeterministic(_ sample: Sample) {
    let first = sample.chart
    _ = Sample.twentySeries.chart
    #expect(sample.chart == first)
}

@Test func idsDeriveFromTheCallersID() throws {
    let document = try SVGDocument(Sample.line.chart.svg)
    #expect(document.root.attributes["aria-labelledby"] == "market-lines-title market-lines-desc")
    let unnamed = try SVGDocument(Sample.empty.chart.svg)
    #expect(unnamed.root.attributes["aria-labelledby"] == "chart--title chart--desc")
    #expect(ChartOptions(id: "2026-w47", title: "", description: "").elementID == "chart-2026-w47")
}

@Test func longLabelsAreCut() throws {
    let document = try SVGDocument(Sample.longLabels.chart.svg)
    let texts = document.elements(named: "text")
    let title = try #require(texts.first { $0.attributes["class"] == "chart-title" })
    #expect(title.text.hasSuffix("…"))
    // The legend name wraps onto two lines, the second cut.
    let legend = document.elements(named: "text", inClass: "legend")
    #expect(legend.count == 2 && legend.allSatisfy { $0.text.count < 60 } && legend.last?.text.hasSuffix("…") == true)
    // Category names too long for two lines under the bars turn the chart on its side.
    let labels = document.elements(named: "text", inClass: "row-labels")
    #expect(labels.contains { $0.text.hasSuffix("…") })
    #expect(labels.contains { $0.text == "Short" })
}

@Test func colorsComeFromTheDataOrThePalette() throws {
    let document = try SVGDocument(Sample.stackedArea.chart.svg)
    let fills = document.elements(named: "path", inClass: "series").compactMap { $0.attributes["fill"] }
    #expect(fills == ["#76B900"] + Palette.categorical[1...3])
    #expect(Palette.validColor("#abcdef") == "#ABCDEF")
    #expect(Palette.validColor("red") == nil)
    #expect(Palette.validColor("#12345\"") == nil)
}

@Test func missingValuesBreakLinesAndLeaveDots() throws {
    let document = try SVGDocument(Sample.missingValues.chart.svg)
    // Gappy is [nan, 2, nan, 4, nan, nan]: two lone points, no path.
    let circles = document.elements(named: "circle", inClass: "series")
    #expect(circles.count >= 2)
    // The band has two runs (2025 alone as a bar, then 2027 to 2028 … 2026 lacks a low and 2029 a low).
    #expect(document.elements(named: "path", inClass: "band").count + document.elements(named: "rect", inClass: "band").count >= 2)
}

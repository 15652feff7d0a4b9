/// The parts every chart shares: the document, accessible name and description, background, visible
/// title, legend, gridlines and axis labels. Chart files add only their marks.
///
/// The document states its size only as a `viewBox`, with no `width` or `height`, so it scales to the
/// width of whatever holds it (an `<img>` or an inline `<svg>` in a page) and keeps its proportions.
struct ChartCanvas {
    static let fontFamily = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica Neue, Arial, sans-serif"
    static let gridColor = "#E3E3E3"
    static let axisColor = "#9A9A9A"
    static let zeroColor = "#6E6E6E"
    static let labelColor = "#4D4D4D"
    static let textColor = "#1A1A1A"
    /// The distance between the lines of a wrapped axis or row label.
    static let labelLineHeight = 13.0

    var svg = SVGWriter()
    let frame: ChartFrame

    init(options: ChartOptions, frame: ChartFrame) {
        self.frame = frame
        let id = options.elementID
        let w = SVGWriter.number(frame.width)
        let h = SVGWriter.number(frame.height)
        svg.open("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("viewBox", "0 0 \(w) \(h)"),
            ("role", "img"), ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("font-family", Self.fontFamily), ("font-size", "12"),
        ])
        svg.element("title", [("id", "\(id)-title")], text: options.title)
        svg.element("desc", [("id", "\(id)-desc")], text: options.description)
        svg.element("rect", [("x", "0"), ("y", "0"), ("width", w), ("height", h), ("fill", "#FFFFFF")])
        if let baseline = frame.titleBaseline {
            svg.element("text", [
                ("class", "chart-title"), ("x", SVGWriter.number(ChartFrame.padding)), ("y", SVGWriter.number(baseline)),
                ("font-size", SVGWriter.number(ChartFrame.titleFontSize)), ("font-weight", "bold"), ("fill", Self.textColor),
            ], text: frame.title)
        }
        drawLegend()
    }

    private mutating func drawLegend() {
        guard !frame.legend.isEmpty else { return }
        svg.open("g", [("class", "legend"), ("font-size", SVGWriter.number(ChartFrame.legendFontSize)), ("fill", "#333333")])
        for placed in frame.legend {
            let x = placed.x
            let y = placed.y
            switch placed.entry.swatch {
            case .line(let color, let dash, let marker):
                var attributes: SVGWriter.Attributes = [
                    ("x1", SVGWriter.number(x)), ("y1", SVGWriter.number(y)), ("x2", SVGWriter.number(x + ChartFrame.swatchWidth)),
                    ("y2", SVGWriter.number(y)), ("stroke", color), ("stroke-width", "2.5"),
                ]
                if let dash { attributes.append(("stroke-dasharray", dash)) }
                svg.element("line", attributes)
                marker?.draw(&svg, x: x + ChartFrame.swatchWidth / 2, y: y, color: color)
            case .fill(let color, let opacity, let dash):
                var attributes: SVGWriter.Attributes = [
                    ("x", SVGWriter.number(x + 3)), ("y", SVGWriter.number(y - 6)), ("width", "12"), ("height", "12"),
                    ("fill", color), ("fill-opacity", SVGWriter.number(opacity)),
                ]
                if let dash { attributes += [("stroke", color), ("stroke-dasharray", dash)] }
                svg.element("rect", attributes)
            }
            for (row, line) in placed.lines.enumerated() {
                svg.element("text", [
                    ("x", SVGWriter.number(x + ChartFrame.swatchWidth + 6)), ("y", SVGWriter.number(y + 4 + Double(row) * ChartFrame.legendLineHeight)),
                ], text: line)
            }
        }
        svg.close("g")
    }

    /// Horizontal gridlines with value labels left of the plot; a darker line at zero when zero is
    /// inside the range, and the bottom axis line.
    mutating func valueAxisLeft(_ scale: NiceScale, labels: [String], y: LinearMap) {
        let plot = frame.plot
        svg.open("g", [("class", "y-axis"), ("font-size", SVGWriter.number(ChartFrame.tickFontSize)), ("fill", Self.labelColor), ("text-anchor", "end")])
        for (tick, label) in zip(scale.ticks, labels) {
            let py = SVGWriter.number(y(tick))
            let color = tick == 0 && tick != scale.lower ? Self.zeroColor : (tick == scale.lower ? Self.axisColor : Self.gridColor)
            svg.element("line", [
                ("x1", SVGWriter.number(plot.left)), ("y1", py), ("x2", SVGWriter.number(plot.right)), ("y2", py),
                ("stroke", color), ("stroke-width", "1"),
            ])
            svg.element("text", [("x", SVGWriter.number(plot.left - 6)), ("y", SVGWriter.number(y(tick) + 4))], text: label)
        }
        svg.close("g")
    }

    /// Vertical gridlines with value labels below the plot (horizontal bar charts).
    mutating func valueAxisBottom(_ scale: NiceScale, labels: [String], x: LinearMap) {
        let plot = frame.plot
        svg.open("g", [("class", "x-axis"), ("font-size", SVGWriter.number(ChartFrame.tickFontSize)), ("fill", Self.labelColor), ("text-anchor", "middle")])
        for (tick, label) in zip(scale.ticks, labels) {
            let px = SVGWriter.number(x(tick))
            let color = tick == 0 && tick != scale.lower ? Self.zeroColor : (tick == scale.lower ? Self.axisColor : Self.gridColor)
            svg.element("line", [
                ("x1", px), ("y1", SVGWriter.number(plot.top)), ("x2", px), ("y2", SVGWriter.number(plot.bottom)),
                ("stroke", color), ("stroke-width", "1"),
            ])
            svg.element("text", [("x", px), ("y", SVGWriter.number(plot.bottom + 16))], text: label)
        }
        svg.close("g")
    }

    /// Labels under the plot, centred on `positions`; a label may run to several lines. Empty labels
    /// (thinned out) are skipped.
    mutating func categoryLabels(_ lines: [[String]], at positions: [Double]) {
        let plot = frame.plot
        svg.open("g", [("class", "x-labels"), ("font-size", SVGWriter.number(ChartFrame.tickFontSize)), ("fill", Self.labelColor), ("text-anchor", "middle")])
        for (label, x) in zip(lines, positions) {
            for (row, line) in label.enumerated() where !line.isEmpty {
                svg.element("text", [("x", SVGWriter.number(x)), ("y", SVGWriter.number(plot.bottom + 16 + Double(row) * Self.labelLineHeight))], text: line)
            }
        }
        svg.close("g")
    }

    /// Labels right-aligned at `right`, each centred vertically on its row's middle; a label may run to
    /// two lines.
    mutating func rowLabels(_ labels: [[String]], middles: [Double], right: Double) {
        let font = ChartFrame.tickFontSize
        svg.open("g", [("class", "row-labels"), ("font-size", SVGWriter.number(font)), ("fill", Self.labelColor), ("text-anchor", "end")])
        for (lines, middle) in zip(labels, middles) {
            let first = middle + 4 - Double(lines.count - 1) * Self.labelLineHeight / 2
            for (row, line) in lines.enumerated() where !line.isEmpty {
                svg.element("text", [("x", SVGWriter.number(right)), ("y", SVGWriter.number(first + Double(row) * Self.labelLineHeight))], text: line)
            }
        }
        svg.close("g")
    }

    mutating func finish() -> String {
        svg.close("svg")
        return svg.output
    }

    // MARK: - Shared geometry

    /// A polyline through `points` as path data, broken where a point is missing; points with no
    /// neighbour on either side come back separately to be drawn as dots.
    static func pathData(_ points: [(x: Double, y: Double)?]) -> (d: String, isolated: [(x: Double, y: Double)]) {
        var d: [String] = []
        var isolated: [(x: Double, y: Double)] = []
        var run: [(x: Double, y: Double)] = []
        func flush() {
            if run.count == 1 { isolated.append(run[0]) }
            if run.count > 1 {
                for (i, p) in run.enumerated() {
                    d.append((i == 0 ? "M" : "L") + SVGWriter.number(p.x) + " " + SVGWriter.number(p.y))
                }
            }
            run = []
        }
        for point in points {
            if let point { run.append(point) } else { flush() }
        }
        flush()
        return (d.joined(separator: " "), isolated)
    }
}

/// One bar of a tornado chart: the result with one input at its low and at its high setting.
package struct TornadoRow: Sendable, Hashable {
    package var label: String
    package var low: Double
    package var high: Double

    package init(label: String, low: Double, high: Double) {
        self.label = label
        self.low = low
        self.high = high
    }
}

extension Chart {
    /// A tornado chart: one horizontal row per input, in the order given (sort by swing before calling
    /// if that is the story), each with a bar from `base` to the low-setting result and one to the
    /// high-setting result, row labels on the left and a line at the base.
    ///
    /// The value axis spans the results and the base without forcing zero, so small swings around a large
    /// base stay visible. Missing results leave their bar out; a missing base draws no bars at all.
    package static func tornado(
        _ rows: [TornadoRow], base: Double, options: ChartOptions, lowName: String = "Low input", highName: String = "High input"
    ) -> Chart {
        let lowColor = "#0072B2"
        let highColor = "#E69F00"
        let baseColor = "#333333"
        let values = (rows.flatMap { [$0.low, $0.high] } + [base]).filter(\.isFinite)
        let scale = Axis.niceScale(values.min() ?? 0, values.max() ?? 0, includeZero: false)
        let format = options.format
        let tickLabels = scale.ticks.map { format.tickLabel($0, scale: scale) }
        let legend = [
            LegendEntry(name: lowName, swatch: .fill(color: lowColor, opacity: 0.9, dash: nil)),
            LegendEntry(name: highName, swatch: .fill(color: highColor, opacity: 0.9, dash: nil)),
            LegendEntry(name: "Base \(format.string(base))", swatch: .line(color: baseColor, dash: nil)),
        ]

        let (labels, frame) = ChartFrame.rows(
            labels: rows.map(\.label), tickLabels: tickLabels, legend: legend, options: options
        ) { labels in
            let rowPitch = labels.contains { $0.count > 1 } ? 2 * ChartCanvas.labelLineHeight + 6 : 18.0
            return Double(rows.count) * rowPitch
        }
        let plot = frame.plot

        var canvas = ChartCanvas(options: options, frame: frame)
        let x = LinearMap(domain: (scale.lower, scale.upper), range: (plot.left, plot.right))
        canvas.valueAxisBottom(scale, labels: tickLabels, x: x)
        let pitch = plot.height / Double(max(rows.count, 1))
        let barHeight = min(pitch * 0.62, 28)

        canvas.svg.open("g", [("class", "series")])
        for (i, row) in rows.enumerated() where base.isFinite {
            let middle = plot.top + (Double(i) + 0.5) * pitch
            // The longer bar first, so a shorter one on the same side of the base stays visible on top.
            let bars = [(row.low, lowColor, lowName), (row.high, highColor, highName)]
                .filter { $0.0.isFinite }
                .sorted { abs($0.0 - base) > abs($1.0 - base) }
            for (value, color, name) in bars {
                canvas.svg.open("rect", [
                    ("x", SVGWriter.number(min(x(value), x(base)))), ("y", SVGWriter.number(middle - barHeight / 2)),
                    ("width", SVGWriter.number(abs(x(value) - x(base)))), ("height", SVGWriter.number(barHeight)),
                    ("fill", color), ("fill-opacity", "0.9"),
                ])
                canvas.svg.element("title", [], text: "\(row.label), \(name): \(format.string(value))")
                canvas.svg.close("rect")
            }
        }
        canvas.svg.close("g")
        if base.isFinite {
            let bx = SVGWriter.number(x(base))
            canvas.svg.element("line", [
                ("class", "base"), ("x1", bx), ("y1", SVGWriter.number(plot.top - 4)), ("x2", bx), ("y2", SVGWriter.number(plot.bottom)),
                ("stroke", baseColor), ("stroke-width", "1.5"),
            ])
        }
        canvas.rowLabels(labels, middles: rows.indices.map { plot.top + (Double($0) + 0.5) * pitch }, right: plot.left - 8)

        let table = ChartTable(
            caption: "\(options.title) (base \(format.string(base)))",
            headers: [options.labelHeader ?? "Input", lowName, highName, "Swing"],
            rows: rows.map { [$0.label, format.string($0.low), format.string($0.high), format.string(abs($0.high - $0.low))] })
        return Chart(svg: canvas.finish(), table: table)
    }
}

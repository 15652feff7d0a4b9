/// A range per x label (e.g. the Monte Carlo P10–P90 band) and its middle line.
package struct ChartBand: Sendable, Hashable {
    package var low: [Double]
    package var median: [Double]
    package var high: [Double]
    /// `#RRGGBB`; nil for the palette's blue.
    package var color: String?
    /// Names for the legend and table headings.
    package var lowName: String
    package var medianName: String
    package var highName: String

    package init(
        low: [Double], median: [Double], high: [Double], color: String? = nil,
        lowName: String = "P10", medianName: String = "P50", highName: String = "P90"
    ) {
        self.low = low
        self.median = median
        self.high = high
        self.color = color
        self.lowName = lowName
        self.medianName = medianName
        self.highName = highName
    }
}

extension Chart {
    /// A fan chart: the band filled translucent, its median as a solid line, and optional scenario
    /// lines, always dashed so they read as alternatives to the median rather than as the forecast.
    ///
    /// Where the low or high end is missing the band has a gap; a band value standing alone is drawn as a
    /// short bar.
    package static func fan(_ band: ChartBand, scenarios: [ChartSeries] = [], x: ChartXAxis, options: ChartOptions) -> Chart {
        let n = x.count
        let bandColor = Palette.validColor(band.color) ?? Palette.bandColor
        let value = { (values: [Double], i: Int) in i < values.count && values[i].isFinite ? values[i] : Double.nan }
        // Scenario colours skip the band's own colour; all are dashed, so beyond six the markers tell them apart.
        let scenarioColors = Palette.categorical.filter { $0 != bandColor }
        let styles = scenarios.enumerated().map { index, s in
            Palette.style(index: index, count: scenarios.count, color: s.color, dashed: true, colors: scenarioColors)
        }
        let all = [band.low, band.median, band.high].flatMap { v in (0..<n).map { value(v, $0) } }
            + scenarios.flatMap { s in (0..<n).map { s.value(at: $0) } }
        let finite = all.filter(\.isFinite)
        let scale = Axis.niceScale(finite.min() ?? 0, finite.max() ?? 0, includeZero: false)
        let legend = [
            LegendEntry(name: "\(band.lowName)–\(band.highName)", swatch: .fill(color: bandColor, opacity: Palette.bandOpacity, dash: nil)),
            LegendEntry(name: band.medianName, swatch: .line(color: bandColor, dash: nil)),
        ] + zip(scenarios, styles).map { LegendEntry(name: $0.name, swatch: .line(color: $1.color, dash: $1.dash, marker: $1.marker)) }

        let svg = IndexedPlot.render(
            options: options, x: x, scale: scale, tickLabels: scale.ticks.map { options.format.tickLabel($0, scale: scale) },
            legend: legend
        ) { canvas, xs, y in
            canvas.svg.open("g", [("class", "band"), ("fill", bandColor), ("fill-opacity", SVGWriter.number(Palette.bandOpacity)), ("stroke", "none")])
            var run: [Int] = []
            func flush() {
                if run.count == 1, let i = run.first {
                    let top = min(y(value(band.low, i)), y(value(band.high, i)))
                    canvas.svg.element("rect", [
                        ("x", SVGWriter.number(xs[i] - 6)), ("y", SVGWriter.number(top)), ("width", "12"),
                        ("height", SVGWriter.number(abs(y(value(band.low, i)) - y(value(band.high, i))))),
                    ])
                } else if run.count > 1 {
                    let outline = run.map { (xs[$0], y(value(band.high, $0))) } + run.reversed().map { (xs[$0], y(value(band.low, $0))) }
                    canvas.svg.element("path", [("d", ChartCanvas.pathData(outline).d + " Z")])
                }
                run = []
            }
            for i in 0..<n {
                if value(band.low, i).isFinite && value(band.high, i).isFinite { run.append(i) } else { flush() }
            }
            flush()
            canvas.svg.close("g")

            canvas.svg.open("g", [("class", "series"), ("fill", "none"), ("stroke-width", "2"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
            for (s, style) in zip(scenarios, styles) {
                drawLine(&canvas, points: (0..<n).map { i in s.value(at: i).isFinite ? (xs[i], y(s.value(at: i))) : nil }, style: style)
            }
            let medianStyle = Palette.Style(color: bandColor, dash: nil, fillOpacity: 1, marker: nil)
            drawLine(&canvas, points: (0..<n).map { i in value(band.median, i).isFinite ? (xs[i], y(value(band.median, i))) : nil }, style: medianStyle, width: 2.75)
            canvas.svg.close("g")
        }
        let columns: [(header: String, values: (Int) -> Double)] = [
            (band.lowName, { value(band.low, $0) }), (band.medianName, { value(band.median, $0) }), (band.highName, { value(band.high, $0) }),
        ] + scenarios.map { s in (s.name, { s.value(at: $0) }) }
        return Chart(svg: svg, table: IndexedPlot.table(options: options, x: x, columns: columns))
    }
}

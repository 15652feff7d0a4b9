extension Chart {
    /// Shares over x labels, stacked to 100 % (e.g. probability-weighted vendor shares); the first series
    /// sits at the bottom.
    ///
    /// Each x label's values are divided by their sum, so fractions, percentages or revenues all stack to
    /// a full column and the value axis always reads in percent. Negative and missing values count as 0
    /// in the picture; the table shows the values as given, in `options.format`.
    package static func stackedArea(_ series: [ChartSeries], x: ChartXAxis, options: ChartOptions) -> Chart {
        let n = x.count
        let styles = series.enumerated().map { Palette.style(index: $0.offset, count: series.count, color: $0.element.color, dashed: $0.element.dashed) }
        // cumulative[j][i]: the share of series 0...j at label i, from 0 to 1.
        var cumulative: [[Double]] = []
        var running = [Double](repeating: 0, count: n)
        let totals = (0..<n).map { i in series.reduce(0) { $0 + max($1.value(at: i).isFinite ? $1.value(at: i) : 0, 0) } }
        for s in series {
            for i in 0..<n where totals[i] > 0 && totals[i].isFinite {
                let v = s.value(at: i)
                running[i] += max(v.isFinite ? v : 0, 0) / totals[i]
            }
            cumulative.append(running.map { min($0, 1) })
        }
        let scale = Axis.niceScale(0, 1, includeZero: true)
        let axisFormat = ValueFormat.percent(decimals: 0)
        let legend = zip(series, styles).map { LegendEntry(name: $0.name, swatch: .fill(color: $1.color, opacity: $1.fillOpacity, dash: $1.dash)) }

        let svg = IndexedPlot.render(
            options: options, x: x, scale: scale, tickLabels: scale.ticks.map { axisFormat.tickLabel($0, scale: scale) }, legend: legend
        ) { canvas, xs, y in
            // A single label gets a column of width instead of a zero-width area.
            let half = n == 1 ? min(40, canvas.frame.plot.width * 0.2) : 0
            let columnXs = n == 1 ? [xs[0] - half, xs[0] + half] : xs
            let index = { (k: Int) in n == 1 ? 0 : k }
            canvas.svg.open("g", [("class", "series"), ("stroke-width", "1")])
            for (j, style) in styles.enumerated() where n > 0 {
                let upper = columnXs.indices.map { (columnXs[$0], y(cumulative[j][index($0)])) }
                let lower = columnXs.indices.reversed().map { (columnXs[$0], y(j == 0 ? 0 : cumulative[j - 1][index($0)])) }
                var attributes: SVGWriter.Attributes = [
                    ("d", ChartCanvas.pathData(upper + lower).d + " Z"), ("fill", style.color), ("fill-opacity", SVGWriter.number(style.fillOpacity)),
                ]
                attributes += style.dash.map { [("stroke", style.color), ("stroke-dasharray", $0)] } ?? [("stroke", "#FFFFFF")]
                canvas.svg.element("path", attributes)
            }
            canvas.svg.close("g")
        }
        return Chart(svg: svg, table: IndexedPlot.table(options: options, x: x, columns: series.map { s in (s.name, { s.value(at: $0) }) }))
    }
}

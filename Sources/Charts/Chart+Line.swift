extension Chart {
    /// Several series over the same x labels, e.g. market size under each scenario.
    ///
    /// The value axis spans the data (zero is not forced in, so growth paths keep their shape). A missing
    /// value breaks the line; a point with no neighbour is drawn as a dot.
    package static func line(_ series: [ChartSeries], x: ChartXAxis, options: ChartOptions) -> Chart {
        let n = x.count
        let styles = series.enumerated().map { Palette.style(index: $0.offset, count: series.count, color: $0.element.color, dashed: $0.element.dashed) }
        let values = series.flatMap { s in (0..<n).map { s.value(at: $0) } }.filter(\.isFinite)
        let scale = Axis.niceScale(values.min() ?? 0, values.max() ?? 0, includeZero: false)
        let legend = zip(series, styles).map { LegendEntry(name: $0.name, swatch: .line(color: $1.color, dash: $1.dash, marker: $1.marker)) }

        let svg = IndexedPlot.render(
            options: options, x: x, scale: scale, tickLabels: scale.ticks.map { options.format.tickLabel($0, scale: scale) },
            legend: legend
        ) { canvas, xs, y in
            canvas.svg.open("g", [("class", "series"), ("fill", "none"), ("stroke-width", "2.5"), ("stroke-linejoin", "round"), ("stroke-linecap", "round")])
            for (s, style) in zip(series, styles) {
                drawLine(&canvas, points: (0..<n).map { i in s.value(at: i).isFinite ? (xs[i], y(s.value(at: i))) : nil }, style: style)
            }
            canvas.svg.close("g")
        }
        return Chart(svg: svg, table: IndexedPlot.table(options: options, x: x, columns: series.map { s in (s.name, { s.value(at: $0) }) }))
    }

    /// One series as a path (and dots for lone points) inside a `fill="none"` group.
    static func drawLine(_ canvas: inout ChartCanvas, points: [(x: Double, y: Double)?], style: Palette.Style, width: Double? = nil) {
        let path = ChartCanvas.pathData(points)
        if !path.d.isEmpty {
            var attributes: SVGWriter.Attributes = [("d", path.d), ("stroke", style.color)]
            if let width { attributes.append(("stroke-width", SVGWriter.number(width))) }
            if let dash = style.dash { attributes.append(("stroke-dasharray", dash)) }
            canvas.svg.element("path", attributes)
        }
        // Lone points are dots (or the series' marker); with a marker, every point carries it.
        let marked = style.marker.map { _ in points.compactMap { $0 } } ?? path.isolated
        for dot in marked {
            if let marker = style.marker {
                marker.draw(&canvas.svg, x: dot.x, y: dot.y, color: style.color)
            } else {
                canvas.svg.element("circle", [
                    ("cx", SVGWriter.number(dot.x)), ("cy", SVGWriter.number(dot.y)), ("r", "3.5"), ("fill", style.color), ("stroke", "none"),
                ])
            }
        }
    }
}

extension Chart {
    /// Vertical bars: one cluster per category (e.g. vendor), one bar per group in each cluster (e.g. each
    /// scenario and the weighted view). `groups[j].values[i]` is group j's bar for `categories[i]`.
    ///
    /// The value axis always includes zero and bars grow from it, down for negative values. A missing
    /// value leaves its slot empty. Category labels wrap onto two lines and are cut with `…` beyond that.
    public static func groupedBar(_ groups: [ChartSeries], categories: [String], options: ChartOptions) -> Chart {
        let styles = groups.enumerated().map { Palette.style(index: $0.offset, color: $0.element.color, dashed: $0.element.dashed) }
        let values = groups.flatMap { g in categories.indices.map { g.value(at: $0) } }.filter(\.isFinite)
        let scale = Axis.niceScale(values.min() ?? 0, values.max() ?? 0, includeZero: true)
        let tickLabels = scale.ticks.map { options.format.tickLabel($0, scale: scale) }
        let legend = zip(groups, styles).map { LegendEntry(name: $0.name, swatch: .fill(color: $1.color, opacity: $1.fillOpacity, dash: $1.dash)) }

        // Category width is known once the left gutter is; the labels' line count then sets the bottom.
        let font = ChartFrame.tickFontSize
        let padding = ChartFrame.padding
        let leftGutter = padding + (tickLabels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0) + 6
        let rightGutter = padding
        let provisionalWidth = max(Double(options.width), leftGutter + 120 + rightGutter) - leftGutter - rightGutter
        let band = provisionalWidth / Double(max(categories.count, 1))
        let labels = categories.map { TextMetrics.wrap($0, width: max(band - 6, 8), fontSize: font, maxLines: 2) }
        let lineCount = labels.map(\.count).max() ?? 1
        let frame = ChartFrame(
            options: options, legend: legend, leftGutter: leftGutter, rightGutter: rightGutter, bottomGutter: 28 + Double(lineCount - 1) * 13)
        let plot = frame.plot

        var canvas = ChartCanvas(options: options, frame: frame)
        let y = LinearMap(domain: (scale.lower, scale.upper), range: (plot.bottom, plot.top))
        canvas.valueAxisLeft(scale, labels: tickLabels, y: y)
        let slot = plot.width / Double(max(categories.count, 1))
        let barWidth = groups.isEmpty ? 0 : min(slot * 0.8 / Double(groups.count), 48)
        let clusterWidth = barWidth * Double(groups.count)
        let zero = y(0)
        canvas.svg.open("g", [("class", "series")])
        for (i, category) in categories.enumerated() {
            let clusterLeft = plot.left + Double(i) * slot + (slot - clusterWidth) / 2
            for (j, (group, style)) in zip(groups, styles).enumerated() {
                let v = group.value(at: i)
                guard v.isFinite else { continue }
                let top = min(y(v), zero)
                let gap = barWidth > 4 ? 1.0 : 0
                var attributes: SVGWriter.Attributes = [
                    ("x", SVGWriter.number(clusterLeft + Double(j) * barWidth + gap / 2)), ("y", SVGWriter.number(top)),
                    ("width", SVGWriter.number(barWidth - gap)), ("height", SVGWriter.number(abs(y(v) - zero))),
                    ("fill", style.color), ("fill-opacity", SVGWriter.number(style.fillOpacity)),
                ]
                if let dash = style.dash { attributes += [("stroke", style.color), ("stroke-dasharray", dash)] }
                canvas.svg.open("rect", attributes)
                canvas.svg.element("title", [], text: "\(category), \(group.name): \(options.format.string(v))")
                canvas.svg.close("rect")
            }
        }
        canvas.svg.close("g")
        canvas.categoryLabels(labels, at: categories.indices.map { plot.left + (Double($0) + 0.5) * slot })
        let table = ChartTable(
            caption: options.title, headers: [options.labelHeader ?? ""] + groups.map(\.name),
            rows: categories.enumerated().map { i, category in [category] + groups.map { options.format.string($0.value(at: i)) } })
        return Chart(svg: canvas.finish(), table: table)
    }
}

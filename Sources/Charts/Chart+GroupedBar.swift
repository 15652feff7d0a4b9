extension Chart {
    /// Vertical bars: one cluster per category (e.g. vendor), one bar per group in each cluster (e.g. each
    /// scenario and the weighted view). `groups[j].values[i]` is group j's bar for `categories[i]`.
    ///
    /// The value axis always includes zero and bars grow from it, down for negative values. A missing
    /// value leaves its slot empty. Category labels wrap onto two lines. When a label would still be cut,
    /// or the bars would be thinner than a few pixels (many vendors, long names), the chart turns on its
    /// side: one row per category with its label at the left, bars growing rightwards.
    package static func groupedBar(_ groups: [ChartSeries], categories: [String], options: ChartOptions) -> Chart {
        let styles = groups.enumerated().map { Palette.style(index: $0.offset, count: groups.count, color: $0.element.color, dashed: $0.element.dashed) }
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
        let cut = zip(categories, labels).contains { category, lines in
            lines.joined(separator: " ") != category.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        }
        if cut || (!groups.isEmpty && band * 0.8 / Double(groups.count) < 3) {
            return horizontalGroupedBar(groups, styles: styles, categories: categories, scale: scale, tickLabels: tickLabels, legend: legend, options: options)
        }
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
                let gap = barWidth > 4 ? 1.0 : 0
                canvas.bar(
                    x: clusterLeft + Double(j) * barWidth + gap / 2, y: min(y(v), zero),
                    width: barWidth - gap, height: abs(y(v) - zero),
                    style: style, title: "\(category), \(group.name): \(options.format.string(v))")
            }
        }
        canvas.svg.close("g")
        canvas.categoryLabels(labels, at: categories.indices.map { plot.left + (Double($0) + 0.5) * slot })
        return Chart(svg: canvas.finish(), table: groupedTable(groups, categories: categories, options: options))
    }

    /// The grouped bar chart on its side, for many or long category names: rows top to bottom in the
    /// order given, labels wrapped onto two lines at the left, the value axis at the bottom.
    static func horizontalGroupedBar(
        _ groups: [ChartSeries], styles: [Palette.Style], categories: [String], scale: NiceScale, tickLabels: [String],
        legend: [LegendEntry], options: ChartOptions
    ) -> Chart {
        let thickness = min(10, max(4, 48 / Double(max(groups.count, 1))))
        let (labels, frame) = ChartFrame.rows(
            labels: categories, tickLabels: tickLabels, legend: legend, options: options
        ) { labels in
            let lineCount = Double(labels.map(\.count).max() ?? 1)
            let pitch = max(thickness * Double(groups.count) + 8, lineCount * ChartCanvas.labelLineHeight + 6)
            return Double(categories.count) * pitch
        }
        let plot = frame.plot

        var canvas = ChartCanvas(options: options, frame: frame)
        let x = LinearMap(domain: (scale.lower, scale.upper), range: (plot.left, plot.right))
        canvas.valueAxisBottom(scale, labels: tickLabels, x: x)
        let slot = plot.height / Double(max(categories.count, 1))
        let barHeight = groups.isEmpty ? 0 : min(slot * 0.8 / Double(groups.count), 14)
        let clusterHeight = barHeight * Double(groups.count)
        let zero = x(0)
        canvas.svg.open("g", [("class", "series")])
        for (i, category) in categories.enumerated() {
            let clusterTop = plot.top + Double(i) * slot + (slot - clusterHeight) / 2
            for (j, (group, style)) in zip(groups, styles).enumerated() {
                let v = group.value(at: i)
                guard v.isFinite else { continue }
                let gap = barHeight > 4 ? 1.0 : 0
                canvas.bar(
                    x: min(x(v), zero), y: clusterTop + Double(j) * barHeight + gap / 2,
                    width: abs(x(v) - zero), height: barHeight - gap,
                    style: style, title: "\(category), \(group.name): \(options.format.string(v))")
            }
        }
        canvas.svg.close("g")
        canvas.rowLabels(labels, middles: categories.indices.map { plot.top + (Double($0) + 0.5) * slot }, right: plot.left - 8)
        return Chart(svg: canvas.finish(), table: groupedTable(groups, categories: categories, options: options))
    }

    /// The data table of a grouped bar chart, either way up: one row per category, one column per group.
    private static func groupedTable(_ groups: [ChartSeries], categories: [String], options: ChartOptions) -> ChartTable {
        ChartTable(
            caption: options.title, headers: [options.labelHeader ?? ""] + groups.map(\.name),
            rows: categories.enumerated().map { i, category in [category] + groups.map { options.format.string($0.value(at: i)) } })
    }
}

extension ChartCanvas {
    /// One bar of a grouped bar chart: the rectangle in the group's fill (outlined with its dash when the
    /// style is dashed, so series stay apart in print) and the value as its tooltip.
    mutating func bar(x: Double, y: Double, width: Double, height: Double, style: Palette.Style, title: String) {
        var attributes: SVGWriter.Attributes = [
            ("x", SVGWriter.number(x)), ("y", SVGWriter.number(y)),
            ("width", SVGWriter.number(width)), ("height", SVGWriter.number(height)),
            ("fill", style.color), ("fill-opacity", SVGWriter.number(style.fillOpacity)),
        ]
        if let dash = style.dash { attributes += [("stroke", style.color), ("stroke-dasharray", dash)] }
        svg.open("rect", attributes)
        svg.element("title", [], text: title)
        svg.close("rect")
    }
}

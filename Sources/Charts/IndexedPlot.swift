/// The frame shared by charts whose x axis is a row of evenly spaced labels (line, fan, stacked area):
/// value labels on the left, x labels underneath (wrapped onto two lines when long), thinned to every k-th when they would touch.
enum IndexedPlot {
    static let maximumLabelWidth = 110.0

    /// Lays out and draws everything but the marks, which `marks` adds given each index's x position
    /// and the value-to-y map.
    static func render(
        options: ChartOptions, x: ChartXAxis, scale: NiceScale, tickLabels: [String], legend: [LegendEntry],
        marks: (inout ChartCanvas, _ xs: [Double], _ y: LinearMap) -> Void
    ) -> String {
        let font = ChartFrame.tickFontSize
        let labels = x.texts.map { TextMetrics.wrap($0, width: maximumLabelWidth, fontSize: font, maxLines: 2) }
        let widths = labels.map { lines in lines.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0 }
        let lineCount = labels.map(\.count).max() ?? 1
        let widest = widths.max() ?? 0
        let valueLabelWidth = tickLabels.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
        let padding = ChartFrame.padding
        let frame = ChartFrame(
            options: options, legend: legend,
            leftGutter: max(padding + valueLabelWidth + 6, padding + (widths.first ?? 0) / 2),
            rightGutter: max(padding + 4, (widths.last ?? 0) / 2 + 4),
            bottomGutter: 28 + Double(lineCount - 1) * ChartCanvas.labelLineHeight)
        let plot = frame.plot
        let n = labels.count
        let xs: [Double] = n == 1
            ? [(plot.left + plot.right) / 2]
            : (0..<n).map { plot.left + Double($0) * plot.width / Double(n - 1) }
        let spacing = n > 1 ? plot.width / Double(n - 1) : plot.width
        var every = 1
        while every < n, spacing * Double(every) < widest + 8 { every += 1 }

        var canvas = ChartCanvas(options: options, frame: frame)
        let y = LinearMap(domain: (scale.lower, scale.upper), range: (plot.bottom, plot.top))
        canvas.valueAxisLeft(scale, labels: tickLabels, y: y)
        marks(&canvas, xs, y)
        canvas.categoryLabels(labels.enumerated().map { $0.offset % every == 0 ? $0.element : [] }, at: xs)
        return canvas.finish()
    }

    /// The data table: one row per x label, one column per series.
    static func table(options: ChartOptions, x: ChartXAxis, columns: [(header: String, values: (Int) -> Double)]) -> ChartTable {
        ChartTable(
            caption: options.title,
            headers: [options.labelHeader ?? x.defaultHeader] + columns.map(\.header),
            rows: x.texts.enumerated().map { index, label in [label] + columns.map { options.format.string($0.values(index)) } })
    }
}

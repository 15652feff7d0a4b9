extension ChartFrame {
    /// The layout of a chart drawn on its side (tornado, horizontal grouped bars): row labels wrapped
    /// onto two lines within 35 % of the width, a left gutter that fits the widest line, a bottom
    /// value axis whose end labels fit, and a plot tall enough for `plotHeight(labels)`.
    static func rows(
        labels rowLabels: [String], tickLabels: [String], legend: [LegendEntry], options: ChartOptions,
        plotHeight: ([[String]]) -> Double
    ) -> (labels: [[String]], frame: ChartFrame) {
        let font = tickFontSize
        // Labels wrap onto two lines before they are cut, and a cut keeps the label's figures.
        let labelLimit = Double(max(options.width, 200)) * 0.35
        let labels = rowLabels.map { TextMetrics.wrap($0, width: labelLimit, fontSize: font, maxLines: 2) }
        let labelWidth = labels.flatMap { $0 }.map { TextMetrics.width($0, fontSize: font) }.max() ?? 0
        let tickWidths = tickLabels.map { TextMetrics.width($0, fontSize: font) }
        let frame = ChartFrame(
            options: options, legend: legend,
            leftGutter: max(padding + labelWidth + 8, padding + (tickWidths.first ?? 0) / 2),
            rightGutter: max(padding + 4, (tickWidths.last ?? 0) / 2 + 4),
            bottomGutter: 28, minimumPlotHeight: max(120, plotHeight(labels)))
        return (labels, frame)
    }
}

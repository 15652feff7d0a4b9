/// A legend entry: a name and the swatch that stands for it.
struct LegendEntry {
    enum Swatch {
        case line(color: String, dash: String?, marker: Marker? = nil)
        case fill(color: String, opacity: Double, dash: String?)
    }

    var name: String
    var swatch: Swatch
}

/// The rectangle data is drawn in.
struct PlotArea {
    var left: Double
    var top: Double
    var right: Double
    var bottom: Double

    var width: Double { right - left }
    var height: Double { bottom - top }
}

/// Where the title, legend rows and plot go.
///
/// The legend is laid out first, in rows above the plot, and the plot takes what is left, so the legend
/// never covers data however many series there are. If the plot would get too small the chart grows
/// instead of squeezing it.
struct ChartFrame {
    struct PlacedEntry {
        var entry: LegendEntry
        /// The name as shown: one or two lines, cut to fit.
        var lines: [String]
        var x: Double
        /// The vertical middle of the entry's first line (and its swatch).
        var y: Double
    }

    static let padding = 12.0
    static let titleFontSize = 15.0
    static let legendFontSize = 12.0
    static let tickFontSize = 11.0
    static let legendRowHeight = 20.0
    /// The distance between the two lines of a wrapped legend name.
    static let legendLineHeight = 14.0
    static let swatchWidth = 18.0
    static let legendGap = 16.0
    static let maximumLegendText = 220.0

    var width: Double
    var height: Double
    var title: String
    var titleBaseline: Double?
    var legend: [PlacedEntry]
    var plot: PlotArea

    /// - Parameters:
    ///   - leftGutter: space from the left edge to the plot (labels included).
    ///   - rightGutter: space from the plot to the right edge.
    ///   - bottomGutter: space from the plot to the bottom edge (x labels included).
    ///   - topGutter: extra space between the legend and the plot.
    init(
        options: ChartOptions, legend entries: [LegendEntry], leftGutter: Double, rightGutter: Double,
        bottomGutter: Double, topGutter: Double = 0, minimumPlotHeight: Double = 120, minimumPlotWidth: Double = 120
    ) {
        let padding = Self.padding
        width = max(Double(max(options.width, 0)), leftGutter + minimumPlotWidth + rightGutter, 2 * padding + 120)
        var cursor = padding
        let titleWidth = width - 2 * padding
        // Bold runs about a tenth wider than regular.
        title = TextMetrics.fit(options.title, width: titleWidth, fontSize: Self.titleFontSize * 1.1)
        if !title.isEmpty {
            titleBaseline = cursor + Self.titleFontSize - 1
            cursor += Self.titleFontSize + 9
        }

        // Legend rows, left-aligned, wrapping when the next entry would pass the right padding. A long
        // name wraps onto a second line (its row grows) before it is cut.
        let available = width - 2 * padding
        var placed: [PlacedEntry] = []
        var x = padding
        var rowTop = cursor
        var rowHeight = 0.0
        for entry in entries {
            let textWidthLimit = min(Self.maximumLegendText, available - Self.swatchWidth - 6)
            let lines = TextMetrics.wrap(entry.name, width: textWidthLimit, fontSize: Self.legendFontSize, maxLines: 2)
            let textWidth = lines.map { TextMetrics.width($0, fontSize: Self.legendFontSize) }.max() ?? 0
            let itemWidth = Self.swatchWidth + 6 + textWidth
            let itemHeight = Self.legendRowHeight + Double(lines.count - 1) * Self.legendLineHeight
            if x > padding, x + itemWidth > width - padding {
                rowTop += rowHeight
                rowHeight = 0
                x = padding
            }
            placed.append(PlacedEntry(entry: entry, lines: lines, x: x, y: rowTop + Self.legendRowHeight / 2))
            rowHeight = max(rowHeight, itemHeight)
            x += itemWidth + Self.legendGap
        }
        legend = placed
        cursor = rowTop + rowHeight

        // Half a tick label above the top gridline.
        let top = cursor + 8 + topGutter
        height = max(Double(max(options.height, 0)), top + minimumPlotHeight + bottomGutter)
        plot = PlotArea(left: leftGutter, top: top, right: width - rightGutter, bottom: height - bottomGutter)
    }
}

/// Maps a value range onto pixels, clamped so nothing is drawn outside the plot.
struct LinearMap {
    var domain: (Double, Double)
    var range: (Double, Double)

    func callAsFunction(_ value: Double) -> Double {
        let span = domain.1 - domain.0
        guard span != 0, span.isFinite else { return (range.0 + range.1) / 2 }
        let t = min(max((value - domain.0) / span, 0), 1)
        return range.0 + t * (range.1 - range.0)
    }
}

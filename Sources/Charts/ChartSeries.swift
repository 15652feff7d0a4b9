/// One named line, area or group of bars.
package struct ChartSeries: Sendable, Hashable {
    package var name: String
    /// `#RRGGBB` (a vendor's colour from the data); nil, or anything that is not `#RRGGBB`, takes the
    /// series' place in the Okabe–Ito palette.
    package var color: String?
    /// One value per x label (or per category for bars). A NaN or infinity is a gap; missing trailing
    /// values are gaps too, and values beyond the last label are ignored.
    package var values: [Double]
    /// Drawn dashed (lines) or lighter with a dashed outline (areas, bars).
    package var dashed: Bool

    package init(name: String, values: [Double], color: String? = nil, dashed: Bool = false) {
        self.name = name
        self.values = values
        self.color = color
        self.dashed = dashed
    }

    func value(at index: Int) -> Double {
        index < values.count && values[index].isFinite ? values[index] : .nan
    }
}

/// The labels along the x axis of a line, fan or stacked-area chart.
package enum ChartXAxis: Sendable, Hashable {
    case years([Int])
    case labels([String])

    var texts: [String] {
        switch self {
        case .years(let years): return years.map { String($0) }
        case .labels(let labels): return labels
        }
    }

    var count: Int { texts.count }

    var defaultHeader: String {
        if case .years = self { return "Year" }
        return ""
    }
}

/// What every chart needs besides its data.
package struct ChartOptions: Sendable, Hashable {
    /// A stable id chosen by the caller (`market-size`, `shares-2026-w47`). The SVG's element ids derive
    /// from it, so several charts can sit in one HTML page and a rerun writes the same bytes. Characters
    /// other than ASCII letters, digits, `-` and `_` become `-`.
    package var id: String
    /// Shown at the top of the chart and read first by screen readers (`<title>`).
    package var title: String
    /// The chart's point in a sentence or two, for screen readers (`<desc>`).
    package var description: String
    package var format: ValueFormat
    /// The requested size in pixels. A chart grows taller (or wider) only when its legend or rows would
    /// otherwise squeeze the plot below a readable size; the SVG's width/height always state the real size.
    package var width: Int
    package var height: Int
    /// Heading of the data table's first column; nil gives `Year` for years, `Input` for tornado rows
    /// and an empty heading otherwise.
    package var labelHeader: String?

    package init(
        id: String, title: String, description: String, format: ValueFormat = .plain(),
        width: Int = 720, height: Int = 360, labelHeader: String? = nil
    ) {
        self.id = id
        self.title = title
        self.description = description
        self.format = format
        self.width = width
        self.height = height
        self.labelHeader = labelHeader
    }

    /// `id` made safe for an XML id: never empty, starting with a letter.
    var elementID: String {
        let safe = String(id.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let allowed = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x2D || v == 0x5F
            return allowed ? Character(scalar) : "-"
        })
        guard let first = safe.unicodeScalars.first, (first.value >= 0x41 && first.value <= 0x5A) || (first.value >= 0x61 && first.value <= 0x7A)
        else { return "chart-" + safe }
        return safe
    }
}

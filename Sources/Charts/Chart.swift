/// A rendered chart: the SVG and the same figures as a table.
///
/// Every chart function returns both from one call, so the picture and the data table printed beside it
/// (for screen readers, for copying numbers, for print) come from the same values and cannot disagree.
public struct Chart: Sendable, Hashable {
    /// A standalone SVG 1.1 document: no scripts, stylesheets, fonts or links.
    public let svg: String
    public let table: ChartTable
}

/// The figures behind a chart as plain text cells (not escaped: the page that shows them escapes).
public struct ChartTable: Sendable, Hashable {
    public let caption: String
    public let headers: [String]
    /// Rows as long as `headers`; values formatted like the chart's labels, gaps read `n/a`.
    public let rows: [[String]]
}

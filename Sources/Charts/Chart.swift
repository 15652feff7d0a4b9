/// A rendered chart: the SVG and the same figures as a table.
///
/// Every chart function returns both from one call, so the picture and the data table printed beside it
/// (for screen readers, for copying numbers, for print) come from the same values and cannot disagree.
package struct Chart: Sendable, Hashable {
    /// A standalone SVG 1.1 document: no scripts, stylesheets, fonts or links.
    package let svg: String
    package let table: ChartTable
}

/// The figures behind a chart as plain text cells (not escaped: the page that shows them escapes).
package struct ChartTable: Sendable, Hashable {
    package let caption: String
    package let headers: [String]
    /// Rows as long as `headers`; values formatted like the chart's labels, gaps read `n/a`.
    package let rows: [[String]]
}

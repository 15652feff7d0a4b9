/// A table printed for people: aligned columns in a terminal, or a GFM Markdown table.
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ columns: [(String, Alignment)]) {
        headers = columns.map(\.0)
        alignments = columns.map(\.1)
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    /// Columns padded to their widest cell (counting characters), two spaces apart; the header
    /// underlined. `bold` wraps the header in ANSI bold (only on a terminal, never with NO_COLOR).
    func terminal(bold: Bool) -> String {
        let widths = headers.indices.map { c in ([headers[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { c in
                let padding = String(repeating: " ", count: widths[c] - cells[c].count)
                return alignments[c] == .left ? cells[c] + padding : padding + cells[c]
            }.joined(separator: "  ").replacingTrailingSpaces()
        }
        let header = line(headers)
        var text = (bold ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n"
        text += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        for row in rows { text += line(row) + "\n" }
        return text
    }

    /// A GFM table; cells are escaped so data cannot break the table.
    func markdown() -> String {
        func escape(_ cell: String) -> String { MarkdownEscaping.tableCell(cell) }
        var text = "| " + headers.map(escape).joined(separator: " | ") + " |\n"
        text += "|" + alignments.map { $0 == .left ? ":--|" : "--:|" }.joined() + "\n"
        for row in rows { text += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
        return text
    }
}

extension String {
    fileprivate func replacingTrailingSpaces() -> String {
        var result = self
        while result.last == " " { result.removeLast() }
        return result
    }
}

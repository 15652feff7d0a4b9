import CSV

/// The rows of a CSV text, each with the line it starts on. A field that runs over several lines
/// (a quote never closed) is flagged, and reading goes on at the line after the row's first, so
/// the rest of the file is still read as rows.
struct CSVRows {
    struct Row {
        var cells: [String]
        /// 1-based line where the row starts.
        var line: Int
        /// The first field that contains a line break.
        var spanningField: Int? { cells.firstIndex { $0.contains("\n") } }

        /// The 1-based column where cell `index` starts (exact for unquoted cells).
        func column(of index: Int) -> Int { 1 + cells.prefix(index).reduce(0) { $0 + $1.count + 1 } }
    }

    static let spanningMessage = "a value runs over several lines — is a quote unclosed?"

    private let lines: [Substring]
    private var reader: CSVReader?
    private var nextLine = 1

    /// `text` has "\n" line endings (see `LoadContext.read`).
    init(text: String) {
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        reader = CSVRows.reader(lines, from: 1)
    }

    private static func reader(_ lines: [Substring], from line: Int) -> CSVReader? {
        guard line <= lines.count else { return nil }
        return try? CSVReader(string: lines[(line - 1)...].joined(separator: "\n"), hasHeaderRow: false)
    }

    mutating func next() -> Row? {
        guard let reader, let cells = reader.next() else { return nil }
        let row = Row(cells: cells, line: nextLine)
        // A row without line breaks in its fields is one line; after one with them, read again
        // from the line after its first.
        nextLine += 1
        if row.spanningField != nil { self.reader = CSVRows.reader(lines, from: nextLine) }
        return row
    }
}

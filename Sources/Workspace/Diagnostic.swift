/// One problem found in the workspace, with where it is: `Data/scenarios/base.yaml:14:7: error: …`.
package struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Encodable {
    package enum Severity: String, Sendable, Hashable, Encodable, Comparable {
        case error, warning

        package static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    package var severity: Severity
    /// The file as shown to the user (relative to the current folder when possible).
    package var file: String
    /// 1-based; `nil` when the problem concerns the whole file.
    package var line: Int?
    package var column: Int?
    package var message: String

    package init(_ severity: Severity, _ message: String, file: String, line: Int? = nil, column: Int? = nil) {
        self.severity = severity
        self.message = message
        self.file = file
        self.line = line
        self.column = column
    }

    package var description: String {
        var place = file
        if let line {
            place += ":\(line)"
            if let column { place += ":\(column)" }
        }
        return "\(place): \(severity.rawValue): \(message)"
    }
}

/// A position in a workspace file.
struct Location: Sendable, Hashable {
    var file: String
    var line: Int?
    var column: Int?

    static func file(_ path: String) -> Location { Location(file: path, line: nil, column: nil) }
}

/// Collects diagnostics; loading goes on after a problem so that one run reports them all.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ message: String, at location: Location) {
        add(.error, message, at: location)
    }

    func warning(_ message: String, at location: Location) {
        add(.warning, message, at: location)
    }

    /// A diagnostic is one line: a line break that reached a message is shown as "⏎".
    private func add(_ severity: Diagnostic.Severity, _ message: String, at location: Location) {
        let oneLine = message.contains(where: \.isNewline)
            ? String(message.map { $0.isNewline ? "⏎" : $0 }) : message
        diagnostics.append(Diagnostic(severity, oneLine, file: location.file, line: location.line, column: location.column))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Errors first? No: file order, then line and column, so the list reads like the files.
    var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }
}

/// Text from a file, quoted for a message: `'abc'`. Only its first line is shown, and at most
/// `limit` characters when given ("…" marks a cut), so a message stays one line.
func quoted(_ text: String, limit: Int? = nil) -> String {
    var shown = text
    var cut = false
    if let lineBreak = shown.firstIndex(where: \.isNewline) {
        shown = String(shown[..<lineBreak])
        cut = true
    }
    if let limit, shown.count > limit {
        shown = String(shown.prefix(limit))
        cut = true
    }
    return "'" + shown + (cut ? "…" : "") + "'"
}

/// "Did you mean …?" for a mistyped id or key.
package enum Suggestion {
    /// The closest candidate: within a small edit distance (one edit per three characters; names
    /// shorter than three only match by case), else one that has `name` as whole hyphen-separated
    /// parts (`aws` → `aws-trainium`, `tpu` → `google-tpu`). Ties go to the alphabetically first.
    package static func closest(to name: String, among candidates: [String]) -> String? {
        let target = Array(name.lowercased().unicodeScalars)
        let sorted = Set(candidates).sorted()
        var best: (name: String, distance: Int)?
        for candidate in sorted where candidate != name {
            let c = Array(candidate.lowercased().unicodeScalars)
            let shortest = min(target.count, c.count)
            let limit = shortest < 3 ? 0 : max(1, shortest / 3)
            let distance = restrictedEditDistance(target, c)
            if distance <= limit, best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        if let best { return best.name }
        let parts = name.lowercased().split(separator: "-")
        guard !parts.isEmpty else { return nil }
        return sorted.first { candidate in
            let words = candidate.lowercased().split(separator: "-")
            return words.count > parts.count
                && (0...(words.count - parts.count)).contains { Array(words[$0..<($0 + parts.count)]) == parts }
        }
    }
}

func suggestion(for name: String, among candidates: [String]) -> String? {
    Suggestion.closest(to: name, among: candidates)
}

/// Levenshtein distance where swapping two neighbours also counts as one edit.
private func restrictedEditDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { table[i][0] = i }
    for j in 0...b.count { table[0][j] = j }
    for i in stride(from: 1, through: a.count, by: 1) {
        for j in stride(from: 1, through: b.count, by: 1) {
            let substitution = table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, substitution)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
            }
        }
    }
    return table[a.count][b.count]
}

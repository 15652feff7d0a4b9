import Foundation
import Workspace

/// Scaffold placeholders left in `Data/`: the word `TODO` (which `briefing new event` writes as the
/// publisher when none is given) and the body `briefing new event` writes ("What happened and why it
/// matters."). Either would reach the readers as it is, so `briefing check` reports each as an
/// error at its line and column.
enum PlaceholderScan {
    /// Markers that must not stay in data, whole words, with what to do about each.
    static let markers: [(text: String, advice: String)] = [
        ("TODO", "a placeholder is left in the data: replace 'TODO' with the real value"),
        (EventDraft.placeholder, "the event's text is still the placeholder '\(EventDraft.placeholder)': write what happened and why it matters"),
    ]

    /// Every marker in the text files under `root/Data` (Markdown, YAML, CSV), in path order.
    static func diagnostics(root: URL, displayPrefix: String) -> [Diagnostic] {
        let data = root.appendingPathComponent("Data")
        guard let enumerator = FileManager.default.enumerator(atPath: data.path) else { return [] }
        let names = enumerator.compactMap { $0 as? String }
            .filter { ["md", "markdown", "yaml", "yml", "csv"].contains(($0 as NSString).pathExtension.lowercased()) }
            .filter { !$0.split(separator: "/").contains { $0.hasPrefix(".") } }
            .sorted()
        var diagnostics: [Diagnostic] = []
        for name in names {
            guard let text = try? String(contentsOf: data.appendingPathComponent(name), encoding: .utf8) else { continue }
            let file = (displayPrefix.isEmpty ? "" : displayPrefix + "/") + "Data/" + name
            diagnostics += scan(text, file: file)
        }
        return diagnostics
    }

    /// The markers in `text`, located in `file`.
    static func scan(_ text: String, file: String) -> [Diagnostic] {
        var found: [Diagnostic] = []
        for (lineIndex, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let scalars = Array(line.unicodeScalars)
            for marker in markers {
                let needle = Array(marker.text.unicodeScalars)
                guard scalars.count >= needle.count else { continue }
                for start in 0...(scalars.count - needle.count) where scalars[start] == needle[0] {
                    guard Array(scalars[start..<start + needle.count]) == needle,
                        start == 0 || !isWordCharacter(scalars[start - 1]),
                        start + needle.count == scalars.count || !isWordCharacter(scalars[start + needle.count])
                    else { continue }
                    found.append(Diagnostic(.error, marker.advice, file: file, line: lineIndex + 1, column: start + 1))
                }
            }
        }
        return found
    }

    private static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_"
    }
}

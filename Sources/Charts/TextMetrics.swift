/// Text sizes without font metrics (no font file is read, so layout is the same everywhere).
///
/// Widths are estimated at 0.62 em per character, a little wider than the average of common sans faces,
/// so labels are given room rather than overlapping.
enum TextMetrics {
    static let emPerCharacter = 0.62

    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * emPerCharacter
    }

    /// `text`, cut to fit `width` with a trailing `…`.
    static func fit(_ text: String, width: Double, fontSize: Double) -> String {
        // The small allowance keeps a label measured at exactly `width` from being cut by rounding.
        let capacity = Int(width / (fontSize * emPerCharacter) + 1e-9)
        guard text.count > capacity else { return text }
        guard capacity > 1 else { return capacity == 1 ? "…" : "" }
        var cut = String(text.prefix(capacity - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// `text` broken at spaces into at most `maxLines` lines of `width`; the last line is cut with `…`.
    static func wrap(_ text: String, width: Double, fontSize: Double, maxLines: Int) -> [String] {
        let capacity = max(1, Int(width / (fontSize * emPerCharacter) + 1e-9))
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            let candidate = current.isEmpty ? String(word) : current + " " + word
            if candidate.count <= capacity || current.isEmpty {
                current = candidate
            } else {
                lines.append(current)
                current = String(word)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        if lines.count > maxLines {
            // What does not fit is joined onto the last line, which `fit` then cuts with `…`.
            lines = Array(lines.prefix(maxLines - 1)) + [lines[(maxLines - 1)...].joined(separator: " ")]
        }
        return lines.map { fit($0, width: width, fontSize: fontSize) }
    }
}

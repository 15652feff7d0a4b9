/// Text sizes without font metrics (no font file is read, so layout is the same everywhere).
///
/// Widths are estimated at 0.62 em per character, a little wider than the average of common sans faces,
/// so labels are given room rather than overlapping.
enum TextMetrics {
    static let emPerCharacter = 0.62
    /// Ascent and descent of a line as fractions of the font size, for bounding boxes around a baseline.
    static let ascent = 0.8
    static let descent = 0.25

    static func width(_ text: String, fontSize: Double) -> Double {
        Double(text.count) * fontSize * emPerCharacter
    }

    /// How many characters fit in `width`. The small allowance keeps a label measured at exactly `width`
    /// from being cut by rounding.
    static func capacity(width: Double, fontSize: Double) -> Int {
        max(0, Int(width / (fontSize * emPerCharacter) + 1e-9))
    }

    /// `text`, cut to fit `width` with a trailing `…`.
    static func fit(_ text: String, width: Double, fontSize: Double) -> String {
        let capacity = capacity(width: width, fontSize: fontSize)
        guard text.count > capacity else { return text }
        guard capacity > 1 else { return capacity == 1 ? "…" : "" }
        var cut = String(text.prefix(capacity - 1))
        while cut.last == " " { cut.removeLast() }
        return cut + "…"
    }

    /// `text` broken at spaces into at most `maxLines` lines of `width`.
    ///
    /// When the words do not fit, the label's figures are kept and its words are cut: a label ending in
    /// numbers ("Co-packaged optics arrives early: CAGR 16.0% → 20.0%") loses letters from the words
    /// before them ("Co-packaged optics…: CAGR 16.0% → 20.0%"), never the numbers, which are what a
    /// reader compares. Labels without figures, or whose figures alone do not fit, are cut at the end.
    static func wrap(_ text: String, width: Double, fontSize: Double, maxLines: Int) -> [String] {
        let capacity = max(1, capacity(width: width, fontSize: fontSize))
        // One word that fits (every period label of a history chart): what the rules below give,
        // without splitting and measuring it.
        if maxLines >= 1, !text.isEmpty, !text.utf8.contains(UInt8(ascii: " ")), text.count <= capacity { return [text] }
        let lines = maxLines < 1 ? [] : breakLines(text, capacity: capacity)
        let tail = figuresTail(text)
        // A label that needs two lines puts its figures together on the last one when they fit there
        // ("Hyperscaler silicon goes merchant:" / "CAGR 12.0% → 24.0%").
        if lines.count > 1, maxLines > 1, let (head, separator, figures) = tail, figures.count <= capacity {
            let headLines = breakLines(head + (separator == ": " ? ":" : ""), capacity: capacity)
            if headLines.count < maxLines, headLines.allSatisfy({ $0.count <= capacity }) { return headLines + [figures] }
        }
        if !lines.isEmpty, lines.count <= maxLines, lines.allSatisfy({ $0.count <= capacity }) { return lines }
        let limit = max(maxLines, 1)
        if let (head, separator, tail) = tail {
            // The longest cut of the words that still leaves the figures whole.
            let headCharacters = Array(head)
            for keep in stride(from: headCharacters.count - 1, through: 0, by: -1) {
                var cut = String(headCharacters[..<keep])
                while cut.last == " " { cut.removeLast() }
                let candidate = (cut.isEmpty ? "…" : cut + "…") + separator + tail
                let candidateLines = breakLines(candidate, capacity: capacity)
                if candidateLines.count <= limit, candidateLines.allSatisfy({ $0.count <= capacity }) { return candidateLines }
            }
        }
        // What does not fit is joined onto the last line, which `fit` then cuts with `…`.
        var kept = lines.isEmpty ? [""] : lines
        if kept.count > limit {
            kept = Array(kept.prefix(limit - 1)) + [kept[(limit - 1)...].joined(separator: " ")]
        }
        return kept.map { fit($0, width: width, fontSize: fontSize) }
    }

    /// Greedy line breaking at spaces; a word longer than a line stands alone (and overflows).
    private static func breakLines(_ text: String, capacity: Int) -> [String] {
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
        return lines
    }

    /// Splits a label into its words and its trailing figures: after the last `": "` when that part
    /// holds a digit, otherwise from the first word holding a digit. Nil when there are no figures or
    /// nothing before them.
    static func figuresTail(_ text: String) -> (head: String, separator: String, tail: String)? {
        let hasDigit = { (s: Substring) in s.contains(where: { $0.isASCII && $0.isNumber }) }
        if let colon = text.range(of: ": ", options: .backwards), hasDigit(text[colon.upperBound...]), colon.lowerBound > text.startIndex {
            return (String(text[..<colon.lowerBound]), ": ", String(text[colon.upperBound...]))
        }
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard let first = words.firstIndex(where: hasDigit), first > 0 else { return nil }
        return (words[..<first].joined(separator: " "), " ", words[first...].joined(separator: " "))
    }
}

/// Python's `textwrap.wrap` with `expand_tabs=False, replace_whitespace=False`, as Jinja's
/// `wordwrap` calls it.
enum TextWrap {
    static func wrap(_ text: String, width: Int, breakLongWords: Bool, breakOnHyphens: Bool) -> [String] {
        var chunks = split(Array(text.unicodeScalars), breakOnHyphens: breakOnHyphens)
        chunks.reverse()
        var lines: [String] = []
        func isBlank(_ chunk: [Unicode.Scalar]) -> Bool { chunk.allSatisfy(isWhitespace) }
        while !chunks.isEmpty {
            var line: [[Unicode.Scalar]] = []
            var length = 0
            if let last = chunks.last, isBlank(last), !lines.isEmpty { chunks.removeLast() }
            while let last = chunks.last {
                if length + last.count <= width {
                    line.append(chunks.removeLast())
                    length += last.count
                } else {
                    break
                }
            }
            if let last = chunks.last, last.count > width {
                let spaceLeft = width < 1 ? 1 : width - length
                if breakLongWords {
                    var end = spaceLeft
                    if breakOnHyphens, last.count > spaceLeft,
                        let hyphen = last[0..<min(spaceLeft, last.count)].lastIndex(of: "-"), hyphen > 0,
                        last[0..<hyphen].contains(where: { $0 != "-" })
                    {
                        end = hyphen + 1
                    }
                    line.append(Array(last[0..<end]))
                    chunks[chunks.count - 1] = Array(last[end...])
                } else if line.isEmpty {
                    line.append(chunks.removeLast())
                }
            }
            if let last = line.last, isBlank(last) { line.removeLast() }
            if !line.isEmpty {
                var view = String.UnicodeScalarView()
                for chunk in line { view.append(contentsOf: chunk) }
                lines.append(String(view))
            }
        }
        return lines
    }

    /// textwrap's `wordsep_re`: whitespace runs, and words split after hyphens between letters.
    private static func split(_ s: [Unicode.Scalar], breakOnHyphens: Bool) -> [[Unicode.Scalar]] {
        var chunks: [[Unicode.Scalar]] = []
        var i = 0
        func isLetter(_ k: Int) -> Bool {
            k >= 0 && k < s.count && s[k].properties.isAlphabetic
        }
        while i < s.count {
            var j = i
            if isWhitespace(s[i]) {
                while j < s.count, isWhitespace(s[j]) { j += 1 }
                chunks.append(Array(s[i..<j]))
                i = j
                continue
            }
            while j < s.count, !isWhitespace(s[j]) {
                if breakOnHyphens, s[j] == "-", j > i {
                    let before = (isLetter(j - 1) && isLetter(j - 2) && j - 2 >= i)
                        || (isLetter(j - 1) && j - 2 >= i && s[j - 2] == "-" && isLetter(j - 3))
                    let after = isLetter(j + 1) && (isLetter(j + 2) || (j + 2 < s.count && s[j + 2] == "-" && isLetter(j + 3)))
                    if before && after {
                        j += 1
                        break
                    }
                }
                j += 1
            }
            chunks.append(Array(s[i..<j]))
            i = j
        }
        return chunks
    }
}

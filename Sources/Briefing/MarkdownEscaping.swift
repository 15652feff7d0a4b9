/// Escaping for data values placed into Markdown, so a vendor named `*Star*` or a note with
/// `[link](…)` prints as written instead of turning into emphasis or a link.
enum MarkdownEscaping {
    /// Characters that start inline Markdown anywhere in a line (CommonMark allows a backslash
    /// before any ASCII punctuation, so escaping is always safe).
    private static let inlineMetacharacters: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "!", "~", "&"]
    /// Characters that start a block (heading, list, quote, rule) only at the start of a line.
    private static let lineStartMetacharacters: Set<Character> = ["#", "-", "+", "=", ">"]

    /// The value as literal inline text; with `escapingPipes`, also safe inside a table cell.
    static func inline(_ text: String, escapingPipes: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var atLineStart = true
        var pendingDigits = ""
        for character in text {
            if atLineStart, character.isASCII, character.isNumber {
                pendingDigits.append(character)
                continue
            }
            if !pendingDigits.isEmpty {
                // `1.` or `1)` at the start of a line would begin an ordered list.
                out += pendingDigits
                pendingDigits = ""
                if character == "." || character == ")" {
                    out += "\\"
                    out.append(character)
                    atLineStart = false
                    continue
                }
                atLineStart = false
            }
            if inlineMetacharacters.contains(character) || (escapingPipes && character == "|")
                || (atLineStart && lineStartMetacharacters.contains(character))
            {
                out += "\\"
            }
            out.append(character)
            atLineStart = character == "\n" || (atLineStart && (character == " " || character == "\t"))
        }
        return out + pendingDigits
    }

    /// The value as the content of one GFM table cell: inline-escaped, on one line.
    static func tableCell(_ text: String) -> String {
        let oneLine = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.trimmingWhitespace() }
            .joined(separator: " ")
        return inline(oneLine, escapingPipes: true)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

/// Escaping for data values placed into Markdown, so a vendor named `*Star*` or a note with
/// `[link](…)` prints as written instead of turning into emphasis or a link, and a name holding
/// `www.x.com`, `https://…` or `a@b.c` is not turned into a link by GFM's autolink extension.
enum MarkdownEscaping {
    /// Characters that start inline Markdown anywhere in a line (CommonMark allows a backslash
    /// before any ASCII punctuation, so escaping is always safe).
    private static let inlineMetacharacters: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "!", "~", "&"]

    /// GFM autolink schemes: `http://x`, `mailto:a@b.c` and the like become links unless their `:` is escaped.
    private static let autolinkSchemes = ["http", "https", "ftp", "mailto", "xmpp"]
    /// U+2060 WORD JOINER as a character reference, so the Markdown shows what was added.
    static let wordJoiner = "&#8288;"

    /// Whether the character at `index` completes a GFM autolink trigger that a backslash defeats:
    /// the `.` of `www.` and the `:` after a scheme (letters compared without case).
    private static func startsAutolink(_ characters: [Character], at index: Int) -> Bool {
        switch characters[index] {
        case ".":
            return index >= 3 && String(characters[(index - 3)..<index]).lowercased() == "www"
        case ":":
            var start = index
            while start > 0, characters[start - 1].isASCII, characters[start - 1].isLetter { start -= 1 }
            let word = String(characters[start..<index]).lowercased()
            return autolinkSchemes.contains { word.hasSuffix($0) }
        default:
            return false
        }
    }

    /// The value as literal inline text; with `escapingPipes`, also safe inside a table cell.
    /// `atLineStarts` escapes what would begin a block at the start of a line (`# `, `- `, `1. `);
    /// table cells hold inline content only, so they do not need it.
    static func inline(_ text: String, escapingPipes: Bool = false, atLineStarts: Bool = true) -> String {
        let characters = Array(text)
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var lineStart = true
        var index = 0
        func isBreak(_ i: Int) -> Bool { i >= characters.count || characters[i] == " " || characters[i] == "\t" || characters[i] == "\n" }
        while index < characters.count {
            let character = characters[index]
            if lineStart && atLineStarts {
                var end = index
                while end < characters.count, characters[end].isASCII, characters[end].isNumber { end += 1 }
                if end > index, end < characters.count, characters[end] == "." || characters[end] == ")", isBreak(end + 1) {
                    // `1. ` or `1) ` would begin an ordered list.
                    out += String(characters[index..<end]) + "\\" + String(characters[end])
                    index = end + 1
                    lineStart = false
                    continue
                }
                var hashes = index
                while hashes < characters.count, characters[hashes] == "#" { hashes += 1 }
                let blockStart = (character == "#" && hashes - index <= 6 && isBreak(hashes))
                    || ((character == "-" || character == "+" || character == "*") && isBreak(index + 1))
                    || ((character == "-" || character == "=") && index + 1 < characters.count && characters[index + 1] == character)
                if blockStart { out += "\\" }
            }
            if inlineMetacharacters.contains(character) || (escapingPipes && character == "|") || startsAutolink(characters, at: index) {
                out += "\\"
            } else if character == "@" {
                // cmark-gfm finds e-mail addresses after joining the text back together, so a
                // backslash before `@` is not enough: an invisible word joiner before it leaves no
                // local part to link (`a@b.c` reads the same and stays text).
                out += wordJoiner
            }
            out.append(character)
            lineStart = character == "\n" || (lineStart && (character == " " || character == "\t"))
            index += 1
        }
        return out
    }

    /// The value as the content of one GFM table cell: inline-escaped, on one line.
    static func tableCell(_ text: String) -> String {
        let oneLine = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
            .map { $0.trimmingWhitespace() }
            .joined(separator: " ")
        return inline(oneLine, escapingPipes: true, atLineStarts: false)
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}

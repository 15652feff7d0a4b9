/// A token of template source. `offset` indexes the template's Unicode scalars.
struct Token: Sendable {
    enum Kind: Sendable, Equatable {
        case data
        case blockBegin, blockEnd
        case variableBegin, variableEnd
        case name, string, integer, float, op
        case end
    }

    var kind: Kind
    /// Text for data, names and operators; the decoded value for strings; digits for numbers.
    var text: String
    var offset: Int
}

/// Splits template source into tokens, applying Jinja2's whitespace rules for
/// `trim_blocks=True, lstrip_blocks=True` and the `-`/`+` modifiers.
struct Lexer {
    let scalars: [Unicode.Scalar]
    let path: String
    let lines: LineTable
    private var tokens: [Token] = []
    private var pos = 0
    /// Whether the last consumed piece of source ended with a newline (Jinja's `line_starting`).
    private var lineStarting = true

    init(source: String, path: String) {
        // Jinja normalises \r\n and \r to \n before lexing (and in output).
        var normalized = [Unicode.Scalar]()
        normalized.reserveCapacity(source.unicodeScalars.count)
        var previousCR = false
        for s in source.unicodeScalars {
            if s == "\r" {
                normalized.append("\n")
                previousCR = true
                continue
            }
            if s == "\n" && previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            normalized.append(s)
        }
        self.scalars = normalized
        self.path = path
        self.lines = LineTable(scalars: normalized)
    }

    func location(_ offset: Int) -> SourceLocation {
        let (line, column) = lines.position(of: offset)
        return SourceLocation(path: path, line: line, column: column)
    }

    private func error(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(.syntax, message, at: location(offset))
    }

    mutating func tokenize() throws -> [Token] {
        let n = scalars.count
        while pos < n {
            guard let tagStart = nextTagStart(from: pos) else {
                emitData(pos, n)
                pos = n
                break
            }
            let opener = scalars[tagStart + 1]
            var sign: Unicode.Scalar? = nil
            if tagStart + 2 < n, scalars[tagStart + 2] == "-" || scalars[tagStart + 2] == "+" {
                sign = scalars[tagStart + 2]
            }
            let textEnd = strippedTextEnd(textStart: pos, tagStart: tagStart, sign: sign, isVariable: opener == "{")
            emitData(pos, textEnd)
            switch opener {
            case "#":
                try lexComment(from: tagStart)
            case "{":
                try lexTag(from: tagStart, isBlock: false)
            default:
                if let rawEnd = matchRawBegin(at: tagStart) {
                    try lexRaw(contentStart: rawEnd, tagStart: tagStart)
                } else {
                    try lexTag(from: tagStart, isBlock: true)
                }
            }
        }
        tokens.append(Token(kind: .end, text: "", offset: n))
        return tokens
    }

    // MARK: - Root state

    private func nextTagStart(from start: Int) -> Int? {
        var i = start
        let n = scalars.count
        while i + 1 < n {
            if scalars[i] == "{" {
                let c = scalars[i + 1]
                if c == "{" || c == "%" || c == "#" { return i }
            }
            i += 1
        }
        return nil
    }

    /// Where the text before a tag ends after `-` stripping or `lstrip_blocks`.
    private func strippedTextEnd(textStart: Int, tagStart: Int, sign: Unicode.Scalar?, isVariable: Bool) -> Int {
        if sign == "-" {
            var end = tagStart
            while end > textStart, isWhitespace(scalars[end - 1]) { end -= 1 }
            return end
        }
        if sign == "+" || isVariable { return tagStart }
        // lstrip_blocks: strip spaces before the tag if only whitespace follows the last newline.
        var lineStart = tagStart
        while lineStart > textStart, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        guard lineStart > textStart || lineStarting else { return tagStart }
        guard lineStart < tagStart else { return tagStart }
        for i in lineStart..<tagStart where !isWhitespace(scalars[i]) { return tagStart }
        return lineStart
    }

    private mutating func emitData(_ start: Int, _ end: Int) {
        guard end > start else { return }
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<end])
        tokens.append(Token(kind: .data, text: String(text), offset: start))
    }

    private mutating func consumedUpTo(_ end: Int) {
        lineStarting = end > 0 && scalars[end - 1] == "\n"
        pos = end
    }

    // MARK: - Comments

    private mutating func lexComment(from tagStart: Int) throws {
        let n = scalars.count
        var i = tagStart + 2
        while i < n {
            if scalars[i] == "+" || scalars[i] == "-", matchLiteral("#}", at: i + 1) {
                var end = i + 3
                if scalars[i] == "-" { end = skipWhitespace(from: end) }
                consumedUpTo(end)
                return
            }
            if matchLiteral("#}", at: i) {
                var end = i + 2
                if end < n, scalars[end] == "\n" { end += 1 }
                consumedUpTo(end)
                return
            }
            i += 1
        }
        throw error("missing end of comment tag", at: tagStart)
    }

    // MARK: - Raw blocks

    /// Matches `{%[-+]?\s*raw\s*(-%}\s*|%})` and returns where the raw content starts.
    private func matchRawBegin(at tagStart: Int) -> Int? {
        var i = tagStart + 2
        if i < scalars.count, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
        i = skipWhitespace(from: i)
        guard matchWord("raw", at: i) else { return nil }
        i = skipWhitespace(from: i + 3)
        if matchLiteral("-%}", at: i) { return skipWhitespace(from: i + 3) }
        if matchLiteral("%}", at: i) { return i + 2 }
        return nil
    }

    private mutating func lexRaw(contentStart: Int, tagStart: Int) throws {
        let n = scalars.count
        var i = contentStart
        while i < n {
            if scalars[i] == "{", i + 1 < n, scalars[i + 1] == "%" {
                var j = i + 2
                var sign: Unicode.Scalar? = nil
                if j < n, scalars[j] == "-" || scalars[j] == "+" {
                    sign = scalars[j]
                    j += 1
                }
                j = skipWhitespace(from: j)
                if matchWord("endraw", at: j) {
                    j = skipWhitespace(from: j + 6)
                    var end: Int?
                    if matchLiteral("+%}", at: j) {
                        end = j + 3
                    } else if matchLiteral("-%}", at: j) {
                        end = skipWhitespace(from: j + 3)
                    } else if matchLiteral("%}", at: j) {
                        end = j + 2
                        if end! < n, scalars[end!] == "\n" { end! += 1 }
                    }
                    if let end {
                        lineStarting = scalars[contentStart - 1] == "\n"
                        let textEnd = strippedTextEnd(textStart: contentStart, tagStart: i, sign: sign, isVariable: false)
                        emitData(contentStart, textEnd)
                        consumedUpTo(end)
                        return
                    }
                }
            }
            i += 1
        }
        throw error("missing end of raw directive", at: tagStart)
    }

    // MARK: - Tags

    private mutating func lexTag(from tagStart: Int, isBlock: Bool) throws {
        let n = scalars.count
        tokens.append(Token(kind: isBlock ? .blockBegin : .variableBegin, text: isBlock ? "{%" : "{{", offset: tagStart))
        var i = tagStart + 2
        if i < n, scalars[i] == "-" || scalars[i] == "+" { i += 1 }
        var brackets: [Unicode.Scalar] = []
        while true {
            if brackets.isEmpty, let end = matchTagEnd(at: i, isBlock: isBlock) {
                tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, text: "", offset: i))
                consumedUpTo(end)
                return
            }
            guard i < n else {
                throw error("unexpected end of template; the \(isBlock ? "'{%'" : "'{{'") tag is never closed", at: tagStart)
            }
            let c = scalars[i]
            if isWhitespace(c) {
                i += 1
                continue
            }
            if c == "'" || c == "\"" {
                i = try lexString(at: i)
                continue
            }
            if isDigit(c) {
                i = try lexNumber(at: i)
                continue
            }
            if isNameStart(c) {
                var j = i + 1
                while j < n, isNameContinue(scalars[j]) { j += 1 }
                tokens.append(Token(kind: .name, text: string(i, j), offset: i))
                i = j
                continue
            }
            if let op = matchOperator(at: i) {
                switch op {
                case "(", "[", "{": brackets.append(c)
                case ")", "]", "}":
                    let expected: Unicode.Scalar = op == ")" ? "(" : op == "]" ? "[" : "{"
                    guard let last = brackets.last else {
                        throw error("unexpected '\(op)'", at: i)
                    }
                    guard last == expected else {
                        throw error("unexpected '\(op)', expected '\(closing(last))'", at: i)
                    }
                    brackets.removeLast()
                default: break
                }
                tokens.append(Token(kind: .op, text: op, offset: i))
                i += op.unicodeScalars.count
                continue
            }
            throw error("unexpected character '\(c.escaped(asASCII: false))'", at: i)
        }
    }

    private func closing(_ open: Unicode.Scalar) -> String {
        open == "(" ? ")" : open == "[" ? "]" : "}"
    }

    private func matchTagEnd(at i: Int, isBlock: Bool) -> Int? {
        let close = isBlock ? "%}" : "}}"
        if isBlock, matchLiteral("+" + close, at: i) { return i + 3 }
        if matchLiteral("-" + close, at: i) { return skipWhitespace(from: i + 3) }
        if matchLiteral(close, at: i) {
            var end = i + 2
            if isBlock, end < scalars.count, scalars[end] == "\n" { end += 1 }
            return end
        }
        return nil
    }

    private static let operators: [String] = [
        "**", "//", "==", "!=", ">=", "<=",
        "+", "-", "/", "*", "%", "~", "[", "]", "(", ")", "{", "}", ">", "<", "=", ".", ":", "|", ",", ";",
    ]

    private func matchOperator(at i: Int) -> String? {
        for op in Lexer.operators where matchLiteral(op, at: i) { return op }
        return nil
    }

    private mutating func lexString(at start: Int) throws -> Int {
        let quote = scalars[start]
        let n = scalars.count
        var i = start + 1
        var value = String.UnicodeScalarView()
        while i < n {
            let c = scalars[i]
            if c == quote {
                tokens.append(Token(kind: .string, text: String(value), offset: start))
                return i + 1
            }
            if c == "\\", i + 1 < n {
                let e = scalars[i + 1]
                i += 2
                switch e {
                case "n": value.append("\n")
                case "t": value.append("\t")
                case "r": value.append("\r")
                case "\\": value.append("\\")
                case "'": value.append("'")
                case "\"": value.append("\"")
                case "a": value.append("\u{07}")
                case "b": value.append("\u{08}")
                case "f": value.append("\u{0C}")
                case "v": value.append("\u{0B}")
                case "0": value.append("\u{00}")
                case "\n": break
                case "x", "u", "U":
                    let width = e == "x" ? 2 : e == "u" ? 4 : 8
                    guard i + width <= n, let code = UInt32(string(i, i + width), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else {
                        throw error("invalid \\\(e) escape in string", at: i - 2)
                    }
                    value.append(scalar)
                    i += width
                default:
                    value.append("\\")
                    value.append(e)
                }
                continue
            }
            value.append(c)
            i += 1
        }
        throw error("unterminated string", at: start)
    }

    private mutating func lexNumber(at start: Int) throws -> Int {
        let n = scalars.count
        var i = start
        func digits() {
            while i < n, isDigit(scalars[i]) || (scalars[i] == "_" && i + 1 < n && isDigit(scalars[i + 1])) { i += 1 }
        }
        // Prefixed integers.
        if scalars[i] == "0", i + 1 < n, let radix = ["x": 16, "X": 16, "o": 8, "O": 8, "b": 2, "B": 2][Character(scalars[i + 1])] {
            var j = i + 2
            while j < n, scalars[j] == "_" || (scalars[j].properties.numericType != nil || isHexLetter(scalars[j])) { j += 1 }
            let body = string(i + 2, j).replacingUnderscores()
            guard let value = Int(body, radix: radix) else { throw error("invalid integer literal", at: start) }
            tokens.append(Token(kind: .integer, text: String(value), offset: start))
            return j
        }
        digits()
        var isFloat = false
        if i + 1 < n, scalars[i] == ".", isDigit(scalars[i + 1]) {
            isFloat = true
            i += 1
            digits()
        }
        if i < n, scalars[i] == "e" || scalars[i] == "E" {
            var j = i + 1
            if j < n, scalars[j] == "+" || scalars[j] == "-" { j += 1 }
            if j < n, isDigit(scalars[j]) {
                isFloat = true
                i = j
                digits()
            }
        }
        let text = string(start, i).replacingUnderscores()
        if !isFloat, text.count > 1, text.hasPrefix("0"), text.contains(where: { $0 != "0" }) {
            throw error("leading zeros in integer literals are not permitted", at: start)
        }
        tokens.append(Token(kind: isFloat ? .float : .integer, text: text, offset: start))
        return i
    }

    // MARK: - Scalar helpers

    private func matchLiteral(_ literal: String, at i: Int) -> Bool {
        var j = i
        for s in literal.unicodeScalars {
            guard j < scalars.count, scalars[j] == s else { return false }
            j += 1
        }
        return true
    }

    private func matchWord(_ word: String, at i: Int) -> Bool {
        guard matchLiteral(word, at: i) else { return false }
        let after = i + word.unicodeScalars.count
        return after >= scalars.count || !isNameContinue(scalars[after])
    }

    private func skipWhitespace(from start: Int) -> Int {
        var i = start
        while i < scalars.count, isWhitespace(scalars[i]) { i += 1 }
        return i
    }

    private func string(_ start: Int, _ end: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[start..<end])
        return String(view)
    }
}

@inline(__always) func isWhitespace(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}": return true
    default: return c.value > 0x7F && c.properties.isWhitespace
    }
}

@inline(__always) private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
@inline(__always) private func isHexLetter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
}
@inline(__always) private func isNameStart(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value > 0x7F && c.properties.isXIDStart)
}
@inline(__always) private func isNameContinue(_ c: Unicode.Scalar) -> Bool {
    isNameStart(c) || isDigit(c) || (c.value > 0x7F && c.properties.isXIDContinue)
}

extension String {
    fileprivate func replacingUnderscores() -> String { String(unicodeScalars.filter { $0 != "_" }) }
}

/// Maps scalar offsets to 1-based line and column numbers.
struct LineTable: Sendable {
    private var starts: [Int] = [0]

    init(scalars: [Unicode.Scalar]) {
        for (i, s) in scalars.enumerated() where s == "\n" { starts.append(i + 1) }
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = starts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - starts[low] + 1)
    }
}

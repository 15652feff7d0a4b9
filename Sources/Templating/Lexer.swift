import Foundation

/// Splits template source into tokens, applying Jinja2's whitespace rules for
/// `trim_blocks=True, lstrip_blocks=True` and the `-`/`+` modifiers.
///
/// The lexer scans UTF-8 bytes: every character with a meaning in the syntax is ASCII, and a
/// token's text is one copy of a byte range. Non-ASCII scalars are decoded only where Unicode
/// matters (whitespace and identifier characters).
struct Lexer {
    /// The largest source the lexer accepts: token offsets are 32-bit.
    static let maximumSourceBytes = Int(UInt32.max) - 1
    let bytes: [UInt8]
    let path: String
    let lines: LineTable
    /// The tokens so far, while `tokenize()` runs.
    var tokens = TokenBuffer()
    /// Decoded texts of the tokens whose text is not a range of the source (`Token.decoded`).
    var texts: [String] = []
    /// The strings of short token texts, shared by their repeats.
    let strings = TokenStrings()
    var pos = 0
    /// Whether the last consumed piece of source ended with a newline (Jinja's `line_starting`).
    var lineStarting = true

    init(source: String, path: String) {
        // One copy of the string's contiguous UTF-8 (`Array(source.utf8)` copies byte by byte).
        var source = source
        var bytes = source.withUTF8 { Array($0) }
        // Jinja normalises \r\n and \r to \n before lexing (and in output).
        if bytes.withUnsafeBufferPointer({ b in b.baseAddress.map { memchr($0, Int32(UInt8(ascii: "\r")), b.count) != nil } ?? false }) {
            var normalized = [UInt8]()
            normalized.reserveCapacity(bytes.count)
            var previousCR = false
            for b in bytes {
                if b == UInt8(ascii: "\r") {
                    normalized.append(UInt8(ascii: "\n"))
                    previousCR = true
                    continue
                }
                if b == UInt8(ascii: "\n") && previousCR {
                    previousCR = false
                    continue
                }
                previousCR = false
                normalized.append(b)
            }
            bytes = normalized
        }
        self.bytes = bytes
        self.path = path
        self.lines = LineTable(bytes: bytes)
    }

    func location(_ offset: Int) -> SourceLocation {
        let (line, column) = lines.position(of: offset)
        return SourceLocation(path: path, line: line, column: column)
    }

    func error(_ message: String, at offset: Int) -> TemplateError {
        TemplateError(.syntax, message, at: location(offset))
    }

    mutating func tokenize() throws -> TokenList {
        let n = bytes.count
        // About one token per five bytes of typical template source: reserving that up front
        // saves growing (and copying) the buffer twice.
        tokens.free()
        tokens = TokenBuffer(capacity: n / 4 + 8)
        do {
            try tokenizeAll()
        } catch {
            tokens.free()
            throw error
        }
        return tokens.finish()
    }

    private mutating func tokenizeAll() throws {
        let n = bytes.count
        while pos < n {
            guard let tagStart = nextTagStart(from: pos) else {
                emitData(pos, n)
                pos = n
                break
            }
            let opener = bytes[tagStart + 1]
            var sign: UInt8? = nil
            if tagStart + 2 < n, bytes[tagStart + 2] == UInt8(ascii: "-") || bytes[tagStart + 2] == UInt8(ascii: "+") {
                sign = bytes[tagStart + 2]
            }
            let textEnd = strippedTextEnd(textStart: pos, tagStart: tagStart, sign: sign, isVariable: opener == UInt8(ascii: "{"))
            emitData(pos, textEnd)
            switch opener {
            case UInt8(ascii: "#"):
                try lexComment(from: tagStart)
            case UInt8(ascii: "{"):
                try lexTag(from: tagStart, isBlock: false)
            default:
                if let rawEnd = matchRawBegin(at: tagStart) {
                    try lexRaw(contentStart: rawEnd, tagStart: tagStart)
                } else {
                    try lexTag(from: tagStart, isBlock: true)
                }
            }
        }
        tokens.append(Token(kind: .end, offset: n))
    }

    // MARK: - Root state

    /// Where the next tag starts. Each `{` is found with `memchr` (vectorised): template data is
    /// most of a template's bytes and has few braces.
    private func nextTagStart(from start: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var i = start
            let n = buffer.count
            while i + 1 < n, let hit = memchr(base + i, Int32(UInt8(ascii: "{")), n - 1 - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                let c = buffer[i + 1]
                if c == UInt8(ascii: "{") || c == UInt8(ascii: "%") || c == UInt8(ascii: "#") { return i }
                i += 1
            }
            return nil
        }
    }

    /// Where the text before a tag ends after `-` stripping or `lstrip_blocks`.
    func strippedTextEnd(textStart: Int, tagStart: Int, sign: UInt8?, isVariable: Bool) -> Int {
        if sign == UInt8(ascii: "-") {
            var end = tagStart
            while end > textStart, let start = whitespaceStart(before: end, limit: textStart) { end = start }
            return end
        }
        if sign == UInt8(ascii: "+") || isVariable { return tagStart }
        // lstrip_blocks: strip spaces before the tag if only whitespace follows the last newline.
        var lineStart = tagStart
        while lineStart > textStart, bytes[lineStart - 1] != UInt8(ascii: "\n") { lineStart -= 1 }
        guard lineStart > textStart || lineStarting else { return tagStart }
        guard lineStart < tagStart else { return tagStart }
        var i = lineStart
        while i < tagStart {
            guard let next = whitespaceEnd(at: i) else { return tagStart }
            i = next
        }
        return lineStart
    }

    mutating func emitData(_ start: Int, _ end: Int) {
        guard end > start else { return }
        tokens.append(Token(kind: .data, offset: start, start: start, end: end))
    }

    mutating func consumedUpTo(_ end: Int) {
        lineStarting = end > 0 && bytes[end - 1] == UInt8(ascii: "\n")
        pos = end
    }

    // MARK: - Comments

    private mutating func lexComment(from tagStart: Int) throws {
        let n = bytes.count
        var i = tagStart + 2
        while i < n {
            let c = bytes[i]
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-"), matchLiteral("#}", at: i + 1) {
                var end = i + 3
                if c == UInt8(ascii: "-") { end = skipWhitespace(from: end) }
                consumedUpTo(end)
                return
            }
            if c == UInt8(ascii: "#"), matchLiteral("#}", at: i) {
                var end = i + 2
                if end < n, bytes[end] == UInt8(ascii: "\n") { end += 1 }
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
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        // Most block tags start with a name other than `raw`: after the spaces, one byte rules
        // them out.
        var j = i
        while j < bytes.count, bytes[j] == UInt8(ascii: " ") { j += 1 }
        if j < bytes.count, bytes[j] != UInt8(ascii: "r"), bytes[j] < 0x80, !isASCIIWhitespace(bytes[j]) { return nil }
        i = skipWhitespace(from: i)
        guard matchWord("raw", at: i) else { return nil }
        i = skipWhitespace(from: i + 3)
        if matchLiteral("-%}", at: i) { return skipWhitespace(from: i + 3) }
        if matchLiteral("%}", at: i) { return i + 2 }
        return nil
    }

    private mutating func lexRaw(contentStart: Int, tagStart: Int) throws {
        let n = bytes.count
        var i = contentStart
        while i < n {
            if bytes[i] == UInt8(ascii: "{"), i + 1 < n, bytes[i + 1] == UInt8(ascii: "%") {
                var j = i + 2
                var sign: UInt8? = nil
                if j < n, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
                    sign = bytes[j]
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
                        if end! < n, bytes[end!] == UInt8(ascii: "\n") { end! += 1 }
                    }
                    if let end {
                        lineStarting = bytes[contentStart - 1] == UInt8(ascii: "\n")
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
        let n = bytes.count
        tokens.append(Token(kind: isBlock ? .blockBegin : .variableBegin, offset: tagStart, end: tagStart + 2))
        var i = tagStart + 2
        if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") { i += 1 }
        var brackets = BracketStack()
        // The tag's end can only start with `-`, `+` or the closing `%`/`}`: other bytes skip
        // the full check.
        let close = isBlock ? UInt8(ascii: "%") : UInt8(ascii: "}")
        // A local reference to the source, read through a buffer while tokens are appended.
        let source = bytes
        try source.withUnsafeBufferPointer { buffer in
            while true {
                let c: UInt8 = i < n ? buffer[i] : 0
                if brackets.isEmpty, i >= n || c == close || c == UInt8(ascii: "-") || c == UInt8(ascii: "+"),
                    let end = Lexer.matchTagEnd(in: buffer, at: i, isBlock: isBlock)
                {
                    tokens.append(Token(kind: isBlock ? .blockEnd : .variableEnd, offset: i))
                    consumedUpTo(end)
                    return
                }
                guard i < n else {
                    throw error("unexpected end of template; the \(isBlock ? "'{%'" : "'{{'") tag is never closed", at: tagStart)
                }
                if c < 0x80 {
                    if isASCIIWhitespace(c) {
                        // A run of spaces is skipped here rather than one byte per turn of the loop.
                        i += 1
                        while i < n, buffer[i] == UInt8(ascii: " ") { i += 1 }
                        continue
                    }
                    if isASCIILetter(c) || c == UInt8(ascii: "_") {
                        // An ASCII name; a non-ASCII byte inside it continues with the general check.
                        var j = i + 1
                        while j < n {
                            let d = buffer[j]
                            if isASCIILetter(d) || d == UInt8(ascii: "_") || isDigit(d) {
                                j += 1
                            } else if d >= 0x80, let next = nameContinueEnd(at: j) {
                                j = next
                            } else {
                                break
                            }
                        }
                        tokens.append(Token(kind: .name, offset: i, end: j))
                        i = j
                        continue
                    }
                } else if let next = whitespaceEnd(at: i) {
                    i = next
                    continue
                }
                if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
                    i = try lexString(at: i)
                    continue
                }
                if isDigit(c) {
                    i = try lexNumber(at: i)
                    continue
                }
                // ASCII names were taken above; only a non-ASCII scalar can still start one.
                if c >= 0x80, var j = nameStartEnd(at: i) {
                    while j < n, let next = nameContinueEnd(at: j) { j = next }
                    tokens.append(Token(kind: .name, offset: i, end: j))
                    i = j
                    continue
                }
                let length = Lexer.operatorLength(in: buffer, at: i)
                if length > 0 {
                    switch c {
                    case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): brackets.push(c)
                    case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                        let expected = c == UInt8(ascii: ")") ? UInt8(ascii: "(") : c == UInt8(ascii: "]") ? UInt8(ascii: "[") : UInt8(ascii: "{")
                        guard let last = brackets.last else {
                            throw error("unexpected '\(Unicode.Scalar(c))'", at: i)
                        }
                        guard last == expected else {
                            throw error("unexpected '\(Unicode.Scalar(c))', expected '\(closing(last))'", at: i)
                        }
                        brackets.pop()
                    default: break
                    }
                    tokens.append(Token(kind: .op, offset: i, end: i + length))
                    i += length
                    continue
                }
                throw error("unexpected character '\(scalar(at: i).value.escaped(asASCII: false))'", at: i)
            }
        }
    }

    private func closing(_ open: UInt8) -> String {
        open == UInt8(ascii: "(") ? ")" : open == UInt8(ascii: "[") ? "]" : "}"
    }

    /// Static and reading a buffer: called from the lexer's loop, a method would copy the lexer
    /// (retaining each of its arrays) on every call.
    private static func matchTagEnd(in bytes: UnsafeBufferPointer<UInt8>, at i: Int, isBlock: Bool) -> Int? {
        let n = bytes.count
        guard i < n else { return nil }
        let close = isBlock ? UInt8(ascii: "%") : UInt8(ascii: "}")
        var j = i
        let first = bytes[i]
        if first == UInt8(ascii: "-") || (isBlock && first == UInt8(ascii: "+")) { j += 1 }
        guard j + 1 < n, bytes[j] == close, bytes[j + 1] == UInt8(ascii: "}") else { return nil }
        if first == UInt8(ascii: "-") { return skipWhitespace(in: bytes, from: j + 2) }
        if j > i { return j + 2 }
        var end = i + 2
        if isBlock, end < n, bytes[end] == UInt8(ascii: "\n") { end += 1 }
        return end
    }

    /// The length in bytes of the operator at `i` (0 when there is none), longest first: `**`
    /// before `*`.
    private static func operatorLength(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let c = bytes[i]
        let next: UInt8 = i + 1 < bytes.count ? bytes[i + 1] : 0
        switch c {
        case UInt8(ascii: "*"): return next == UInt8(ascii: "*") ? 2 : 1
        case UInt8(ascii: "/"): return next == UInt8(ascii: "/") ? 2 : 1
        case UInt8(ascii: "="), UInt8(ascii: ">"), UInt8(ascii: "<"): return next == UInt8(ascii: "=") ? 2 : 1
        case UInt8(ascii: "!"): return next == UInt8(ascii: "=") ? 2 : 0
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "%"), UInt8(ascii: "~"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "."), UInt8(ascii: ":"),
            UInt8(ascii: "|"), UInt8(ascii: ","), UInt8(ascii: ";"):
            return 1
        default: return 0
        }
    }

    /// The text of a token as a `String`.
    func text(of token: Token) -> String {
        token.decoded >= 0 ? texts[Int(token.decoded)] : sharedString(token.start, token.end)
    }

    /// Whether the token's text is exactly the ASCII `literal` (names and operators; compared
    /// byte by byte, without making a `String`).
    @inline(__always)
    func spells(_ token: Token, _ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard token.end - token.start == count, token.decoded < 0 else { return false }
        let p = literal.utf8Start
        return bytes.withUnsafeBufferPointer { buffer in
            for k in 0..<count where buffer[token.start + k] != p[k] { return false }
            return true
        }
    }

    /// Appends a token whose text is `text` rather than a range of the source.
    mutating func appendDecoded(_ kind: Token.Kind, _ text: String, offset: Int) {
        var token = Token(kind: kind, offset: offset)
        token.decoded = Int32(texts.count)
        texts.append(text)
        tokens.append(token)
    }
}

import Foundation

/// Byte-level scanning helpers of the lexer. ASCII is decided from the byte alone; a byte of
/// 0x80 or more starts a multi-byte scalar, decoded only to ask Unicode whether it is
/// whitespace or part of an identifier.
extension Lexer {
    /// The scalar that starts at byte `i` and its length in bytes (the source is valid UTF-8).
    func scalar(at i: Int) -> (value: Unicode.Scalar, length: Int) {
        bytes.withUnsafeBufferPointer { Lexer.scalar(in: $0, at: i) }
    }

    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (value: Unicode.Scalar, length: Int) {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        let n = bytes.count
        func next(_ k: Int) -> UInt32 { i + k < n ? UInt32(bytes[i + k] & 0x3F) : 0 }
        let value: UInt32
        let length: Int
        if b0 < 0xE0 {
            value = (b0 & 0x1F) << 6 | next(1)
            length = 2
        } else if b0 < 0xF0 {
            value = (b0 & 0x0F) << 12 | next(1) << 6 | next(2)
            length = 3
        } else {
            value = (b0 & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The end of the whitespace scalar at `i`, or `nil` when `i` is not whitespace.
    @inline(__always)
    func whitespaceEnd(at i: Int) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return isASCIIWhitespace(b) ? i + 1 : nil }
        let (s, length) = scalar(at: i)
        return s.properties.isWhitespace ? i + length : nil
    }

    /// `whitespaceEnd(at:)` on a buffer, for loops that must not copy the lexer.
    @inline(__always)
    static func whitespaceEnd(in bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return isASCIIWhitespace(b) ? i + 1 : nil }
        let (s, length) = scalar(in: bytes, at: i)
        return s.properties.isWhitespace ? i + length : nil
    }

    static func skipWhitespace(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var i = start
        while i < bytes.count, let next = whitespaceEnd(in: bytes, at: i) { i = next }
        return i
    }

    /// The start of the whitespace scalar that ends at `end` (not before `limit`), or `nil`.
    func whitespaceStart(before end: Int, limit: Int) -> Int? {
        let b = bytes[end - 1]
        if b < 0x80 { return isASCIIWhitespace(b) ? end - 1 : nil }
        var start = end - 1
        while start > limit, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start).value.properties.isWhitespace ? start : nil
    }

    func skipWhitespace(from start: Int) -> Int {
        var i = start
        while i < bytes.count, let next = whitespaceEnd(at: i) { i = next }
        return i
    }

    /// The end of the identifier-start scalar at `i` (`[A-Za-z_]` or XID_Start), or `nil`.
    @inline(__always)
    func nameStartEnd(at i: Int) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return isASCIILetter(b) || b == UInt8(ascii: "_") ? i + 1 : nil }
        let (s, length) = scalar(at: i)
        return s.properties.isXIDStart ? i + length : nil
    }

    /// The end of the identifier scalar at `i` (also digits and XID_Continue), or `nil`.
    @inline(__always)
    func nameContinueEnd(at i: Int) -> Int? {
        let b = bytes[i]
        if b < 0x80 { return isASCIILetter(b) || b == UInt8(ascii: "_") || isDigit(b) ? i + 1 : nil }
        let (s, length) = scalar(at: i)
        return s.properties.isXIDStart || s.properties.isXIDContinue ? i + length : nil
    }

    /// Whether the ASCII `literal` appears at byte `i`.
    func matchLiteral(_ literal: StaticString, at i: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard i + count <= bytes.count else { return false }
        let start = literal.utf8Start
        for k in 0..<count where bytes[i + k] != start[k] { return false }
        return true
    }

    func matchWord(_ word: StaticString, at i: Int) -> Bool {
        guard matchLiteral(word, at: i) else { return false }
        let after = i + word.utf8CodeUnitCount
        return after >= bytes.count || nameContinueEnd(at: after) == nil
    }

    /// The source text of bytes `start..<end` (both on scalar boundaries).
    func string(_ start: Int, _ end: Int) -> String {
        bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<end]), as: UTF8.self) }
    }

    /// The text of bytes `start..<end` through the compile's table of short texts.
    func sharedString(_ start: Int, _ end: Int) -> String {
        bytes.withUnsafeBufferPointer { strings.string($0, start, end) }
    }
}

@inline(__always) func isASCIIWhitespace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
}

@inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

@inline(__always) func isASCIILetter(_ b: UInt8) -> Bool {
    (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
}

@inline(__always) func isWhitespace(_ c: Unicode.Scalar) -> Bool {
    switch c {
    case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}": return true
    default: return c.value > 0x7F && c.properties.isWhitespace
    }
}

/// Maps byte offsets to 1-based line numbers and columns counted in Unicode scalars.
struct LineTable: Sendable {
    private let starts: [Int]
    private let bytes: [UInt8]
    /// Whether the source has a byte outside ASCII: if not, a column is a byte difference.
    private let hasNonASCII: Bool

    init(bytes: [UInt8]) {
        self.bytes = bytes
        var nonASCII: UInt8 = 0
        var starts = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            // Newlines are found with `memchr` (vectorised); the ASCII check ORs 8 bytes at a time.
            var i = 0
            let n = buffer.count
            while i < n, let hit = memchr(base + i, Int32(UInt8(ascii: "\n")), n - i) {
                i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self)) + 1
                starts.append(i)
            }
            var wide: UInt64 = 0
            var k = 0
            while k + 8 <= n {
                wide |= UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                k += 8
            }
            while k < n {
                nonASCII |= buffer[k]
                k += 1
            }
            if wide & 0x8080_8080_8080_8080 != 0 { nonASCII |= 0x80 }
        }
        self.starts = starts
        hasNonASCII = nonASCII >= 0x80
    }

    func position(of offset: Int) -> (line: Int, column: Int) {
        var hint = 0
        return position(of: offset, hint: &hint)
    }

    /// The position of `offset`, trying the 0-based line `hint` and the next one before a binary
    /// search, and leaving the line found in `hint`: the compiler asks for the positions of a
    /// template's nodes mostly in source order.
    func position(of offset: Int, hint: inout Int) -> (line: Int, column: Int) {
        let last = starts.count - 1
        var low: Int
        if hint <= last, starts[hint] <= offset, hint == last || offset < starts[hint + 1] {
            low = hint
        } else if hint < last, starts[hint + 1] <= offset, hint + 1 == last || offset < starts[hint + 2] {
            low = hint + 1
        } else {
            low = 0
            var high = last
            while low < high {
                let mid = (low + high + 1) / 2
                if starts[mid] <= offset { low = mid } else { high = mid - 1 }
            }
        }
        hint = low
        if !hasNonASCII { return (low + 1, offset - starts[low] + 1) }
        // Columns count scalars: every byte that does not continue a multi-byte sequence.
        var column = 1
        var i = starts[low]
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (low + 1, column + max(0, offset - bytes.count))
    }
}

/// Turns byte offsets into locations while a template is compiled, remembering the line of the
/// last lookup (see `LineTable.position(of:hint:)`).
final class Locator {
    let path: String
    let lines: LineTable
    private var hint = 0

    init(path: String, lines: LineTable) {
        self.path = path
        self.lines = lines
    }

    func location(_ offset: Int) -> SourceLocation {
        let (line, column) = lines.position(of: offset, hint: &hint)
        return SourceLocation(path: path, line: line, column: column)
    }
}

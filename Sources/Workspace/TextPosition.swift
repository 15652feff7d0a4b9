/// Line and column of a place in a text, counted as the YAML parser counts them: lines end at
/// LF, CR LF or a lone CR, columns are 1-based and count Unicode scalars.
package struct TextPosition: Sendable, Hashable, CustomStringConvertible {
    package var line: Int
    package var column: Int

    package init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    package var description: String { "\(line):\(column)" }

    /// The position of the byte at `offset` of `bytes`, which are valid UTF-8 up to there.
    package static func of(byteOffset offset: Int, in bytes: some Collection<UInt8>) -> TextPosition {
        var line = 1
        var column = 1
        var previous: UInt8 = 0
        for (index, byte) in bytes.enumerated() {
            if index >= offset { break }
            switch byte {
            case 0x0A:
                // The LF of a CR LF pair ends the line the CR already ended.
                if previous != 0x0D { line += 1 }
                column = 1
            case 0x0D:
                line += 1
                column = 1
            default:
                // Continuation bytes (10xxxxxx) belong to the scalar their lead byte started.
                if byte & 0xC0 != 0x80 { column += 1 }
            }
            previous = byte
        }
        return TextPosition(line: line, column: column)
    }

    /// The position of the UTF-8 byte at `offset` of `text`.
    package static func of(byteOffset offset: Int, in text: String) -> TextPosition {
        of(byteOffset: offset, in: text.utf8)
    }

    /// The offset of the first byte that is not part of well-formed UTF-8 (an overlong form, a
    /// surrogate, a value above U+10FFFF, a stray or missing continuation byte), or `nil`.
    /// Eight ASCII bytes are passed at a time (most text, every chart), the rest sequence by sequence.
    package static func firstInvalidUTF8(in bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBytes { firstInvalidUTF8(in: $0) }
    }

    private static func firstInvalidUTF8(in bytes: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, bytes.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
                continue
            }
            let lead = bytes[index]
            let length: Int
            var lowest: UInt8 = 0x80
            var highest: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lowest = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; highest = 0x9F
            case 0xF0: length = 4; lowest = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; highest = 0x8F
            default: return index
            }
            for next in 1..<length {
                guard index + next < bytes.count else { return index }
                let byte = bytes[index + next]
                let (low, high) = next == 1 ? (lowest, highest) : (UInt8(0x80), UInt8(0xBF))
                guard byte >= low, byte <= high else { return index }
            }
            index += length
        }
        return nil
    }

    /// Characters a data file may not contain: C0 controls other than tab, LF and CR, DEL, C1
    /// controls other than NEL, and the non-characters U+FFFE and U+FFFF. YAML refuses them; in
    /// CSV and Markdown they are invisible and would reach briefings silently.
    package static func isForbiddenControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x85: return false
        case 0x00...0x1F, 0x7F...0x9F, 0xFFFE, 0xFFFF: return true
        default: return false
        }
    }

    /// The first forbidden control character of `text` and where it is, or `nil`.
    package static func firstForbiddenControl(in text: String) -> (scalar: Unicode.Scalar, position: TextPosition)? {
        var line = 1
        var column = 1
        var afterCR = false
        for scalar in text.unicodeScalars {
            if isForbiddenControl(scalar) { return (scalar, TextPosition(line: line, column: column)) }
            switch scalar {
            case "\n":
                if !afterCR { line += 1 }
                column = 1
            case "\r":
                line += 1
                column = 1
            default:
                column += 1
            }
            afterCR = scalar == "\r"
        }
        return nil
    }

    /// `U+0000`, as messages name a character that cannot be shown.
    package static func name(of scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

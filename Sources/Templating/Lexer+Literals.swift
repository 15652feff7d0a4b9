/// String and number literals inside tags, with Python's escapes, prefixes and underscores.
extension Lexer {
    mutating func lexString(at start: Int) throws -> Int {
        let quote = bytes[start]
        let n = bytes.count
        // Most strings have no escapes: one copy of the bytes between the quotes.
        var i = start + 1
        while i < n, bytes[i] != quote, bytes[i] != UInt8(ascii: "\\") { i += 1 }
        if i < n, bytes[i] == quote {
            tokens.append(Token(kind: .string, offset: start, start: start + 1, end: i))
            return i + 1
        }
        var value: [UInt8] = Array(bytes[(start + 1)..<i])
        func append(_ scalar: Unicode.Scalar) {
            value.append(contentsOf: Array(String(scalar).utf8))
        }
        while i < n {
            let c = bytes[i]
            if c == quote {
                appendDecoded(.string, String(decoding: value, as: UTF8.self), offset: start)
                return i + 1
            }
            if c == UInt8(ascii: "\\"), i + 1 < n {
                let e = bytes[i + 1]
                guard e < 0x80 else {
                    // A backslash before a non-ASCII character stays; the character follows.
                    value.append(c)
                    i += 1
                    continue
                }
                i += 2
                switch Unicode.Scalar(e) {
                case "n": value.append(0x0A)
                case "t": value.append(0x09)
                case "r": value.append(0x0D)
                case "\\": value.append(UInt8(ascii: "\\"))
                case "'": value.append(UInt8(ascii: "'"))
                case "\"": value.append(UInt8(ascii: "\""))
                case "a": value.append(0x07)
                case "b": value.append(0x08)
                case "f": value.append(0x0C)
                case "v": value.append(0x0B)
                case "0": value.append(0x00)
                case "\n": break
                case "x", "u", "U":
                    let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                    guard i + width <= n, let code = UInt32(string(i, i + width), radix: 16),
                        let scalar = Unicode.Scalar(code)
                    else {
                        throw error("invalid \\\(Unicode.Scalar(e)) escape in string", at: i - 2)
                    }
                    append(scalar)
                    i += width
                default:
                    value.append(UInt8(ascii: "\\"))
                    value.append(e)
                }
                continue
            }
            value.append(c)
            i += 1
        }
        throw error("unterminated string", at: start)
    }

    mutating func lexNumber(at start: Int) throws -> Int {
        let n = bytes.count
        var i = start
        func digits() {
            while i < n, isDigit(bytes[i]) || (bytes[i] == UInt8(ascii: "_") && i + 1 < n && isDigit(bytes[i + 1])) { i += 1 }
        }
        // Prefixed integers.
        if bytes[i] == UInt8(ascii: "0"), i + 1 < n, let radix = Lexer.radix(bytes[i + 1]) {
            var j = i + 2
            while j < n {
                let b = bytes[j]
                if b == UInt8(ascii: "_") || isDigit(b) || Lexer.isHexLetter(b) {
                    j += 1
                } else if b >= 0x80, case (let s, let length) = scalar(at: j), s.properties.numericType != nil {
                    j += length
                } else {
                    break
                }
            }
            let body = string(i + 2, j).replacingUnderscores()
            guard let value = Int(body, radix: radix) else { throw error("invalid integer literal", at: start) }
            appendDecoded(.integer, String(value), offset: start)
            return j
        }
        digits()
        var isFloat = false
        if i + 1 < n, bytes[i] == UInt8(ascii: "."), isDigit(bytes[i + 1]) {
            isFloat = true
            i += 1
            digits()
        }
        if i < n, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            var j = i + 1
            if j < n, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
            if j < n, isDigit(bytes[j]) {
                isFloat = true
                i = j
                digits()
            }
        }
        // A leading zero is refused unless every digit is a zero (underscores are not digits).
        if !isFloat, bytes[start] == UInt8(ascii: "0"),
            bytes[start..<i].contains(where: { $0 != UInt8(ascii: "0") && $0 != UInt8(ascii: "_") })
        {
            throw error("leading zeros in integer literals are not permitted", at: start)
        }
        let kind: Token.Kind = isFloat ? .float : .integer
        if bytes[start..<i].contains(UInt8(ascii: "_")) {
            appendDecoded(kind, string(start, i).replacingUnderscores(), offset: start)
        } else {
            tokens.append(Token(kind: kind, offset: start, end: i))
        }
        return i
    }

    private static func radix(_ b: UInt8) -> Int? {
        switch b {
        case UInt8(ascii: "x"), UInt8(ascii: "X"): return 16
        case UInt8(ascii: "o"), UInt8(ascii: "O"): return 8
        case UInt8(ascii: "b"), UInt8(ascii: "B"): return 2
        default: return nil
        }
    }

    private static func isHexLetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "f")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "F"))
    }
}

extension String {
    fileprivate func replacingUnderscores() -> String {
        guard utf8.contains(UInt8(ascii: "_")) else { return self }
        return String(unicodeScalars.filter { $0 != "_" })
    }
}

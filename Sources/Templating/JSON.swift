/// Reads JSON into template values, keeping what Python's `json` keeps: `1.0` stays a float,
/// `3` an int, and object keys their document order.
public enum JSONReader {
    /// Invalid JSON: a message and the 1-based line and column where reading stopped.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "\(line):\(column): \(message)" }
    }

    /// `maximumDepth`: documents that nest deeper are refused (`TemplateLimits.valueDepth`).
    public static func parse(_ text: String, maximumDepth: Int = TemplateLimits.defaults.valueDepth) throws -> Value {
        var parser = Cursor(bytes: Array(text.utf8), maximumDepth: maximumDepth)
        parser.skipWhitespace()
        let value = try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == parser.bytes.count else { throw parser.failure("unexpected data after the JSON value") }
        return value
    }

    private struct Cursor {
        let bytes: [UInt8]
        let maximumDepth: Int
        var index = 0

        func failure(_ message: String) -> Failure {
            var line = 1
            var lineStart = 0
            for i in 0..<min(index, bytes.count) where bytes[i] == UInt8(ascii: "\n") {
                line += 1
                lineStart = i + 1
            }
            let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
            return Failure(line: line, column: column, message: message)
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                let b = bytes[index]
                guard b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D else { return }
                index += 1
            }
        }

        mutating func value(depth: Int) throws -> Value {
            guard depth < maximumDepth else {
                throw failure("JSON nested more than \(maximumDepth) levels deep (the value nesting depth limit)")
            }
            guard index < bytes.count else { throw failure("unexpected end of JSON") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var keys: [String] = []
                var values: [Value] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    return .dict(Value.Dictionary(keys: [], values: []))
                }
                while true {
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw failure("expected a string key") }
                    keys.append(try string())
                    skipWhitespace()
                    guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                    index += 1
                    skipWhitespace()
                    values.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard index < bytes.count else { throw failure("unexpected end of JSON") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                    index += 1
                    return .dict(Value.Dictionary(keys: keys, values: values))
                }
            case UInt8(ascii: "["):
                index += 1
                var items: [Value] = []
                skipWhitespace()
                if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    return .list([])
                }
                while true {
                    skipWhitespace()
                    items.append(try value(depth: depth + 1))
                    skipWhitespace()
                    guard index < bytes.count else { throw failure("unexpected end of JSON") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        continue
                    }
                    guard bytes[index] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                    index += 1
                    return .list(items)
                }
            case UInt8(ascii: "\""):
                return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .none
            default:
                return try number()
            }
        }

        mutating func literal(_ word: String) throws {
            let w = Array(word.utf8)
            guard index + w.count <= bytes.count, Array(bytes[index..<(index + w.count)]) == w else {
                throw failure("invalid literal")
            }
            index += w.count
        }

        mutating func number() throws -> Value {
            let start = index
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            var isFloat = false
            func digits() -> Bool {
                let s = index
                while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
                return index > s
            }
            guard digits() else { throw failure("invalid value") }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                isFloat = true
                guard digits() else { throw failure("invalid number") }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                isFloat = true
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() else { throw failure("invalid number") }
            }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if !isFloat {
                guard let i = Int(text) else {
                    index = start
                    throw failure("integer \(text) does not fit in 64 bits")
                }
                return .int(i)
            }
            guard let d = Double(text) else { throw failure("invalid number") }
            return .double(d)
        }

        mutating func string() throws -> String {
            index += 1
            var out = [UInt8]()
            while index < bytes.count {
                let b = bytes[index]
                if b == UInt8(ascii: "\"") {
                    index += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if b < 0x20 { throw failure("control character in string") }
                if b == UInt8(ascii: "\\") {
                    index += 1
                    guard index < bytes.count else { break }
                    let e = bytes[index]
                    index += 1
                    switch e {
                    case UInt8(ascii: "\""): out.append(0x22)
                    case UInt8(ascii: "\\"): out.append(0x5C)
                    case UInt8(ascii: "/"): out.append(0x2F)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "u"):
                        var code = try hex4()
                        if code >= 0xD800 && code < 0xDC00, index + 1 < bytes.count,
                            bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                        {
                            let save = index
                            index += 2
                            let low = try hex4()
                            if low >= 0xDC00 && low < 0xE000 {
                                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                index = save
                            }
                        }
                        let scalar = Unicode.Scalar(code) ?? "\u{FFFD}"
                        out.append(contentsOf: Array(String(scalar).utf8))
                    default: throw failure("invalid escape in string")
                    }
                    continue
                }
                out.append(b)
                index += 1
            }
            throw failure("unterminated string")
        }

        mutating func hex4() throws -> UInt32 {
            guard index + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[index..<(index + 4)], as: UTF8.self), radix: 16)
            else { throw failure("invalid \\u escape") }
            index += 4
            return code
        }
    }
}

/// Writes values as Python's `json.dumps(sort_keys=True)` does, for the `tojson` filter.
enum JSONWriter {
    /// Jinja's `htmlsafe_json_dumps`: `<`, `>`, `&`, `'` become `\u003c` … so the result can sit
    /// inside HTML, including attributes.
    static func htmlSafe(_ value: Value, indent: Int?) throws -> String {
        var out = ""
        try write(value, indent: indent, level: 0, into: &out)
        var safe = ""
        safe.reserveCapacity(out.utf8.count)
        for scalar in out.unicodeScalars {
            switch scalar {
            case "<": safe += "\\u003c"
            case ">": safe += "\\u003e"
            case "&": safe += "\\u0026"
            case "'": safe += "\\u0027"
            default: safe.unicodeScalars.append(scalar)
            }
        }
        return safe
    }

    private static func write(_ value: Value, indent: Int?, level: Int, into out: inout String) throws {
        guard level < TemplateLimits.traversalCeiling else { throw Value.nestingError(TemplateLimits.traversalCeiling) }
        if out.utf8.count > TemplateLimits.defaults.outputBytes {
            throw OperationError(
                .limit, "the JSON is larger than \(TemplateLimits.describeBytes(TemplateLimits.defaults.outputBytes)) (the output size limit)")
        }
        switch value {
        case .none: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if d.isNaN { out += "NaN" } else if d.isInfinite { out += d < 0 ? "-Infinity" : "Infinity" } else {
                out += Value.pythonFloatRepr(d)
            }
        case .string(let s), .markup(let s): writeString(s, into: &out)
        case .list(let items), .tuple(let items):
            try writeContainer(items.map { (nil, $0) }, open: "[", close: "]", indent: indent, level: level, into: &out)
        case .dict(let d):
            let pairs = zip(d.keys, d.values).sorted { Value.compareCodePoints($0.0, $1.0) < 0 }
            try writeContainer(pairs.map { ($0.0, $0.1) }, open: "{", close: "}", indent: indent, level: level, into: &out)
        case .object(let o):
            if let sequence = o as? any TemplateSequence {
                try write(.list(sequence.elements), indent: indent, level: level, into: &out)
            } else {
                throw OperationError(.type, "Object of type \(o.typeName) is not JSON serializable")
            }
        case .callable:
            throw OperationError(.type, "Object of type function is not JSON serializable")
        case .undefined(let u):
            throw Value.undefinedError(u)
        }
    }

    private static func writeContainer(
        _ items: [(String?, Value)], open: String, close: String, indent: Int?, level: Int, into out: inout String
    ) throws {
        if items.isEmpty {
            out += open + close
            return
        }
        out += open
        for (index, (key, item)) in items.enumerated() {
            if let indent {
                out += (index == 0 ? "" : ",") + "\n" + String(repeating: " ", count: indent * (level + 1))
            } else if index > 0 {
                out += ", "
            }
            if let key {
                writeString(key, into: &out)
                out += ": "
            }
            try write(item, indent: indent, level: level + 1, into: &out)
        }
        if let indent { out += "\n" + String(repeating: " ", count: indent * level) }
        out += close
    }

    /// `ensure_ascii=True`: non-ASCII as `\uXXXX`, astral characters as surrogate pairs.
    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += "\\u" + hex(0xD800 + (v >> 10)) + "\\u" + hex(0xDC00 + (v & 0x3FF))
                    } else {
                        out += "\\u" + hex(scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    private static func hex(_ v: UInt32) -> String { String(v, radix: 16).leftPadded(to: 4) }
}

import Foundation

/// Python's number formatting rules, which Jinja2 exposes through `format`, `round` and `%`.
enum PythonFormat {
    /// C's `snprintf` for one floating-point conversion. The process never calls `setlocale`, so
    /// the C locale is in force and the decimal point is always `.`.
    static func cFormat(_ spec: String, _ value: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let needed = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: Int(needed) + 1)
            _ = withVaList([value]) { vsnprintf(&buffer, buffer.count, spec, $0) }
        }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Python's `round(x, ndigits)` for floats: correctly rounded from the binary value, ties to even.
    static func round(_ x: Double, digits: Int) -> Double {
        guard x.isFinite else { return x }
        if digits >= 0 {
            if digits > 308 { return x }
            let text = cFormat("%.\(digits)f", x)
            return Double(text) ?? x
        }
        let scale = Foundation.pow(10.0, Double(-digits))
        let y = x / scale
        return (y.rounded(.toNearestOrEven) * scale)
    }

    /// Python's `round(int, ndigits)`: ints stay ints; negative digits round half to even.
    static func round(_ x: Int, digits: Int) -> Int {
        guard digits < 0 else { return x }
        guard -digits < 19 else { return 0 }
        var scale = 1
        for _ in 0..<(-digits) { scale *= 10 }
        let quotient = x >= 0 ? x / scale : -((-x) / scale)
        var rounded = quotient
        let remainder = x - quotient * scale
        let twice = abs(remainder) * 2
        if twice > scale || (twice == scale && quotient % 2 != 0) {
            rounded += x >= 0 ? 1 : -1
        }
        return rounded * scale
    }

    // MARK: - printf-style formatting

    /// Python's `format % args`: `args` is a tuple (positional), a dict (`%(name)s`) or one value.
    static func percent(_ format: String, _ args: Value, escapeArguments: Bool = false) throws -> String {
        var positional: [Value]
        var mapping: Value.Dictionary?
        switch args {
        case .tuple(let items): positional = items
        case .dict(let d):
            mapping = d
            positional = [args]
        default: positional = [args]
        }
        var next = 0
        var usedMapping = false
        var out = ""
        let scalars = Array(format.unicodeScalars)
        var i = 0
        func nextArgument() throws -> Value {
            guard next < positional.count else { throw OperationError(.type, "not enough arguments for format string") }
            defer { next += 1 }
            return positional[next]
        }
        while i < scalars.count {
            let c = scalars[i]
            guard c == "%" else {
                out.unicodeScalars.append(c)
                i += 1
                continue
            }
            i += 1
            guard i < scalars.count else { throw OperationError(.runtime, "incomplete format") }
            var key: String?
            if scalars[i] == "(" {
                var depth = 1
                var j = i + 1
                while j < scalars.count, depth > 0 {
                    if scalars[j] == "(" { depth += 1 }
                    if scalars[j] == ")" { depth -= 1 }
                    j += 1
                }
                guard depth == 0 else { throw OperationError(.runtime, "incomplete format key") }
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars[(i + 1)..<(j - 1)])
                key = String(view)
                i = j
            }
            var flags = ""
            while i < scalars.count, "-+ #0".unicodeScalars.contains(scalars[i]) {
                flags.unicodeScalars.append(scalars[i])
                i += 1
            }
            var width: Int?
            if i < scalars.count, scalars[i] == "*" {
                guard case .int(let w) = try nextArgument().numeric else { throw OperationError(.type, "* wants int") }
                width = w
                i += 1
            } else {
                var digits = ""
                while i < scalars.count, scalars[i].properties.numericType == .decimal, scalars[i].isASCII {
                    digits.unicodeScalars.append(scalars[i])
                    i += 1
                }
                width = Int(digits)
            }
            var precision: Int?
            if i < scalars.count, scalars[i] == "." {
                i += 1
                if i < scalars.count, scalars[i] == "*" {
                    guard case .int(let p) = try nextArgument().numeric else { throw OperationError(.type, "* wants int") }
                    precision = p
                    i += 1
                } else {
                    var digits = ""
                    while i < scalars.count, scalars[i].properties.numericType == .decimal, scalars[i].isASCII {
                        digits.unicodeScalars.append(scalars[i])
                        i += 1
                    }
                    precision = Int(digits) ?? 0
                }
            }
            while i < scalars.count, "hlL".unicodeScalars.contains(scalars[i]) { i += 1 }
            guard i < scalars.count else { throw OperationError(.runtime, "incomplete format") }
            let conversion = Character(scalars[i])
            i += 1
            if conversion == "%" {
                out += "%"
                continue
            }
            let argument: Value
            if let key {
                guard let mapping else { throw OperationError(.type, "format requires a mapping") }
                guard let value = mapping[key] else { throw OperationError(.runtime, "KeyError: '\(key)'") }
                argument = value
                usedMapping = true
            } else {
                argument = try nextArgument()
            }
            var text = try convert(argument, conversion, flags: flags, precision: precision)
            if escapeArguments, !argument.isMarkup, "sra".contains(conversion) { text = HTML.escape(text) }
            out += pad(text, width: width, flags: flags, numeric: !"srac".contains(conversion))
        }
        if mapping == nil, next < positional.count, !usedMapping {
            throw OperationError(.type, "not all arguments converted during string formatting")
        }
        return out
    }

    private static func convert(_ value: Value, _ conversion: Character, flags: String, precision: Int?) throws -> String {
        switch conversion {
        case "s":
            let s = try value.pythonStr()
            if let precision { return String(String.UnicodeScalarView(s.unicodeScalars.prefix(precision))) }
            return s
        case "r", "a":
            let s = try value.pythonRepr()
            if let precision { return String(String.UnicodeScalarView(s.unicodeScalars.prefix(precision))) }
            return s
        case "c":
            if case .int(let code) = value.numeric, let scalar = Unicode.Scalar(UInt32(clamping: max(0, code))) {
                return String(Character(scalar))
            }
            if let s = value.stringValue, s.unicodeScalars.count == 1 { return s }
            throw OperationError(.type, "%c requires an int or a unicode character, not \(value.typeName)")
        case "d", "i", "u", "x", "X", "o":
            let integer: Int
            switch try value.defined().numeric {
            case .int(let n)?: integer = n
            case .double(let d)?:
                guard "diu".contains(conversion) else {
                    throw OperationError(.type, "%\(conversion) format: an integer is required, not float")
                }
                guard d.isFinite else { throw OperationError(.runtime, "cannot convert float \(Value.pythonFloatRepr(d)) to integer") }
                integer = Int(d.rounded(.towardZero))
            case nil:
                throw OperationError(.type, "%\(conversion) format: a real number is required, not \(value.typeName)")
            }
            var digits: String
            switch conversion {
            case "x": digits = String(integer.magnitude, radix: 16)
            case "X": digits = String(integer.magnitude, radix: 16).uppercased()
            case "o": digits = String(integer.magnitude, radix: 8)
            default: digits = String(integer.magnitude)
            }
            if let precision, digits.count < precision {
                digits = String(repeating: "0", count: precision - digits.count) + digits
            }
            if flags.contains("#") {
                if conversion == "x" { digits = "0x" + digits }
                if conversion == "X" { digits = "0X" + digits }
                if conversion == "o" { digits = "0o" + digits }
            }
            return sign(negative: integer < 0, flags: flags) + digits
        case "e", "E", "f", "F", "g", "G":
            guard let number = try value.defined().numeric else {
                throw OperationError(.type, "must be real number, not \(value.typeName)")
            }
            let d = number.asDouble
            var spec = "%"
            if flags.contains("+") { spec += "+" } else if flags.contains(" ") { spec += " " }
            if flags.contains("#") { spec += "#" }
            spec += ".\(precision ?? 6)\(conversion)"
            return cFormat(spec, d)
        default:
            throw OperationError(.runtime, "unsupported format character '\(conversion)'")
        }
    }

    private static func sign(negative: Bool, flags: String) -> String {
        if negative { return "-" }
        if flags.contains("+") { return "+" }
        if flags.contains(" ") { return " " }
        return ""
    }

    private static func pad(_ text: String, width: Int?, flags: String, numeric: Bool) -> String {
        guard let width else { return text }
        let length = text.unicodeScalars.count
        guard length < width else { return text }
        let fill = width - length
        if flags.contains("-") { return text + String(repeating: " ", count: fill) }
        if flags.contains("0") && numeric {
            // Zero padding goes after the sign and any 0x prefix.
            var prefix = ""
            var body = Substring(text)
            if let first = body.first, "+- ".contains(first) {
                prefix.append(first)
                body = body.dropFirst()
            }
            if body.hasPrefix("0x") || body.hasPrefix("0X") || body.hasPrefix("0o") {
                prefix += body.prefix(2)
                body = body.dropFirst(2)
            }
            if body == "inf" || body == "nan" || body == "INF" || body == "NAN" { return String(repeating: " ", count: fill) + text }
            return prefix + String(repeating: "0", count: fill) + body
        }
        return String(repeating: " ", count: fill) + text
    }
}

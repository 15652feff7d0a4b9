/// How values print: Python's `str()` and `repr()`, which is what Jinja2 outputs.
extension Value {
    /// Python's `str(value)`.
    func pythonStr() throws -> String {
        switch self {
        case .string(let s), .markup(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return Value.pythonFloatRepr(d)
        case .bool(let b): return b ? "True" : "False"
        case .none: return "None"
        case .undefined(let u):
            if u.isLenient { return "" }
            throw Value.undefinedError(u)
        default: return try pythonRepr()
        }
    }

    /// Python's `repr(value)`.
    func pythonRepr(sortKeys: Bool = false) throws -> String {
        var budget = ReprBudget()
        var out = ""
        try appendRepr(to: &out, sortKeys: sortKeys, depth: 0, budget: &budget)
        return out
    }

    /// What one `repr` may still spend: values nested past the traversal ceiling, or whose text
    /// would pass the default output size limit (a list shared many times over, `[a, a]` nested
    /// forty deep, prints as a terabyte), stop with an error instead of exhausting the stack or
    /// memory.
    private struct ReprBudget {
        var bytes = TemplateLimits.defaults.outputBytes
    }

    private func appendRepr(to out: inout String, sortKeys: Bool, depth: Int, budget: inout ReprBudget) throws {
        guard depth < TemplateLimits.traversalCeiling else { throw Value.nestingError(TemplateLimits.traversalCeiling) }
        if out.utf8.count > budget.bytes {
            throw OperationError(
                .limit, "the value prints as more than \(TemplateLimits.describeBytes(budget.bytes)) (the output size limit)")
        }
        let depth = depth + 1
        func items(_ values: [Value], open: String, close: String) throws {
            out += open
            for (index, item) in values.enumerated() {
                if index > 0 { out += ", " }
                try item.appendRepr(to: &out, sortKeys: sortKeys, depth: depth, budget: &budget)
            }
            out += close
        }
        switch self {
        case .string(let s): out += Value.pythonStringRepr(s)
        case .markup(let s): out += "Markup(" + Value.pythonStringRepr(s) + ")"
        case .list(let values): try items(values, open: "[", close: "]")
        case .tuple(let values):
            if values.count == 1 {
                out += "("
                try values[0].appendRepr(to: &out, sortKeys: sortKeys, depth: depth, budget: &budget)
                out += ",)"
            } else {
                try items(values, open: "(", close: ")")
            }
        case .dict(let d):
            var pairs = Array(zip(d.keys, d.values))
            if sortKeys { pairs.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } }
            out += "{"
            for (index, pair) in pairs.enumerated() {
                if index > 0 { out += ", " }
                out += Value.pythonStringRepr(pair.0) + ": "
                try pair.1.appendRepr(to: &out, sortKeys: sortKeys, depth: depth, budget: &budget)
            }
            out += "}"
        case .callable(let c): out += "<function \(c.name)>"
        case .object(let o):
            if let n = o as? Namespace {
                out += "<Namespace "
                for (index, pair) in n.storage.enumerated() {
                    if index > 0 { out += ", " }
                    out += pair.0 + "="
                    try pair.1.appendRepr(to: &out, sortKeys: sortKeys, depth: depth, budget: &budget)
                }
                out += ">"
            } else if let sequence = o as? any TemplateSequence {
                try Value.tuple(sequence.elements).appendRepr(to: &out, sortKeys: sortKeys, depth: depth - 1, budget: &budget)
            } else {
                out += "<\(o.typeName) object>"
            }
        case .undefined: out += "Undefined"
        default: out += try pythonStr()
        }
    }

    /// Python's `repr(float)`: the shortest digits that round-trip, `1.0`, `1e-05`, `1e+16`, `inf`.
    ///
    /// Both languages print the shortest digits that read back as the same `Double`; they differ
    /// in when to switch to exponent notation. Python writes fixed notation when the decimal
    /// exponent of those digits is from −4 to 15 (`0.0001`, `9999999999999998.0`) and exponent
    /// notation outside (`1e-05`, `1e+16`); Swift switches by binary magnitude instead (it
    /// prints `9.999999999999998e+15`). So the digits come from Swift and the layout from Python.
    static func pythonFloatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let text = d.description
        // Swift's fixed notation covers a smaller range than Python's and agrees with it there.
        guard text.utf8.contains(UInt8(ascii: "e")) else { return text }
        let (digits, exponent) = shortestDigits(d.magnitude.description)
        let sign = d < 0 ? "-" : ""
        if exponent >= -4 && exponent < 16 {
            let point = exponent + 1  // digits before the decimal point
            if point <= 0 { return sign + "0." + String(repeating: "0", count: -point) + digits }
            if point >= digits.count { return sign + digits + String(repeating: "0", count: point - digits.count) + ".0" }
            let split = digits.index(digits.startIndex, offsetBy: point)
            return sign + digits[..<split] + "." + digits[split...]
        }
        let mantissa = digits.count == 1 ? digits : String(digits.prefix(1)) + "." + digits.dropFirst()
        let exponentText = String(abs(exponent))
        return sign + mantissa + (exponent < 0 ? "e-" : "e+") + (exponentText.count < 2 ? "0" : "") + exponentText
    }

    /// The significant digits of Swift's `description` of a positive finite number (no leading
    /// or trailing zeros) and the decimal exponent of the first one: `("15", -5)` for `1.5e-05`.
    private static func shortestDigits(_ text: String) -> (digits: String, exponent: Int) {
        var mantissa = Substring(text)
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...])!
        }
        let point = mantissa.firstIndex(of: ".")
        let integerPart = point.map { mantissa[..<$0] } ?? mantissa
        let fraction = point.map { mantissa[mantissa.index(after: $0)...] } ?? ""
        var digits = Array((integerPart + fraction).utf8)
        // The exponent of the first digit, counting from the written decimal point.
        exponent += integerPart.count - 1
        while let first = digits.first, first == UInt8(ascii: "0") {
            digits.removeFirst()
            exponent -= 1
        }
        while let last = digits.last, last == UInt8(ascii: "0") { digits.removeLast() }
        return (String(decoding: digits, as: UTF8.self), exponent)
    }

    /// Python's `repr(str)`: single quotes unless the text has `'` and no `"`.
    static func pythonStringRepr(_ s: String) -> String {
        let useDouble = s.contains("'") && !s.contains("\"")
        let quote: Character = useDouble ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "'" where !useDouble: out += "\\'"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + hex(scalar.value, width: 2)
                } else if !isPrintable(scalar) {
                    if scalar.value <= 0xFF {
                        out += "\\x" + hex(scalar.value, width: 2)
                    } else if scalar.value <= 0xFFFF {
                        out += "\\u" + hex(scalar.value, width: 4)
                    } else {
                        out += "\\U" + hex(scalar.value, width: 8)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append(quote)
        return out
    }

    private static func hex(_ value: UInt32, width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// An approximation of Python's `str.isprintable` per scalar: separators, controls, format
    /// characters and unassigned code points print escaped.
    private static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
            .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }
}

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
        try pythonRepr(sortKeys: sortKeys, depth: 0)
    }

    private func pythonRepr(sortKeys: Bool, depth: Int) throws -> String {
        // Values built by a template loop can nest without bound; Python stops with RecursionError.
        guard depth < 500 else { throw OperationError(.runtime, "value nested too deeply to print") }
        let depth = depth + 1
        switch self {
        case .string(let s): return Value.pythonStringRepr(s)
        case .markup(let s): return "Markup(\(Value.pythonStringRepr(s)))"
        case .list(let items):
            return "[" + (try items.map { try $0.pythonRepr(sortKeys: sortKeys, depth: depth) }.joined(separator: ", ")) + "]"
        case .tuple(let items):
            if items.count == 1 { return "(" + (try items[0].pythonRepr(sortKeys: sortKeys, depth: depth)) + ",)" }
            return "(" + (try items.map { try $0.pythonRepr(sortKeys: sortKeys, depth: depth) }.joined(separator: ", ")) + ")"
        case .dict(let d):
            var pairs = Array(zip(d.keys, d.values))
            if sortKeys { pairs.sort { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) } }
            return "{" + (try pairs.map { Value.pythonStringRepr($0.0) + ": " + (try $0.1.pythonRepr(sortKeys: sortKeys, depth: depth)) }
                .joined(separator: ", ")) + "}"
        case .callable(let c): return "<function \(c.name)>"
        case .object(let o):
            if let n = o as? Namespace {
                return "<Namespace " + (try n.storage.map { "\($0.0)=" + (try $0.1.pythonRepr()) }.joined(separator: ", ")) + ">"
            }
            if let sequence = o as? any TemplateSequence { return try Value.tuple(sequence.elements).pythonRepr(sortKeys: sortKeys, depth: depth) }
            return "<\(o.typeName) object>"
        case .undefined: return "Undefined"
        default: return try pythonStr()
        }
    }

    /// Python's `repr(float)`: the shortest digits that round-trip, `1.0`, `1e-05`, `1e+16`, `inf`.
    /// Swift's `description` uses the same shortest-digits algorithm and the same switch to
    /// exponent notation (below 1e-4, from 1e16), so only the spelled-out forms need fixing.
    static func pythonFloatRepr(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
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

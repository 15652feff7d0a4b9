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

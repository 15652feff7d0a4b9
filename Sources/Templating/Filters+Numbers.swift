import Foundation

/// Number filters: conversions and rounding with Python's rules.
extension Filters {
    /// `abs`
    static func abs(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        switch value.numeric {
        case .int(let i)?:
            guard i != .min else { throw OperationError(.runtime, "integer overflow") }
            return .int(Swift.abs(i))
        case .double(let d)?: return .double(Swift.abs(d))
        default: throw OperationError(.type, "bad operand type for abs(): '\(value.typeName)'")
        }
    }

    /// `float`
    static func float(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let fallback = try args.bind(["default"])[0] ?? .double(0)
        switch value {
        case .double: return value
        case .int(let i): return .double(Double(i))
        case .bool(let b): return .double(b ? 1 : 0)
        case .string(let s), .markup(let s): return Builtins.pythonFloat(s).map { .double($0) } ?? fallback
        default: return fallback
        }
    }

    /// `int`
    static func int(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["default", "base"])
        let fallback = a[0] ?? .int(0)
        let base = try a[1]?.intArgument("base") ?? 10
        guard base == 0 || (2...36).contains(base) else { throw FilterError("int() base must be >= 2 and <= 36, or 0") }
        switch value {
        case .int: return value
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d):
            return try Builtins.integerPart(d) ?? fallback
        case .string(let s), .markup(let s):
            if let i = Builtins.pythonInt(s, base: base) { return .int(i) }
            if let d = Builtins.pythonFloat(s) { return try Builtins.integerPart(d) ?? fallback }
            return fallback
        default: return fallback
        }
    }

    /// `round`
    static func round(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["precision", "method"])
        let precision = try a[0]?.intArgument("precision") ?? 0
        let method = try a[1]?.stringArgument("method") ?? "common"
        guard ["common", "ceil", "floor"].contains(method) else {
            throw FilterError("method must be common, ceil or floor")
        }
        guard let number = value.numeric else {
            throw OperationError(.type, "type \(value.typeName) doesn't define __round__ method")
        }
        if method == "common" {
            switch number {
            case .int(let i): return .int(try PythonFormat.round(i, digits: precision))
            case .double(let d): return .double(PythonFormat.round(d, digits: precision))
            }
        }
        let scale = pow(10.0, Double(precision))
        guard scale.isFinite, scale > 0 else { throw FilterError("precision \(precision) is out of range", kind: .limit) }
        let scaled = number.asDouble * scale
        let rounded = method == "ceil" ? ceil(scaled) : floor(scaled)
        return .double(rounded / scale)
    }
}

extension Builtins {
    /// Python's `int(float)`: `nil` for inf and nan (Jinja then uses the default); an error past
    /// 64 bits, where Python would give an exact big integer.
    static func integerPart(_ d: Double) throws -> Value? {
        guard d.isFinite else { return nil }
        guard abs(d) < 9.223372036854775e18 else {
            throw OperationError(.runtime, "integer overflow: \(Value.pythonFloatRepr(d)) as an integer needs more than 64 bits")
        }
        return .int(Int(d.rounded(.towardZero)))
    }

    /// Python's `float(str)`.
    static func pythonFloat(_ s: String) -> Double? {
        let trimmed = trimScalars(s, where: isWhitespace).replacingOccurrences(of: "_", with: "")
        switch trimmed.lowercased() {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ "0123456789+-.eE".unicodeScalars.contains($0) }) else { return nil }
        return Double(trimmed)
    }

    /// Python's `int(str, base)`.
    static func pythonInt(_ s: String, base: Int) -> Int? {
        var text = trimScalars(s, where: isWhitespace)
        var negative = false
        if text.hasPrefix("-") || text.hasPrefix("+") {
            negative = text.hasPrefix("-")
            text.removeFirst()
        }
        var radix = base
        let lower = text.lowercased()
        if (base == 16 && lower.hasPrefix("0x")) || (base == 8 && lower.hasPrefix("0o")) || (base == 2 && lower.hasPrefix("0b")) {
            text.removeFirst(2)
        } else if base == 0 {
            if lower.hasPrefix("0x") { radix = 16; text.removeFirst(2) }
            else if lower.hasPrefix("0o") { radix = 8; text.removeFirst(2) }
            else if lower.hasPrefix("0b") { radix = 2; text.removeFirst(2) }
            else { radix = 10 }
        }
        guard !text.isEmpty, !text.hasPrefix("_"), !text.hasSuffix("_"), !text.contains("__") else { return nil }
        guard let magnitude = Int(text.replacingOccurrences(of: "_", with: ""), radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }
}

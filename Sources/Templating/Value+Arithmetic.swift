import Foundation

/// Python's arithmetic on template values: `+ - * / // % **`, unary signs, overflow checks.
extension Value {
    func binary(_ op: BinaryOperator, _ other: Value) throws -> Value {
        let a = try defined()
        let b = try other.defined()
        switch op {
        case .add: return try a.add(b)
        case .subtract, .multiply, .divide, .floorDivide, .power:
            if op == .multiply, let repeated = try a.repeated(b) { return repeated }
            return try a.arithmetic(op, b)
        case .modulo:
            if let format = a.stringValue {
                let text = try PythonFormat.percent(format, b, escapeArguments: a.isMarkup)
                return a.isMarkup ? .markup(text) : .string(text)
            }
            return try a.arithmetic(op, b)
        }
    }

    var isMarkup: Bool {
        if case .markup = self { return true }
        return false
    }

    func add(_ other: Value) throws -> Value {
        switch (self, other) {
        case (.string(let x), .string(let y)): return .string(x + y)
        case (.markup(let x), .markup(let y)): return .markup(x + y)
        case (.markup(let x), .string(let y)): return .markup(x + HTML.escape(y))
        case (.string(let x), .markup(let y)): return .markup(HTML.escape(x) + y)
        case (.list(let x), .list(let y)): return .list(x + y)
        case (.tuple(let x), .tuple(let y)): return .tuple(x + y)
        case (.string, _), (.markup, _):
            throw Value.typeError("can only concatenate str (not \"\(other.typeName)\") to str")
        case (.list, _):
            throw Value.typeError("can only concatenate list (not \"\(other.typeName)\") to list")
        default:
            return try arithmetic(.add, other)
        }
    }

    /// Results of `*` repetition longer than this are refused (a runaway template, not a report).
    static let maximumRepetition = 10_000_000

    func repeated(_ other: Value) throws -> Value? {
        // `sequence * count` or `count * sequence`; anything else is arithmetic.
        let sequence: Value
        let count: Value
        switch (self, other) {
        case (.string, _), (.markup, _), (.list, _): (sequence, count) = (self, other)
        case (_, .string), (_, .list): (sequence, count) = (other, self)
        default: return nil
        }
        guard case .int(let requested)? = count.numeric else { return nil }
        let n = max(0, requested)
        let unit = try sequence.length()
        if n > 0, unit > 0, n > Value.maximumRepetition / unit {
            throw OperationError(.runtime, "repetition result too large (more than \(Value.maximumRepetition) items)")
        }
        switch sequence {
        case .string(let s): return .string(String(repeating: s, count: n))
        case .markup(let s): return .markup(String(repeating: s, count: n))
        case .list(let items): return .list(Array([[Value]](repeating: items, count: n).joined()))
        default: return nil
        }
    }

    func arithmetic(_ op: BinaryOperator, _ other: Value) throws -> Value {
        guard let x = numeric, let y = other.numeric else {
            throw Value.typeError("unsupported operand type(s) for \(op.rawValue): '\(typeName)' and '\(other.typeName)'")
        }
        if case .int(let i) = x, case .int(let j) = y {
            switch op {
            case .add: return try Value.checked(i.addingReportingOverflow(j))
            case .subtract: return try Value.checked(i.subtractingReportingOverflow(j))
            case .multiply: return try Value.checked(i.multipliedReportingOverflow(by: j))
            case .divide:
                guard j != 0 else { throw OperationError(.runtime, "division by zero") }
                return .double(Double(i) / Double(j))
            case .floorDivide:
                guard j != 0 else { throw OperationError(.runtime, "integer division or modulo by zero") }
                if i == .min && j == -1 { throw OperationError(.runtime, "integer overflow") }
                var q = i / j
                if (i % j != 0) && ((i < 0) != (j < 0)) { q -= 1 }
                return .int(q)
            case .modulo:
                guard j != 0 else { throw OperationError(.runtime, "integer division or modulo by zero") }
                if j == -1 { return .int(0) }
                var r = i % j
                if r != 0 && ((r < 0) != (j < 0)) { r += j }
                return .int(r)
            case .power:
                if j < 0 {
                    guard i != 0 else { throw OperationError(.runtime, "0.0 cannot be raised to a negative power") }
                    return .double(pow(Double(i), Double(j)))
                }
                var result = 1
                var base = i
                var exponent = j
                while exponent > 0 {
                    if exponent & 1 == 1 { result = try Value.checkedInt(result.multipliedReportingOverflow(by: base)) }
                    exponent >>= 1
                    if exponent > 0 { base = try Value.checkedInt(base.multipliedReportingOverflow(by: base)) }
                }
                return .int(result)
            }
        }
        let a = x.asDouble
        let b = y.asDouble
        switch op {
        case .add: return .double(a + b)
        case .subtract: return .double(a - b)
        case .multiply: return .double(a * b)
        case .divide:
            guard b != 0 else { throw OperationError(.runtime, "float division by zero") }
            return .double(a / b)
        case .floorDivide:
            guard b != 0 else { throw OperationError(.runtime, "float floor division by zero") }
            return .double(Value.pythonDivmod(a, b).quotient)
        case .modulo:
            guard b != 0 else { throw OperationError(.runtime, "float modulo") }
            return .double(Value.pythonDivmod(a, b).remainder)
        case .power:
            if a == 0 && b < 0 { throw OperationError(.runtime, "0.0 cannot be raised to a negative power") }
            return .double(pow(a, b))
        }
    }

    static func checked(_ result: (partialValue: Int, overflow: Bool)) throws -> Value {
        .int(try checkedInt(result))
    }

    static func checkedInt(_ result: (partialValue: Int, overflow: Bool)) throws -> Int {
        if result.overflow { throw OperationError(.runtime, "integer overflow: results beyond 64 bits are not supported") }
        return result.partialValue
    }

    /// CPython's `float_divmod`.
    static func pythonDivmod(_ vx: Double, _ wx: Double) -> (quotient: Double, remainder: Double) {
        var mod = fmod(vx, wx)
        var div = (vx - mod) / wx
        if mod != 0 {
            if (wx < 0) != (mod < 0) {
                mod += wx
                div -= 1.0
            }
        } else {
            mod = copysign(0.0, wx)
        }
        var floordiv: Double
        if div != 0 {
            floordiv = floor(div)
            if div - floordiv > 0.5 { floordiv += 1.0 }
        } else {
            floordiv = copysign(0.0, vx / wx)
        }
        return (floordiv, mod)
    }

    func negated() throws -> Value {
        switch try defined().numeric {
        case .int(let i)?:
            if i == .min { throw OperationError(.runtime, "integer overflow") }
            return .int(-i)
        case .double(let d)?: return .double(-d)
        case nil: throw Value.typeError("bad operand type for unary -: '\(typeName)'")
        }
    }

    func unaryPlus() throws -> Value {
        switch try defined().numeric {
        case .int(let i)?: return .int(i)
        case .double(let d)?: return .double(d)
        case nil: throw Value.typeError("bad operand type for unary +: '\(typeName)'")
        }
    }
}

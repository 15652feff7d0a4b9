import Foundation

/// A failure inside an operation; the compiled node that called it adds the location.
struct OperationError: Error {
    var kind: TemplateError.Kind
    var message: String
    /// Set when the failure is the use of an undefined value: its own location wins.
    var undefined: Value.Undefined?

    init(_ kind: TemplateError.Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }
}

extension Value {
    static func undefinedError(_ u: Undefined) -> OperationError {
        var error = OperationError(.undefined, undefinedMessage(u))
        error.undefined = u
        return error
    }

    static func undefinedMessage(_ u: Undefined) -> String {
        var message: String
        if let explanation = u.explanation {
            message = explanation
        } else if let owner = u.ownerDescription {
            message = "\(owner) has no attribute '\(u.name)'"
        } else {
            message = "'\(u.name)' is undefined"
        }
        if let suggestion = closestName(to: u.name, in: u.candidates()) {
            message += "; did you mean '\(suggestion)'?"
        }
        return message
    }

    static func typeError(_ message: String) -> OperationError { OperationError(.type, message) }

    // MARK: - Truth

    /// Python's `bool(value)`; using an undefined value is an error under strict undefined.
    func truthy() throws -> Bool {
        switch self {
        case .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s), .markup(let s): return !s.isEmpty
        case .list(let items), .tuple(let items): return !items.isEmpty
        case .dict(let d): return d.count > 0
        case .callable, .object: return true
        case .undefined(let u):
            if u.isLenient { return false }
            throw Value.undefinedError(u)
        }
    }

    /// Throws if the value is a strict undefined; used by operations that must not see one.
    @inline(__always)
    func defined() throws -> Value {
        if case .undefined(let u) = self, !u.isLenient { throw Value.undefinedError(u) }
        return self
    }

    // MARK: - Equality and ordering

    /// Python's `==`.
    func equals(_ other: Value) throws -> Bool {
        try equals(other, depth: 0)
    }

    /// Whether two arrays share their storage: Python's `==` on lists treats identical items as
    /// equal without comparing them, which also keeps shared structure from being unfolded.
    private static func sameStorage(_ a: [Value], _ b: [Value]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress && x.count == y.count } }
    }

    private func equals(_ other: Value, depth: Int) throws -> Bool {
        guard depth < TemplateLimits.traversalCeiling else { throw Value.nestingError(TemplateLimits.traversalCeiling) }
        switch (self, other) {
        case (.undefined(let u), _), (_, .undefined(let u)): throw Value.undefinedError(u)
        case (.string(let a), .string(let b)), (.markup(let a), .markup(let b)),
            (.string(let a), .markup(let b)), (.markup(let a), .string(let b)):
            return a.utf8.elementsEqual(b.utf8)
        case (.none, .none): return true
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            guard a.count == b.count else { return false }
            if a.count > 0, Value.sameStorage(a, b) { return true }
            for (x, y) in zip(a, b) where try !x.equals(y, depth: depth + 1) { return false }
            return true
        case (.dict(let a), .dict(let b)):
            guard a.count == b.count else { return false }
            if a === b { return true }
            for (key, value) in zip(a.keys, a.values) {
                guard let other = b[key], try value.equals(other, depth: depth + 1) else { return false }
            }
            return true
        case (.callable(let a), .callable(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        default:
            if let x = numeric, let y = other.numeric {
                switch (x, y) {
                case (.int(let i), .int(let j)): return i == j
                default: return x.asDouble == y.asDouble
                }
            }
            return false
        }
    }

    /// Python's `<` (and friends through `compare`). Mixed types are a type error, as in Python 3.
    func compare(_ other: Value, _ op: String) throws -> Int {
        try compare(other, op, depth: 0)
    }

    private func compare(_ other: Value, _ op: String, depth: Int) throws -> Int {
        guard depth < TemplateLimits.traversalCeiling else { throw Value.nestingError(TemplateLimits.traversalCeiling) }
        switch (self, other) {
        case (.undefined(let u), _), (_, .undefined(let u)): throw Value.undefinedError(u)
        case (.string(let a), .string(let b)), (.markup(let a), .markup(let b)),
            (.string(let a), .markup(let b)), (.markup(let a), .string(let b)):
            return Value.compareCodePoints(a, b)
        case (.list(let a), .list(let b)), (.tuple(let a), .tuple(let b)):
            for (x, y) in zip(a, b) where try !x.equals(y, depth: depth + 1) { return try x.compare(y, op, depth: depth + 1) }
            return a.count < b.count ? -1 : a.count > b.count ? 1 : 0
        default:
            if let x = numeric, let y = other.numeric {
                switch (x, y) {
                case (.int(let i), .int(let j)): return i < j ? -1 : i > j ? 1 : 0
                default:
                    let a = x.asDouble
                    let b = y.asDouble
                    if a.isNaN || b.isNaN { return 2 }  // unordered: every comparison is false
                    return a < b ? -1 : a > b ? 1 : 0
                }
            }
            throw Value.typeError("'\(op)' not supported between instances of '\(typeName)' and '\(other.typeName)'")
        }
    }

    /// Code-point order: UTF-8 byte order is code-point order.
    static func compareCodePoints(_ a: String, _ b: String) -> Int {
        var i = a.utf8.makeIterator()
        var j = b.utf8.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    func compare(_ op: CompareOperator, _ other: Value) throws -> Bool {
        switch op {
        case .equal: return try equals(other)
        case .notEqual: return try !equals(other)
        case .contains: return try other.contains(self)
        case .notContains: return try !other.contains(self)
        case .less, .lessEqual, .greater, .greaterEqual:
            let c = try compare(other, op.rawValue)
            if c == 2 { return false }
            switch op {
            case .less: return c < 0
            case .lessEqual: return c <= 0
            case .greater: return c > 0
            default: return c >= 0
            }
        }
    }

    /// Python's `needle in self`.
    func contains(_ needle: Value) throws -> Bool {
        switch self {
        case .undefined(let u): throw Value.undefinedError(u)
        case .string(let s), .markup(let s):
            guard let n = try needle.defined().stringValue else {
                throw Value.typeError("'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            if n.isEmpty { return true }
            return s.utf8.firstRange(of: n.utf8) != nil
        case .list(let items), .tuple(let items):
            for item in items where try item.equals(needle) { return true }
            return false
        case .dict(let d):
            guard let key = try needle.defined().stringValue else { return false }
            return d[key] != nil
        default:
            throw Value.typeError("argument of type '\(typeName)' is not iterable")
        }
    }

    // MARK: - Iteration and length

    /// The items a `for` loop or a sequence filter walks: list items, dictionary keys, characters.
    func iterate() throws -> [Value] {
        switch self {
        case .list(let items), .tuple(let items): return items
        case .dict(let d): return d.keys.map { .string($0) }
        case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
        // Iterating Markup yields plain characters (str.__iter__); indexing it keeps Markup.
        case .markup(let s): return s.unicodeScalars.map { .string(String($0)) }
        case .undefined(let u): throw Value.undefinedError(u)
        case .object(let o as any TemplateSequence): return o.elements
        default: throw Value.typeError("'\(typeName)' object is not iterable")
        }
    }

    func length() throws -> Int {
        switch self {
        case .list(let items), .tuple(let items): return items.count
        case .dict(let d): return d.count
        case .string(let s), .markup(let s): return s.unicodeScalars.count
        case .undefined(let u): throw Value.undefinedError(u)
        case .object(let o as any TemplateSequence): return o.elements.count
        default: throw Value.typeError("object of type '\(typeName)' has no len()")
        }
    }

    // MARK: - Arithmetic

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

    private func add(_ other: Value) throws -> Value {
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

    private func repeated(_ other: Value) throws -> Value? {
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

    private func arithmetic(_ op: BinaryOperator, _ other: Value) throws -> Value {
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

    private static func checked(_ result: (partialValue: Int, overflow: Bool)) throws -> Value {
        .int(try checkedInt(result))
    }

    private static func checkedInt(_ result: (partialValue: Int, overflow: Bool)) throws -> Int {
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

/// Jinja's `markupsafe.escape`.
enum HTML {
    static func escape(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
        {
            needs = true
            break
        }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Appends `s` to `out`, escaped.
    static func appendEscaped(_ s: String, to out: inout String) {
        out += escape(s)
    }
}

/// The closest candidate by edit distance, if close enough to be a plausible typo.
func closestName(to name: String, in candidates: [String]) -> String? {
    let target = Array(name.lowercased().unicodeScalars)
    var best: (String, Int)?
    for candidate in Set(candidates) where candidate != name {
        let c = Array(candidate.lowercased().unicodeScalars)
        let distance = editDistance(target, c)
        // One edit in three characters; names shorter than three only match by case.
        let shortest = min(target.count, c.count)
        let limit = shortest < 3 ? 0 : max(1, shortest / 3)
        guard distance <= limit else { continue }
        if best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
            best = (candidate, distance)
        }
    }
    return best?.0
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and transpositions
/// of adjacent characters each cost one (`naem` is one edit from `name`).
private func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
            }
        }
    }
    return d[a.count][b.count]
}

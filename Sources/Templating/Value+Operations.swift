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
}

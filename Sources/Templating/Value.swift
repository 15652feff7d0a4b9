/// A template value, with Python's data model as Jinja2 sees it.
///
/// Numbers keep their kind (`1` is an int, `1.0` a float), strings compare and count by Unicode
/// code point, and dictionaries keep insertion order, as Python's do.
public enum Value: Sendable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    /// A string already safe for HTML (Jinja's `Markup`): never escaped again.
    case markup(String)
    case list([Value])
    case tuple([Value])
    case dict(Dictionary)
    case callable(Callable)
    /// An object with attributes: the `loop` variable, `namespace()` and host objects.
    case object(any TemplateObject)
    /// The result of a failed lookup. Using it for anything but `is defined`/`default` is an error.
    case undefined(Undefined)
}

extension Value {
    /// An insertion-ordered dictionary with string keys (JSON/YAML objects, `dict()`, literals).
    public final class Dictionary: @unchecked Sendable {
        public let keys: [String]
        public let values: [Value]
        /// Whether each key is ASCII: for those, Swift's `==` is exact code-point equality.
        private let asciiKeys: [Bool]
        /// Hash index, built only for larger dictionaries; small ones are scanned.
        private let index: [String: Int]?
        /// How deeply the values nest (measured once: dictionaries are immutable).
        let nesting: Value.Nesting

        public init(keys: [String], values: [Value]) {
            precondition(keys.count == values.count)
            // Later duplicates win, as in Python, keeping the first position.
            var seen = [String: Int]()
            var uniqueKeys = [String]()
            var uniqueValues = [Value]()
            uniqueKeys.reserveCapacity(keys.count)
            uniqueValues.reserveCapacity(values.count)
            for (k, v) in zip(keys, values) {
                if let at = seen[k], uniqueKeys[at].utf8.elementsEqual(k.utf8) {
                    uniqueValues[at] = v
                } else {
                    seen[k] = uniqueKeys.count
                    uniqueKeys.append(k)
                    uniqueValues.append(v)
                }
            }
            self.keys = uniqueKeys
            self.values = uniqueValues
            self.asciiKeys = uniqueKeys.map { $0.utf8.allSatisfy { $0 < 0x80 } }
            self.index = uniqueKeys.count > 8 ? seen : nil
            self.nesting = Value.nesting(ofValues: uniqueValues)
        }

        public convenience init(_ pairs: KeyValuePairs<String, Value>) {
            self.init(keys: pairs.map(\.key), values: pairs.map(\.value))
        }

        public var count: Int { keys.count }

        public subscript(key: String) -> Value? {
            lookup(key, isASCII: key.utf8.allSatisfy { $0 < 0x80 })
        }

        /// Looks a key up by exact code points (Swift's `==` alone would also match canonically
        /// equivalent spellings, which Python treats as different keys).
        @inline(__always)
        func lookup(_ key: String, isASCII: Bool) -> Value? {
            if let index {
                guard let at = index[key] else { return nil }
                return isASCII && asciiKeys[at] || keys[at].utf8.elementsEqual(key.utf8) ? values[at] : nil
            }
            let length = key.utf8.count
            for i in keys.indices where keys[i].utf8.count == length && keys[i] == key {
                if isASCII && asciiKeys[i] || keys[i].utf8.elementsEqual(key.utf8) { return values[i] }
            }
            return nil
        }
    }

    /// Information kept about a failed lookup, to explain it if the value is ever used.
    /// A class, so that `Value` stays three words: copying values is the engine's inner loop.
    public final class Undefined: Sendable {
        /// What was looked up, as the template spelled it (`vendr`, `vendor.naem`).
        let name: String
        /// Where the lookup happened.
        let location: SourceLocation
        /// Candidate names for "did you mean …?", computed only when an error is raised.
        let candidates: @Sendable () -> [String]
        /// Jinja renders `a if false` (no else) as empty even under strict undefined.
        let isLenient: Bool
        /// For an attribute lookup: the type of the object whose attribute is missing.
        let ownerDescription: String?
        /// A complete explanation, when the default wording does not fit (`xs[5]`, `[]|first`).
        let explanation: String?

        init(
            name: String, location: SourceLocation, candidates: @escaping @Sendable () -> [String], isLenient: Bool = false,
            ownerDescription: String? = nil, explanation: String? = nil
        ) {
            self.name = name
            self.location = location
            self.candidates = candidates
            self.isLenient = isLenient
            self.ownerDescription = ownerDescription
            self.explanation = explanation
        }
    }
}

/// Anything callable from a template: macros, `caller`, globals such as `range`, bound methods.
public final class Callable: Sendable {
    public let name: String
    let body: @Sendable (Arguments, RenderState) throws -> Value

    init(name: String, body: @escaping @Sendable (Arguments, RenderState) throws -> Value) {
        self.name = name
        self.body = body
    }

    /// A host-provided function; it receives evaluated arguments.
    public convenience init(name: String, _ body: @escaping @Sendable (Arguments) throws -> Value) {
        self.init(name: name) { arguments, _ in try body(arguments) }
    }
}

/// Evaluated call arguments: positional, then keyword in call order.
public struct Arguments: Sendable {
    public var positional: [Value]
    public var keyword: [(String, Value)]

    public init(positional: [Value] = [], keyword: [(String, Value)] = []) {
        self.positional = positional
        self.keyword = keyword
    }
}

// MARK: - Convenience literals for hosts and tests

extension Value: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, Value)...) {
        self = .dict(Dictionary(keys: elements.map(\.0), values: elements.map(\.1)))
    }
}

extension Value {
    public static func dictionary(_ pairs: [(String, Value)]) -> Value {
        .dict(Dictionary(keys: pairs.map(\.0), values: pairs.map(\.1)))
    }

    var isUndefined: Bool {
        if case .undefined = self { return true }
        return false
    }

    /// Python's type name, for error messages.
    var typeName: String {
        switch self {
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .markup: return "Markup"
        case .list: return "list"
        case .tuple: return "tuple"
        case .dict: return "dict"
        case .callable: return "function"
        case .object(let o): return o.typeName
        case .undefined: return "Undefined"
        }
    }

    /// The string content of `str`/`Markup` values.
    public var stringValue: String? {
        switch self {
        case .string(let s), .markup(let s): return s
        default: return nil
        }
    }

    var isString: Bool { stringValue != nil }

    /// Numbers as Python sees them: bool is an int.
    var numeric: Numeric? {
        switch self {
        case .int(let i): return .int(i)
        case .bool(let b): return .int(b ? 1 : 0)
        case .double(let d): return .double(d)
        default: return nil
        }
    }

    enum Numeric {
        case int(Int)
        case double(Double)
        var asDouble: Double {
            switch self {
            case .int(let i): return Double(i)
            case .double(let d): return d
            }
        }
    }
}

/// An object whose attributes templates can read (`loop.index`, `ns.total`).
public protocol TemplateObject: AnyObject, Sendable {
    /// The Python-style type name used in messages.
    var typeName: String { get }
    func attribute(_ name: String) -> Value?
    /// Attribute names, for "did you mean …?" suggestions.
    var attributeNames: [String] { get }
}

/// A mutable attribute bag (`namespace()`); `{% set ns.x = … %}` assigns into it.
final class Namespace: TemplateObject, @unchecked Sendable {
    private(set) var storage: [(String, Value)]
    init(_ storage: [(String, Value)]) { self.storage = storage }
    var typeName: String { "Namespace" }
    var attributeNames: [String] { storage.map(\.0) }
    func attribute(_ name: String) -> Value? { storage.first { $0.0 == name }?.1 }
    func assign(_ name: String, _ value: Value) {
        if let at = storage.firstIndex(where: { $0.0 == name }) {
            storage[at].1 = value
        } else {
            storage.append((name, value))
        }
    }
}

extension Value {
    /// The number a value holds (ints, floats and bools, as Python sees them), for host filters.
    public var doubleValue: Double? { numeric?.asDouble }

    /// Whether the value is an integer (not a float or bool), for host filters that print ints as ints.
    public var isInteger: Bool {
        if case .int = self { return true }
        return false
    }

    /// Python's `str(value)`, as `{{ value }}` prints it.
    public func rendered() throws -> String {
        do {
            return try pythonStr()
        } catch let error as OperationError {
            throw FilterError(error.message, kind: error.kind)
        }
    }

    /// Python's `"%.{digits}f" % value`: fixed-point, correctly rounded, locale-independent.
    public static func fixed(_ value: Double, digits: Int) -> String {
        PythonFormat.formatDouble(value, flags: "", precision: max(0, digits), conversion: "f")
    }
}

/// Jinja2's built-in globals (`range`, `dict`, `namespace`), dictionary methods, and the helpers
/// that filters, tests and the runtime share. The filters and tests themselves are in
/// `Filters+*.swift` and `Tests+*.swift`, registered by name in `Filters.swift` and `Tests.swift`.
enum Builtins {
    static let globals: [String: Value] = [
        "range": .callable(Callable(name: "range") { args in
            guard args.keyword.isEmpty else { throw FilterError("range() takes no keyword arguments", kind: .arguments) }
            let numbers = try args.positional.map { try $0.intArgument("range") }
            let (start, stop, step): (Int, Int, Int)
            switch numbers.count {
            case 1: (start, stop, step) = (0, numbers[0], 1)
            case 2: (start, stop, step) = (numbers[0], numbers[1], 1)
            case 3: (start, stop, step) = (numbers[0], numbers[1], numbers[2])
            default: throw FilterError("range expected 1 to 3 arguments, got \(numbers.count)", kind: .arguments)
            }
            guard step != 0 else { throw FilterError("range() arg 3 must not be zero") }
            // Counted in floating point: the integer formula overflows at the ends of the range.
            let span = step > 0 ? Double(stop) - Double(start) : Double(start) - Double(stop)
            let exact = span <= 0 ? 0 : (span / Double(step.magnitude)).rounded(.up)
            guard exact <= 1_000_000 else {
                throw FilterError("range too big: more than 1,000,000 items")
            }
            let count = Int(exact)
            return .list((0..<count).map { .int(start + $0 * step) })
        }),
        "dict": .callable(Callable(name: "dict") { args in
            guard args.positional.isEmpty else { throw FilterError("dict() takes keyword arguments only", kind: .arguments) }
            return .dictionary(args.keyword)
        }),
        "namespace": .callable(Callable(name: "namespace") { args, state in
            var storage: [(String, Value)] = []
            for initial in args.positional {
                guard case .dict(let d) = initial else { throw FilterError("namespace() takes a mapping or keywords", kind: .arguments) }
                storage += zip(d.keys, d.values).map { ($0.0, $0.1) }
            }
            storage += args.keyword
            for (_, value) in storage { try value.checkNamespaceAttribute(limit: state.limits.valueDepth) }
            return .object(Namespace(storage))
        }),
    ]

    /// Whether `name` is one of the dictionary methods below. A `switch` over four short strings
    /// compares them directly; hashing into a `Set` was slower than the rest of compiling a lookup.
    static func isDictionaryMethodName(_ name: String) -> Bool {
        switch name {
        case "items", "keys", "values", "get": return true
        default: return false
        }
    }

    /// `items`, `keys`, `values` and `get` on dictionaries, as bound methods.
    static func dictionaryMethod(_ d: Value.Dictionary, _ name: String) -> Value? {
        switch name {
        case "items":
            return .callable(Callable(name: "items") { args in
                try args.none()
                return .list(zip(d.keys, d.values).map { .tuple([.string($0.0), $0.1]) })
            })
        case "keys":
            return .callable(Callable(name: "keys") { args in
                try args.none()
                return .list(d.keys.map { .string($0) })
            })
        case "values":
            return .callable(Callable(name: "values") { args in
                try args.none()
                return .list(d.values)
            })
        case "get":
            return .callable(Callable(name: "get") { args in
                let a = try args.bind(["key", "default"], required: 1)
                guard let key = a[0]!.stringValue else { return a[1] ?? .none }
                return d[key] ?? a[1] ?? .none
            })
        default:
            return nil
        }
    }

    /// Python slicing `value[start:stop:step]` on lists, tuples and strings.
    static func slice(_ value: Value, _ start: Value?, _ stop: Value?, _ step: Value?) throws -> Value {
        func bound(_ v: Value?) throws -> Int? {
            guard let v, !v.isNone else { return nil }
            return try v.defined().intArgument("slice index")
        }
        let stepValue = try bound(step) ?? 1
        guard stepValue != 0 else { throw FilterError("slice step cannot be zero") }
        func indices(count: Int) throws -> [Int] {
            func clamp(_ i: Int?, _ defaultValue: Int) -> Int {
                guard var i else { return defaultValue }
                if i < 0 { i += count }
                if stepValue > 0 { return min(max(i, 0), count) }
                return min(max(i, -1), count - 1)
            }
            let first = clamp(try bound(start), stepValue > 0 ? 0 : count - 1)
            let last = clamp(try bound(stop), stepValue > 0 ? count : -1)
            return Array(stride(from: first, to: last, by: stepValue))
        }
        switch value {
        case .list(let items): return .list(try indices(count: items.count).map { items[$0] })
        case .tuple(let items): return .tuple(try indices(count: items.count).map { items[$0] })
        case .string(let s), .markup(let s):
            let scalars = Array(s.unicodeScalars)
            var view = String.UnicodeScalarView()
            for i in try indices(count: scalars.count) { view.append(scalars[i]) }
            return value.isMarkup ? .markup(String(view)) : .string(String(view))
        case .undefined(let u): throw Value.undefinedError(u)
        default: throw OperationError(.type, "'\(value.typeName)' object is not subscriptable")
        }
    }

    /// The key Jinja sorts and compares by: strings lower-cased unless case-sensitive.
    static func sortKey(_ value: Value, caseSensitive: Bool) throws -> Value {
        if !caseSensitive, let s = value.stringValue { return .string(s.lowercased()) }
        return try value.defined()
    }

    /// A stable sort (Python's `sorted`): with `reverse`, ties keep their input order.
    static func stableSort<T>(_ items: [T], reverse: Bool, key: (T) throws -> Value) throws -> [T] {
        let keyed = try items.enumerated().map { (offset: $0.offset, item: $0.element, key: try key($0.element)) }
        var failure: (any Error)?
        let sorted = keyed.sorted { a, b in
            if failure != nil { return false }
            do {
                let c = try a.key.compare(b.key, "<")
                if c == 0 || c == 2 { return a.offset < b.offset }
                return reverse ? c > 0 : c < 0
            } catch {
                failure = error
                return false
            }
        }
        if let failure { throw failure }
        return sorted.map(\.item)
    }
}

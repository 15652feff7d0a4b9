import Foundation

/// Sequence filters: iterate, sort, group, pick and aggregate lists, tuples, strings and mappings.
extension Filters {
    /// `batch`
    static func batch(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["linecount", "fill_with"], required: 1)
        let size = try a[0]!.intArgument("linecount")
        guard size > 0, size <= Value.maximumRepetition else { throw FilterError("linecount must be between 1 and \(Value.maximumRepetition)") }
        var batches: [Value] = []
        var current: [Value] = []
        for item in try value.iterate() {
            if current.count == size {
                batches.append(.list(current))
                current = []
            }
            current.append(item)
        }
        if !current.isEmpty {
            if let fill = a[1], case .none = fill {} else if let fill = a[1] {
                while current.count < size { current.append(fill) }
            }
            batches.append(.list(current))
        }
        return .list(batches)
    }

    /// `dictsort`
    static func dictsort(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["case_sensitive", "by", "reverse"])
        let caseSensitive = try a[0]?.truthy() ?? false
        let by = try a[1]?.stringArgument("by") ?? "key"
        let reverse = try a[2]?.truthy() ?? false
        guard case .dict(let d) = value else { throw OperationError(.type, "dictsort expects a dictionary, not \(value.typeName)") }
        let position: Int
        switch by {
        case "key": position = 0
        case "value": position = 1
        default: throw FilterError("you can only sort by either 'key' or 'value'")
        }
        let pairs = zip(d.keys, d.values).map { [Value.string($0.0), $0.1] }
        let sorted = try Builtins.stableSort(pairs, reverse: reverse) { try Builtins.sortKey($0[position], caseSensitive: caseSensitive) }
        return .list(sorted.map { .tuple($0) })
    }

    /// `first`
    static func first(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        if let first = try value.iterate().first { return first }
        return .undefined(Value.Undefined(
            name: "first", location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
            explanation: "the sequence is empty, so it has no first item"))
    }

    /// `last`
    static func last(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        if let last = try value.iterate().last { return last }
        return .undefined(Value.Undefined(
            name: "last", location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
            explanation: "the sequence is empty, so it has no last item"))
    }

    /// `groupby`
    static func groupby(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["attribute", "default", "case_sensitive"], required: 1)
        let getter = try Builtins.attributeGetter(a[0]!, default: a[1])
        let caseSensitive = try a[2]?.truthy() ?? false
        let items = try value.iterate()
        let keyed = try items.map { ($0, try getter($0)) }
        let sorted = try Builtins.stableSort(keyed, reverse: false) { try Builtins.sortKey($0.1, caseSensitive: caseSensitive) }
        var groups: [(Value, [Value])] = []
        var lastKey: Value?
        for (item, key) in sorted {
            let k = try Builtins.sortKey(key, caseSensitive: caseSensitive)
            if let lastKey, try lastKey.equals(k) {
                groups[groups.count - 1].1.append(item)
            } else {
                groups.append((key, [item]))
                lastKey = k
            }
        }
        return .list(groups.map { .object(GroupTuple(grouper: $0.0, list: $0.1)) })
    }

    /// `items` (receives undefined values)
    static func items(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        switch value {
        case .undefined: return .list([])
        case .dict(let d): return .list(zip(d.keys, d.values).map { .tuple([.string($0.0), $0.1]) })
        default: throw OperationError(.type, "can only get item pairs from a mapping, not \(value.typeName)")
        }
    }

    /// `join`
    static func join(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["d", "attribute"])
        let separator = a[0] ?? .string("")
        var items = try value.iterate()
        if let attribute = a[1] {
            let getter = try Builtins.attributeGetter(attribute, default: nil)
            items = try items.map(getter)
        }
        if state.autoescape, !separator.isMarkup {
            if items.contains(where: \.isMarkup) {
                let sep = HTML.escape(try separator.pythonStr())
                return .markup(try items.map { item in
                    if case .markup(let s) = item { return s }
                    return HTML.escape(try item.pythonStr())
                }.joined(separator: sep))
            }
            return .string(try items.map { try $0.pythonStr() }.joined(separator: try separator.pythonStr()))
        }
        if state.autoescape {
            // A markup separator joins as Markup.join: plain items are escaped.
            return .markup(try items.map { item in
                if case .markup(let s) = item { return s }
                return HTML.escape(try item.pythonStr())
            }.joined(separator: try separator.pythonStr()))
        }
        return .string(try items.map { try $0.pythonStr() }.joined(separator: try separator.pythonStr()))
    }

    /// `length`
    static func length(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return .int(try value.length())
    }

    /// `list`
    static func list(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return .list(try value.iterate())
    }

    /// `map`
    static func map(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let items = try value.iterate()
        if args.positional.isEmpty, args.keyword.contains(where: { $0.0 == "attribute" }) {
            let a = try args.bind(["attribute", "default"])
            let getter = try Builtins.attributeGetter(a[0]!, default: a[1])
            return .list(try items.map(getter))
        }
        guard let name = args.positional.first?.stringValue else {
            throw FilterError("map requires a filter name or attribute=", kind: .arguments)
        }
        guard let filter = state.environment.filter(named: name) else {
            throw FilterError("no filter named '\(name)'", kind: .unknownName)
        }
        let rest = Arguments(positional: Array(args.positional.dropFirst()), keyword: args.keyword)
        return .list(try items.map { try filter.body($0, rest, state) })
    }

    /// `max`
    static func max(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        return try Builtins.extreme(value, args, wantMax: true)
    }

    /// `min`
    static func min(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        return try Builtins.extreme(value, args, wantMax: false)
    }

    /// `reverse`
    static func reverse(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        switch value {
        case .string(let s): return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
        case .markup(let s): return .markup(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
        default: return .list(try value.iterate().reversed())
        }
    }

    /// `slice`
    static func slice(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["slices", "fill_with"], required: 1)
        let slices = try a[0]!.intArgument("slices")
        guard slices > 0, slices <= Value.maximumRepetition else { throw FilterError("slices must be between 1 and \(Value.maximumRepetition)") }
        let items = try value.iterate()
        let perSlice = items.count / slices
        let withExtra = items.count % slices
        var offset = 0
        var result: [Value] = []
        for number in 0..<slices {
            let start = offset + number * perSlice
            if number < withExtra { offset += 1 }
            let end = offset + (number + 1) * perSlice
            var chunk = Array(items[start..<end])
            if let fill = a[1], !(fill.isNone), number >= withExtra { chunk.append(fill) }
            result.append(.list(chunk))
        }
        return .list(result)
    }

    /// `sort`
    static func sort(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["reverse", "case_sensitive", "attribute"])
        let reverse = try a[0]?.truthy() ?? false
        let caseSensitive = try a[1]?.truthy() ?? false
        let items = try value.iterate()
        let getters = try a[2].map { attribute -> [(Value) throws -> Value] in
            if let names = attribute.stringValue {
                return try names.split(separator: ",").map { try Builtins.attributeGetter(.string(String($0)), default: nil) }
            }
            return [try Builtins.attributeGetter(attribute, default: nil)]
        }
        let sorted = try Builtins.stableSort(items, reverse: reverse) { item -> Value in
            guard let getters else { return try Builtins.sortKey(item, caseSensitive: caseSensitive) }
            if getters.count == 1 { return try Builtins.sortKey(try getters[0](item), caseSensitive: caseSensitive) }
            return .tuple(try getters.map { try Builtins.sortKey(try $0(item), caseSensitive: caseSensitive) })
        }
        return .list(sorted)
    }

    /// `sum`
    static func sum(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["attribute", "start"])
        var items = try value.iterate()
        if let attribute = a[0] { items = try items.map(try Builtins.attributeGetter(attribute, default: nil)) }
        var total = a[1] ?? .int(0)
        if total.stringValue != nil { throw OperationError(.type, "sum() can't sum strings [use ''.join(seq) instead]") }
        for item in items { total = try total.binary(.add, item) }
        return total
    }

    /// `unique`
    static func unique(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["case_sensitive", "attribute"])
        let caseSensitive = try a[0]?.truthy() ?? false
        let getter = try a[1].map { try Builtins.attributeGetter($0, default: nil) }
        var seen: [Value] = []
        var result: [Value] = []
        for item in try value.iterate() {
            let key = try Builtins.sortKey(try getter?(item) ?? item, caseSensitive: caseSensitive)
            if try seen.contains(where: { try $0.equals(key) }) { continue }
            seen.append(key)
            result.append(item)
        }
        return .list(result)
    }

    /// `select`
    static func select(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        return try Builtins.selectItems(value, args, state, byAttribute: false, keep: true)
    }

    /// `reject`
    static func reject(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        return try Builtins.selectItems(value, args, state, byAttribute: false, keep: false)
    }

    /// `selectattr`
    static func selectattr(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        return try Builtins.selectItems(value, args, state, byAttribute: true, keep: true)
    }

    /// `rejectattr`
    static func rejectattr(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        return try Builtins.selectItems(value, args, state, byAttribute: true, keep: false)
    }
}

extension Builtins {
    /// Jinja's `make_attrgetter`: `a.b.0` walks attributes/items; digits index.
    static func attributeGetter(_ attribute: Value, default fallback: Value?) throws -> (Value) throws -> Value {
        let parts: [Value]
        if case .int = attribute {
            parts = [attribute]
        } else {
            parts = try attribute.stringArgument("attribute").split(separator: ".").map { part in
                if let i = Int(part) { return .int(i) }
                return .string(String(part))
            }
        }
        let loc = SourceLocation(path: "", line: 0, column: 0)
        return { item in
            var current = item
            for part in parts {
                current = try Runtime.item(of: current, part, owner: nil, at: loc)
                if case .undefined = current { break }
            }
            if case .undefined = current, let fallback { return fallback }
            return current
        }
    }

    static func extreme(_ value: Value, _ args: Arguments, wantMax: Bool) throws -> Value {
        let a = try args.bind(["case_sensitive", "attribute"])
        let caseSensitive = try a[0]?.truthy() ?? false
        let getter = try a[1].map { try attributeGetter($0, default: nil) }
        var best: (Value, Value)?
        for item in try value.iterate() {
            let key = try sortKey(try getter?(item) ?? item, caseSensitive: caseSensitive)
            if let current = best {
                let c = try key.compare(current.1, "<")
                if (wantMax && c > 0) || (!wantMax && c < 0) { best = (item, key) }
            } else {
                best = (item, key)
            }
        }
        if let best { return best.0 }
        return .undefined(Value.Undefined(
            name: wantMax ? "max" : "min", location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
            explanation: "the sequence is empty, so it has no \(wantMax ? "largest" : "smallest") item"))
    }

    static func selectItems(_ value: Value, _ args: Arguments, _ state: RenderState, byAttribute: Bool, keep: Bool) throws -> Value {
        var positional = args.positional
        var getter: ((Value) throws -> Value)?
        if byAttribute {
            guard !positional.isEmpty else { throw FilterError("missing parameter for attribute name", kind: .arguments) }
            let attribute = positional.removeFirst()
            let parts = try attribute.stringArgument("attribute").split(separator: ".").map { part -> Value in
                if let i = Int(part) { return .int(i) }
                return .string(String(part))
            }
            let loc = SourceLocation(path: "", line: 0, column: 0)
            getter = { item in
                var current = item
                for part in parts { current = try Runtime.item(of: current, part, owner: nil, at: loc) }
                return current
            }
        }
        var test: Test?
        if !positional.isEmpty {
            let name = try positional.removeFirst().stringArgument("test")
            guard let found = state.environment.test(named: name) else {
                throw FilterError("no test named '\(name)'", kind: .unknownName)
            }
            test = found
        }
        let rest = Arguments(positional: positional, keyword: args.keyword)
        var result: [Value] = []
        for item in try value.iterate() {
            let subject = try getter?(item) ?? item
            let passed: Bool
            if let test {
                if !test.acceptsUndefined, case .undefined(let u) = subject { throw Value.undefinedError(u) }
                passed = try test.body(subject, rest, state)
            } else {
                passed = try subject.truthy()
            }
            if passed == keep { result.append(item) }
        }
        return .list(result)
    }
}

/// A `groupby` result: a tuple `(grouper, list)` that also has those two attributes.
final class GroupTuple: TemplateObject, TemplateSequence, @unchecked Sendable {
    let grouper: Value
    let list: [Value]
    init(grouper: Value, list: [Value]) {
        self.grouper = grouper
        self.list = list
    }
    var typeName: String { "_GroupTuple" }
    var attributeNames: [String] { ["grouper", "list"] }
    func attribute(_ name: String) -> Value? {
        switch name {
        case "grouper": return grouper
        case "list": return .list(list)
        default: return nil
        }
    }
    var elements: [Value] { [grouper, .list(list)] }
}

/// Objects that also behave as a tuple (iteration, unpacking, indexing).
protocol TemplateSequence {
    var elements: [Value] { get }
}

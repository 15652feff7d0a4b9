import Foundation

/// Jinja2's built-in filters, with Jinja2 3.1's behaviour.
enum Builtins {
    static let filters: [String: Filter] = {
        var all: [String: Filter] = [:]
        func add(_ name: String, acceptsUndefined: Bool = false, _ body: @escaping @Sendable (Value, Arguments, RenderState) throws -> Value) {
            all[name] = Filter(name: name, acceptsUndefined: acceptsUndefined, withState: body)
        }

        add("abs") { value, args, _ in
            try args.none()
            switch value.numeric {
            case .int(let i)?:
                guard i != .min else { throw OperationError(.runtime, "integer overflow") }
                return .int(abs(i))
            case .double(let d)?: return .double(abs(d))
            default: throw OperationError(.type, "bad operand type for abs(): '\(value.typeName)'")
            }
        }
        add("attr") { value, args, _ in
            let name = try args.bind(["name"], required: 1)[0]!.stringArgument("name")
            switch value {
            case .dict(let d): if let method = dictionaryMethod(d, name) { return method }
            case .object(let o): if let found = o.attribute(name) { return found }
            default: break
            }
            return .undefined(Value.Undefined(
                name: name, location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
                ownerDescription: "'\(value.typeName) object'"))
        }
        add("batch") { value, args, _ in
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
        add("capitalize") { value, args, _ in
            try args.none()
            return value.withString(try softString(value)) { s in
                guard let first = s.unicodeScalars.first else { return s }
                // Python 3.8+ title-cases the first character (ǆ → ǅ, not Ǆ).
                return first.properties.titlecaseMapping + String(String.UnicodeScalarView(s.unicodeScalars.dropFirst())).lowercased()
            }
        }
        add("center") { value, args, _ in
            let width = try args.bind(["width"])[0]?.intArgument("width") ?? 80
            let source = try softString(value)
            let length = source.text.unicodeScalars.count
            guard width > length else { return value.withString(source) { $0 } }
            guard width <= Value.maximumRepetition else { throw FilterError("width too large") }
            let margin = width - length
            let left = margin / 2 + (margin & width & 1)
            return value.withString(source) { String(repeating: " ", count: left) + $0 + String(repeating: " ", count: margin - left) }
        }
        add("default", acceptsUndefined: true) { value, args, _ in
            let a = try args.bind(["default_value", "boolean"])
            let fallback = a[0] ?? .string("")
            let boolean = try a[1]?.truthy() ?? false
            if value.isUndefined { return fallback }
            if boolean, try !value.truthy() { return fallback }
            return value
        }
        all["d"] = all["default"].map { Filter(name: "d", acceptsUndefined: true, withState: $0.body) }
        add("dictsort") { value, args, _ in
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
            let sorted = try stableSort(pairs, reverse: reverse) { try sortKey($0[position], caseSensitive: caseSensitive) }
            return .list(sorted.map { .tuple($0) })
        }
        let escapeFilter: @Sendable (Value, Arguments, RenderState) throws -> Value = { value, args, _ in
            try args.none()
            if case .markup = value { return value }
            return .markup(HTML.escape(try value.pythonStr()))
        }
        add("escape", escapeFilter)
        add("e", escapeFilter)
        add("forceescape") { value, args, _ in
            try args.none()
            return .markup(HTML.escape(try value.pythonStr()))
        }
        add("first") { value, args, _ in
            try args.none()
            if let first = try value.iterate().first { return first }
            return .undefined(Value.Undefined(
                name: "first", location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
                explanation: "the sequence is empty, so it has no first item"))
        }
        add("last") { value, args, _ in
            try args.none()
            if let last = try value.iterate().last { return last }
            return .undefined(Value.Undefined(
                name: "last", location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
                explanation: "the sequence is empty, so it has no last item"))
        }
        add("float") { value, args, _ in
            let fallback = try args.bind(["default"])[0] ?? .double(0)
            switch value {
            case .double: return value
            case .int(let i): return .double(Double(i))
            case .bool(let b): return .double(b ? 1 : 0)
            case .string(let s), .markup(let s): return pythonFloat(s).map { .double($0) } ?? fallback
            default: return fallback
            }
        }
        add("int") { value, args, _ in
            let a = try args.bind(["default", "base"])
            let fallback = a[0] ?? .int(0)
            let base = try a[1]?.intArgument("base") ?? 10
            guard base == 0 || (2...36).contains(base) else { throw FilterError("int() base must be >= 2 and <= 36, or 0") }
            switch value {
            case .int: return value
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d):
                return try integerPart(d) ?? fallback
            case .string(let s), .markup(let s):
                if let i = pythonInt(s, base: base) { return .int(i) }
                if let d = pythonFloat(s) { return try integerPart(d) ?? fallback }
                return fallback
            default: return fallback
            }
        }
        add("format") { value, args, state in
            if !args.positional.isEmpty && !args.keyword.isEmpty {
                throw FilterError("can't handle positional and keyword arguments at the same time", kind: .arguments)
            }
            let format = try softString(value)
            let arguments: Value = args.keyword.isEmpty ? .tuple(args.positional) : .dictionary(args.keyword)
            let text = try PythonFormat.percent(format.text, arguments, escapeArguments: format.isMarkup)
            return format.isMarkup ? .markup(text) : .string(text)
        }
        add("groupby") { value, args, state in
            let a = try args.bind(["attribute", "default", "case_sensitive"], required: 1)
            let getter = try attributeGetter(a[0]!, default: a[1])
            let caseSensitive = try a[2]?.truthy() ?? false
            let items = try value.iterate()
            let keyed = try items.map { ($0, try getter($0)) }
            let sorted = try stableSort(keyed, reverse: false) { try sortKey($0.1, caseSensitive: caseSensitive) }
            var groups: [(Value, [Value])] = []
            var lastKey: Value?
            for (item, key) in sorted {
                let k = try sortKey(key, caseSensitive: caseSensitive)
                if let lastKey, try lastKey.equals(k) {
                    groups[groups.count - 1].1.append(item)
                } else {
                    groups.append((key, [item]))
                    lastKey = k
                }
            }
            return .list(groups.map { .object(GroupTuple(grouper: $0.0, list: $0.1)) })
        }
        add("indent") { value, args, _ in
            let a = try args.bind(["width", "first", "blank"])
            let indentation: String
            if let width = a[0], let s = width.stringValue { indentation = s } else {
                let width = try a[0]?.intArgument("width") ?? 4
                guard width <= Value.maximumRepetition else { throw FilterError("width too large") }
                indentation = String(repeating: " ", count: max(0, width))
            }
            let first = try a[1]?.truthy() ?? false
            let blank = try a[2]?.truthy() ?? false
            let source = try softString(value)
            let lines = splitLines(source.text + "\n")
            var result: String
            if blank {
                result = lines.joined(separator: "\n" + indentation)
            } else {
                result = lines.first ?? ""
                let rest = lines.dropFirst()
                if !rest.isEmpty {
                    result += "\n" + rest.map { $0.isEmpty ? $0 : indentation + $0 }.joined(separator: "\n")
                }
            }
            if first { result = indentation + result }
            return source.isMarkup ? .markup(result) : .string(result)
        }
        add("items", acceptsUndefined: true) { value, args, _ in
            try args.none()
            switch value {
            case .undefined: return .list([])
            case .dict(let d): return .list(zip(d.keys, d.values).map { .tuple([.string($0.0), $0.1]) })
            default: throw OperationError(.type, "can only get item pairs from a mapping, not \(value.typeName)")
            }
        }
        add("join") { value, args, state in
            let a = try args.bind(["d", "attribute"])
            let separator = a[0] ?? .string("")
            var items = try value.iterate()
            if let attribute = a[1] {
                let getter = try attributeGetter(attribute, default: nil)
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
        let lengthFilter: @Sendable (Value, Arguments, RenderState) throws -> Value = { value, args, _ in
            try args.none()
            return .int(try value.length())
        }
        add("length", lengthFilter)
        add("count", lengthFilter)
        add("list") { value, args, _ in
            try args.none()
            return .list(try value.iterate())
        }
        add("lower") { value, args, _ in
            try args.none()
            return value.withString(try softString(value)) { lowercased($0) }
        }
        add("upper") { value, args, _ in
            try args.none()
            return value.withString(try softString(value)) { $0.uppercased() }
        }
        add("map") { value, args, state in
            let items = try value.iterate()
            if args.positional.isEmpty, args.keyword.contains(where: { $0.0 == "attribute" }) {
                let a = try args.bind(["attribute", "default"])
                let getter = try attributeGetter(a[0]!, default: a[1])
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
        add("max") { value, args, _ in try extreme(value, args, wantMax: true) }
        add("min") { value, args, _ in try extreme(value, args, wantMax: false) }
        add("pprint") { value, args, _ in
            try args.none()
            return .string(try value.pythonRepr(sortKeys: true))
        }
        add("select") { value, args, state in try selectItems(value, args, state, byAttribute: false, keep: true) }
        add("reject") { value, args, state in try selectItems(value, args, state, byAttribute: false, keep: false) }
        add("selectattr") { value, args, state in try selectItems(value, args, state, byAttribute: true, keep: true) }
        add("rejectattr") { value, args, state in try selectItems(value, args, state, byAttribute: true, keep: false) }
        add("replace") { value, args, state in
            let a = try args.bind(["old", "new", "count"], required: 2)
            let count = try a[2].map { try $0.intArgument("count") } ?? -1
            let old = a[0]!
            let new = a[1]!
            if !state.autoescape {
                return .string(replace(try value.pythonStr(), try old.pythonStr(), try new.pythonStr(), count: count))
            }
            var subject = try softString(value)
            if (old.isMarkup || new.isMarkup) && !subject.isMarkup {
                subject = (HTML.escape(subject.text), true)
            }
            // markupsafe 3 escapes only the replacement, not the text searched for.
            let oldText = try old.pythonStr()
            let newText = subject.isMarkup && !new.isMarkup ? HTML.escape(try new.pythonStr()) : try new.pythonStr()
            let result = replace(subject.text, oldText, newText, count: count)
            return subject.isMarkup ? .markup(result) : .string(result)
        }
        add("reverse") { value, args, _ in
            try args.none()
            switch value {
            case .string(let s): return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
            case .markup(let s): return .markup(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
            default: return .list(try value.iterate().reversed())
            }
        }
        add("round") { value, args, _ in
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
        add("safe") { value, args, _ in
            try args.none()
            if case .markup = value { return value }
            return .markup(try value.pythonStr())
        }
        add("slice") { value, args, _ in
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
        add("sort") { value, args, _ in
            let a = try args.bind(["reverse", "case_sensitive", "attribute"])
            let reverse = try a[0]?.truthy() ?? false
            let caseSensitive = try a[1]?.truthy() ?? false
            let items = try value.iterate()
            let getters = try a[2].map { attribute -> [(Value) throws -> Value] in
                if let names = attribute.stringValue {
                    return try names.split(separator: ",").map { try attributeGetter(.string(String($0)), default: nil) }
                }
                return [try attributeGetter(attribute, default: nil)]
            }
            let sorted = try stableSort(items, reverse: reverse) { item -> Value in
                guard let getters else { return try sortKey(item, caseSensitive: caseSensitive) }
                if getters.count == 1 { return try sortKey(try getters[0](item), caseSensitive: caseSensitive) }
                return .tuple(try getters.map { try sortKey(try $0(item), caseSensitive: caseSensitive) })
            }
            return .list(sorted)
        }
        add("string") { value, args, _ in
            try args.none()
            if case .markup = value { return value }
            return .string(try value.pythonStr())
        }
        add("striptags") { value, args, _ in
            try args.none()
            return .string(stripTags(try value.pythonStr()))
        }
        add("sum") { value, args, _ in
            let a = try args.bind(["attribute", "start"])
            var items = try value.iterate()
            if let attribute = a[0] { items = try items.map(try attributeGetter(attribute, default: nil)) }
            var total = a[1] ?? .int(0)
            if total.stringValue != nil { throw OperationError(.type, "sum() can't sum strings [use ''.join(seq) instead]") }
            for item in items { total = try total.binary(.add, item) }
            return total
        }
        add("title") { value, args, _ in
            try args.none()
            return value.withString(try softString(value)) { titleCase($0) }
        }
        add("tojson") { value, args, _ in
            let indent = try args.bind(["indent"])[0].flatMap { $0.isNone ? nil : min(max(0, try $0.intArgument("indent")), 64) }
            return .markup(try JSONWriter.htmlSafe(value, indent: indent))
        }
        add("trim") { value, args, _ in
            let chars = try args.bind(["chars"])[0]
            let source = try softString(value)
            let result: String
            if let chars, !chars.isNone {
                let set = Set(try chars.stringArgument("chars").unicodeScalars)
                result = trimScalars(source.text) { set.contains($0) }
            } else {
                result = trimScalars(source.text, where: isWhitespace)
            }
            return source.isMarkup ? .markup(result) : .string(result)
        }
        add("truncate") { value, args, _ in
            let a = try args.bind(["length", "killwords", "end", "leeway"])
            let length = try a[0]?.intArgument("length") ?? 255
            let killwords = try a[1]?.truthy() ?? false
            let end = try a[2]?.stringArgument("end") ?? "..."
            let leeway = try a[3].flatMap { $0.isNone ? nil : try $0.intArgument("leeway") } ?? 5
            let endLength = end.unicodeScalars.count
            guard length >= endLength else { throw FilterError("expected length >= \(endLength), got \(length)") }
            guard leeway >= 0 else { throw FilterError("expected leeway >= 0, got \(leeway)") }
            let source = try softString(value)
            let scalars = Array(source.text.unicodeScalars)
            if scalars.count <= length + leeway { return source.isMarkup ? value : .string(source.text) }
            var head = String(String.UnicodeScalarView(scalars.prefix(length - endLength)))
            if !killwords, let space = head.unicodeScalars.lastIndex(of: " ") {
                head = String(head.unicodeScalars[..<space])
            }
            // Markup + str escapes the str, as markupsafe does.
            return source.isMarkup ? .markup(head + HTML.escape(end)) : .string(head + end)
        }
        add("unique") { value, args, _ in
            let a = try args.bind(["case_sensitive", "attribute"])
            let caseSensitive = try a[0]?.truthy() ?? false
            let getter = try a[1].map { try attributeGetter($0, default: nil) }
            var seen: [Value] = []
            var result: [Value] = []
            for item in try value.iterate() {
                let key = try sortKey(try getter?(item) ?? item, caseSensitive: caseSensitive)
                if try seen.contains(where: { try $0.equals(key) }) { continue }
                seen.append(key)
                result.append(item)
            }
            return .list(result)
        }
        add("urlencode") { value, args, _ in
            try args.none()
            switch value {
            case .dict(let d):
                return .string(try zip(d.keys, d.values).map {
                    urlQuote($0.0, forQuery: true) + "=" + urlQuote(try $0.1.pythonStr(), forQuery: true)
                }.joined(separator: "&"))
            case .list(let items), .tuple(let items):
                return .string(try items.map { pair -> String in
                    let parts = try pair.iterate()
                    guard parts.count == 2 else { throw FilterError("urlencode expects pairs") }
                    return urlQuote(try parts[0].pythonStr(), forQuery: true) + "=" + urlQuote(try parts[1].pythonStr(), forQuery: true)
                }.joined(separator: "&"))
            default:
                return .string(urlQuote(try value.pythonStr(), forQuery: false))
            }
        }
        add("wordcount") { value, args, _ in
            try args.none()
            var count = 0
            var inWord = false
            for scalar in try value.pythonStr().unicodeScalars {
                let isWord = scalar == "_" || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                if isWord && !inWord { count += 1 }
                inWord = isWord
            }
            return .int(count)
        }
        add("wordwrap") { value, args, _ in
            let a = try args.bind(["width", "break_long_words", "wrapstring", "break_on_hyphens"])
            let width = try a[0]?.intArgument("width") ?? 79
            let breakLong = try a[1]?.truthy() ?? true
            let wrapString = try a[2].flatMap { $0.isNone ? nil : try $0.stringArgument("wrapstring") } ?? "\n"
            let breakOnHyphens = try a[3]?.truthy() ?? true
            guard width > 0 else { throw FilterError("invalid width \(width) (must be > 0)") }
            let lines = splitLines(try value.pythonStr())
            return .string(lines.map {
                TextWrap.wrap($0, width: width, breakLongWords: breakLong, breakOnHyphens: breakOnHyphens).joined(separator: wrapString)
            }.joined(separator: wrapString))
        }
        return all
    }()

    // MARK: - Helpers

    /// Python's `int(float)`: `nil` for inf and nan (Jinja then uses the default); an error past
    /// 64 bits, where Python would give an exact big integer.
    static func integerPart(_ d: Double) throws -> Value? {
        guard d.isFinite else { return nil }
        guard abs(d) < 9.223372036854775e18 else {
            throw OperationError(.runtime, "integer overflow: \(Value.pythonFloatRepr(d)) as an integer needs more than 64 bits")
        }
        return .int(Int(d.rounded(.towardZero)))
    }

    /// Python's `str.lower()`: per-character mappings plus the Greek final sigma (Σ at the end of
    /// a word becomes ς).
    static func lowercased(_ s: String) -> String {
        guard s.unicodeScalars.contains("\u{03A3}") else { return s.lowercased() }
        let scalars = Array(s.unicodeScalars)
        var out = ""
        for (i, scalar) in scalars.enumerated() {
            if scalar == "\u{03A3}" {
                let before = scalars[..<i].last { !$0.properties.isCaseIgnorable }
                let after = scalars[(i + 1)...].first { !$0.properties.isCaseIgnorable }
                let final = (before?.properties.isCased ?? false) && !(after?.properties.isCased ?? false)
                out += final ? "\u{03C2}" : "\u{03C3}"
            } else {
                out += String(scalar).lowercased()
            }
        }
        return out
    }

    /// `str` or `Markup` content, remembering which (Jinja's `soft_str`).
    static func softString(_ value: Value) throws -> (text: String, isMarkup: Bool) {
        if case .markup(let s) = value { return (s, true) }
        return (try value.pythonStr(), false)
    }

    static func replace(_ s: String, _ old: String, _ new: String, count: Int) -> String {
        if count == 0 { return s }
        if old.isEmpty {
            // Python inserts `new` between every code point (and at both ends).
            var result = new
            var replaced = 1
            for scalar in s.unicodeScalars {
                result.unicodeScalars.append(scalar)
                if count < 0 || replaced < count {
                    result += new
                    replaced += 1
                }
            }
            return result
        }
        var result = ""
        var rest = Substring(s)
        var replaced = 0
        while count < 0 || replaced < count, let range = rest.utf8.firstRange(of: old.utf8) {
            let lower = range.lowerBound
            let upper = range.upperBound
            result += rest[rest.startIndex..<lower]
            result += new
            rest = rest[upper...]
            replaced += 1
        }
        result += rest
        return result
    }

    /// Python's `str.splitlines()`.
    static func splitLines(_ s: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            switch c {
            case "\n", "\u{0B}", "\u{0C}", "\u{1C}", "\u{1D}", "\u{1E}", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            case "\r":
                lines.append(String(current))
                current = String.UnicodeScalarView()
                if i + 1 < scalars.count, scalars[i + 1] == "\n" { i += 1 }
            default:
                current.append(c)
            }
            i += 1
        }
        if !current.isEmpty { lines.append(String(current)) }
        return lines
    }

    static func trimScalars(_ s: String, where shouldTrim: (Unicode.Scalar) -> Bool) -> String {
        let scalars = s.unicodeScalars
        guard let start = scalars.firstIndex(where: { !shouldTrim($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !shouldTrim($0) })!
        return String(scalars[start...end])
    }

    /// Jinja's `title`: capitalise after runs of `-`, whitespace, `(`, `{`, `[` or `<`.
    static func titleCase(_ s: String) -> String {
        var result = ""
        var atWordStart = true
        for scalar in s.unicodeScalars {
            let isSeparator = scalar == "-" || scalar == "(" || scalar == "{" || scalar == "[" || scalar == "<" || isWhitespace(scalar)
            if isSeparator {
                result.unicodeScalars.append(scalar)
                atWordStart = true
            } else if atWordStart {
                result += String(scalar).uppercased()
                atWordStart = false
            } else {
                result += String(scalar).lowercased()
            }
        }
        return result
    }

    /// markupsafe's `striptags`: drop comments and tags, collapse whitespace, decode entities.
    static func stripTags(_ s: String) -> String {
        var value = s
        while let start = value.range(of: "<!--") {
            guard let end = value.range(of: "-->", range: start.upperBound..<value.endIndex) else { break }
            value.removeSubrange(start.lowerBound..<end.upperBound)
        }
        while let start = value.firstIndex(of: "<") {
            guard let end = value[start...].firstIndex(of: ">") else { break }
            value.removeSubrange(start...end)
        }
        let words = value.unicodeScalars.split(whereSeparator: isWhitespace).map { String(String.UnicodeScalarView($0)) }
        return HTMLEntities.decode(words.joined(separator: " "))
    }

    /// Python's `urllib.parse.quote`: `safe` is `/` for strings and nothing in query pairs.
    static func urlQuote(_ s: String, forQuery: Bool) -> String {
        var out = ""
        for byte in s.utf8 {
            let c = Unicode.Scalar(byte)
            let unreserved = (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9")
                || c == "_" || c == "." || c == "-" || c == "~" || (!forQuery && c == "/")
            if unreserved {
                out.unicodeScalars.append(c)
            } else if forQuery && c == " " {
                out += "+"
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return out
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
                current = try Compiler.item(of: current, part, owner: nil, at: loc)
                if case .undefined = current { break }
            }
            if case .undefined = current, let fallback { return fallback }
            return current
        }
    }

    private static func extreme(_ value: Value, _ args: Arguments, wantMax: Bool) throws -> Value {
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

    private static func selectItems(_ value: Value, _ args: Arguments, _ state: RenderState, byAttribute: Bool, keep: Bool) throws -> Value {
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
                for part in parts { current = try Compiler.item(of: current, part, owner: nil, at: loc) }
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

extension Value {
    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    /// Applies a string transformation, keeping `Markup` as `Markup`.
    func withString(_ source: (text: String, isMarkup: Bool), _ transform: (String) -> String) -> Value {
        let result = transform(source.text)
        return source.isMarkup ? .markup(result) : .string(result)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
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

import Foundation

/// String filters: case, padding, formatting, trimming and wrapping, on code points as Python does.
extension Filters {
    /// `capitalize`
    static func capitalize(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return value.withString(try Builtins.softString(value)) { s in
            guard let first = s.unicodeScalars.first else { return s }
            // Python 3.8+ title-cases the first character (ǆ → ǅ, not Ǆ).
            return first.properties.titlecaseMapping + String(String.UnicodeScalarView(s.unicodeScalars.dropFirst())).lowercased()
        }
    }

    /// `center`
    static func center(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let width = try args.bind(["width"])[0]?.intArgument("width") ?? 80
        let source = try Builtins.softString(value)
        let length = source.text.unicodeScalars.count
        guard width > length else { return value.withString(source) { $0 } }
        guard width <= Value.maximumRepetition else { throw FilterError("width too large") }
        let margin = width - length
        let left = margin / 2 + (margin & width & 1)
        return value.withString(source) { String(repeating: " ", count: left) + $0 + String(repeating: " ", count: margin - left) }
    }

    /// `format`
    static func format(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        if !args.positional.isEmpty && !args.keyword.isEmpty {
            throw FilterError("can't handle positional and keyword arguments at the same time", kind: .arguments)
        }
        let format = try Builtins.softString(value)
        let arguments: Value = args.keyword.isEmpty ? .tuple(args.positional) : .dictionary(args.keyword)
        let text = try PythonFormat.percent(format.text, arguments, escapeArguments: format.isMarkup)
        return format.isMarkup ? .markup(text) : .string(text)
    }

    /// `indent`
    static func indent(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["width", "first", "blank"])
        let indentation: String
        if let width = a[0], let s = width.stringValue { indentation = s } else {
            let width = try a[0]?.intArgument("width") ?? 4
            guard width <= Value.maximumRepetition else { throw FilterError("width too large") }
            indentation = String(repeating: " ", count: Swift.max(0, width))
        }
        let first = try a[1]?.truthy() ?? false
        let blank = try a[2]?.truthy() ?? false
        let source = try Builtins.softString(value)
        let lines = Builtins.splitLines(source.text + "\n")
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

    /// `lower`
    static func lower(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return value.withString(try Builtins.softString(value)) { Builtins.lowercased($0) }
    }

    /// `upper`
    static func upper(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return value.withString(try Builtins.softString(value)) { $0.uppercased() }
    }

    /// `replace`
    static func replace(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["old", "new", "count"], required: 2)
        let count = try a[2].map { try $0.intArgument("count") } ?? -1
        let old = a[0]!
        let new = a[1]!
        if !state.autoescape {
            return .string(Builtins.replace(try value.pythonStr(), try old.pythonStr(), try new.pythonStr(), count: count))
        }
        var subject = try Builtins.softString(value)
        if (old.isMarkup || new.isMarkup) && !subject.isMarkup {
            subject = (HTML.escape(subject.text), true)
        }
        // markupsafe 3 escapes only the replacement, not the text searched for.
        let oldText = try old.pythonStr()
        let newText = subject.isMarkup && !new.isMarkup ? HTML.escape(try new.pythonStr()) : try new.pythonStr()
        let result = Builtins.replace(subject.text, oldText, newText, count: count)
        return subject.isMarkup ? .markup(result) : .string(result)
    }

    /// `string`
    static func string(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        if case .markup = value { return value }
        return .string(try value.pythonStr())
    }

    /// `title`
    static func title(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return value.withString(try Builtins.softString(value)) { Builtins.titleCase($0) }
    }

    /// `trim`
    static func trim(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let chars = try args.bind(["chars"])[0]
        let source = try Builtins.softString(value)
        let result: String
        if let chars, !chars.isNone {
            let set = Set(try chars.stringArgument("chars").unicodeScalars)
            result = Builtins.trimScalars(source.text) { set.contains($0) }
        } else {
            result = Builtins.trimScalars(source.text, where: isWhitespace)
        }
        return source.isMarkup ? .markup(result) : .string(result)
    }

    /// `truncate`
    static func truncate(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["length", "killwords", "end", "leeway"])
        let length = try a[0]?.intArgument("length") ?? 255
        let killwords = try a[1]?.truthy() ?? false
        let end = try a[2]?.stringArgument("end") ?? "..."
        let leeway = try a[3].flatMap { $0.isNone ? nil : try $0.intArgument("leeway") } ?? 5
        let endLength = end.unicodeScalars.count
        guard length >= endLength else { throw FilterError("expected length >= \(endLength), got \(length)") }
        guard leeway >= 0 else { throw FilterError("expected leeway >= 0, got \(leeway)") }
        let source = try Builtins.softString(value)
        let scalars = Array(source.text.unicodeScalars)
        if scalars.count <= length + leeway { return source.isMarkup ? value : .string(source.text) }
        var head = String(String.UnicodeScalarView(scalars.prefix(length - endLength)))
        if !killwords, let space = head.unicodeScalars.lastIndex(of: " ") {
            head = String(head.unicodeScalars[..<space])
        }
        // Markup + str escapes the str, as markupsafe does.
        return source.isMarkup ? .markup(head + HTML.escape(end)) : .string(head + end)
    }

    /// `wordcount`
    static func wordcount(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
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

    /// `wordwrap`
    static func wordwrap(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["width", "break_long_words", "wrapstring", "break_on_hyphens"])
        let width = try a[0]?.intArgument("width") ?? 79
        let breakLong = try a[1]?.truthy() ?? true
        let wrapString = try a[2].flatMap { $0.isNone ? nil : try $0.stringArgument("wrapstring") } ?? "\n"
        let breakOnHyphens = try a[3]?.truthy() ?? true
        guard width > 0 else { throw FilterError("invalid width \(width) (must be > 0)") }
        let lines = Builtins.splitLines(try value.pythonStr())
        return .string(lines.map {
            TextWrap.wrap($0, width: width, breakLongWords: breakLong, breakOnHyphens: breakOnHyphens).joined(separator: wrapString)
        }.joined(separator: wrapString))
    }

    /// `pprint`
    static func pprint(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return .string(try value.pythonRepr(sortKeys: true))
    }
}

extension Builtins {
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
}

extension Value {
    /// Whether the value is Python's `None`.
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

import Yams

/// The tag of a YAML node as Yams' default resolver gives it, without its regular expressions.
///
/// Yams resolves an untagged plain scalar by trying seven ICU regular expressions in turn (bool,
/// int, float, merge, null, timestamp, value), and it does so for every mapping key while parsing
/// (its duplicate-key check hashes the tag). On a workspace that was most of the time spent
/// loading `Data/`. Documents are therefore parsed with `Resolver.basic` (no rules), and the tag is
/// classified here, by hand-written matchers of the same patterns, only where a reader asks for it.
/// `YAMLScalarTagTests` checks the matchers against Yams' own resolver.
enum YAMLScalarTag {
    /// The resolved tag name of `node` (`tag:yaml.org,2002:int`, …), as `node.tag.description`
    /// reads under `Resolver.default`, for a node parsed with `Resolver.basic`.
    static func name(of node: Node) -> String {
        guard case .scalar(let scalar) = node else { return node.tag.description }
        // The scalar's own tag, not `node.tag`: that would resolve it (to str, with no rules).
        let raw = scalar.tag.description
        if raw == Tag.Name.implicit.rawValue { return resolve(scalar.string).rawValue }
        if raw == Tag.Name.nonSpecific.rawValue { return Tag.Name.str.rawValue }
        return raw
    }

    /// The tag Yams' default resolver gives an untagged plain scalar with this text: the first of
    /// its rules (in its order) whose pattern matches the whole text.
    static func resolve(_ text: String) -> Tag.Name {
        var bytes = Array(text.utf8)
        // ICU's `$` also matches before one line terminator that ends the text.
        if bytes.last == 0x0A {
            bytes.removeLast()
            if bytes.last == 0x0D { bytes.removeLast() }
        } else if bytes.last == 0x0D {
            bytes.removeLast()
        } else if text.unicodeScalars.last.map({ $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" }) == true {
            bytes.removeLast(text.unicodeScalars.last!.utf8.count)
        }
        let s = bytes[...]
        if isBool(s) { return .bool }
        if isInt(s) { return .int }
        if isFloat(s) { return .float }
        if s.elementsEqual("<<".utf8) { return .merge }
        if isNull(s) { return .null }
        if isTimestamp(s) { return .timestamp }
        if s.elementsEqual("=".utf8) { return .value }
        return .str
    }

    private typealias Text = ArraySlice<UInt8>

    private static let bools: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF",
    ]

    private static func isBool(_ s: Text) -> Bool { s.count <= 5 && bools.contains(String(decoding: s, as: UTF8.self)) }

    private static func isNull(_ s: Text) -> Bool {
        s.isEmpty || s.elementsEqual("~".utf8) || s.elementsEqual("null".utf8) || s.elementsEqual("Null".utf8) || s.elementsEqual("NULL".utf8)
    }

    // MARK: - Matchers: each takes a position and returns the position after what it matched.

    private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    /// `[-+]?`
    private static func sign(_ s: Text, _ i: Int) -> Int { i < s.endIndex && (s[i] == 0x2B || s[i] == 0x2D) ? i + 1 : i }

    /// Zero or more bytes satisfying `accept`.
    private static func many(_ s: Text, _ i: Int, _ accept: (UInt8) -> Bool) -> Int {
        var j = i
        while j < s.endIndex && accept(s[j]) { j += 1 }
        return j
    }

    /// One or more bytes satisfying `accept`, or nil.
    private static func some(_ s: Text, _ i: Int, _ accept: (UInt8) -> Bool) -> Int? {
        let j = many(s, i, accept)
        return j > i ? j : nil
    }

    private static func byte(_ s: Text, _ i: Int, _ c: UInt8) -> Int? { i < s.endIndex && s[i] == c ? i + 1 : nil }

    private static func literal(_ s: Text, _ i: Int, _ text: String) -> Int? {
        var j = i
        for c in text.utf8 {
            guard let next = byte(s, j, c) else { return nil }
            j = next
        }
        return j
    }

    /// `(?::[0-5]?[0-9])+`: one or more groups of a colon and one or two digits (two only when the
    /// first is 0–5). Taking two digits whenever possible is what a backtracking match would end
    /// with: nothing that may follow a group starts with a digit.
    private static func sexagesimal(_ s: Text, _ i: Int) -> Int? {
        var j = i
        var groups = 0
        while let colon = byte(s, j, 0x3A), colon < s.endIndex, isDigit(s[colon]) {
            if colon + 1 < s.endIndex, s[colon] <= 0x35, isDigit(s[colon + 1]) { j = colon + 2 } else { j = colon + 1 }
            groups += 1
        }
        return groups > 0 ? j : nil
    }

    /// `[-+]?0b[0-1_]+ | [-+]?0o?[0-7_]+ | [-+]?(?:0|[1-9][0-9_]*) | [-+]?0x[0-9a-fA-F_]+ | [-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+`
    private static func isInt(_ s: Text) -> Bool {
        let start = sign(s, s.startIndex)
        let end = s.endIndex
        guard start < end else { return false }
        let underscore: UInt8 = 0x5F
        if s[start] == 0x30 {  // 0
            if let j = literal(s, start, "0b"), some(s, j, { $0 == 0x30 || $0 == 0x31 || $0 == underscore }) == end { return true }
            if let j = literal(s, start, "0x"),
                some(s, j, { isDigit($0) || ($0 >= 0x61 && $0 <= 0x66) || ($0 >= 0x41 && $0 <= 0x46) || $0 == underscore }) == end
            {
                return true
            }
            let octal: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x37 || $0 == underscore }
            if some(s, start + 1, octal) == end { return true }
            if let j = byte(s, start + 1, 0x6F), some(s, j, octal) == end { return true }
            return start + 1 == end
        }
        guard s[start] >= 0x31 && s[start] <= 0x39 else { return false }
        let digits = many(s, start + 1) { isDigit($0) || $0 == underscore }
        if digits == end { return true }
        return sexagesimal(s, digits) == end
    }

    /// `[-+]?[0-9][0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)? | \.[0-9_]+(?:[eE][-+][0-9]+)?
    /// | [-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]* | [-+]?\.(?:inf|Inf|INF) | \.(?:nan|NaN|NAN)`
    private static func isFloat(_ s: Text) -> Bool {
        let end = s.endIndex
        let digitOrUnderscore: (UInt8) -> Bool = { isDigit($0) || $0 == 0x5F }
        let start = sign(s, s.startIndex)
        if start < end, isDigit(s[start]) {
            let whole = many(s, start + 1, digitOrUnderscore)
            // Decimal, with an optional fraction and exponent.
            var j = whole
            if let dot = byte(s, j, 0x2E) { j = many(s, dot, digitOrUnderscore) }
            if j < end, s[j] == 0x65 || s[j] == 0x45, let exponent = some(s, sign(s, j + 1), isDigit) { j = exponent }
            if j == end { return true }
            // Sexagesimal with a fraction.
            if let groups = sexagesimal(s, whole), let dot = byte(s, groups, 0x2E), many(s, dot, digitOrUnderscore) == end { return true }
            return false
        }
        if let dot = byte(s, start, 0x2E) {
            for name in ["inf", "Inf", "INF"] where literal(s, dot, name) == end { return true }
        }
        // The forms below take no sign.
        guard let dot = byte(s, s.startIndex, 0x2E) else { return false }
        for name in ["nan", "NaN", "NAN"] where literal(s, dot, name) == end { return true }
        guard let fraction = some(s, dot, digitOrUnderscore) else { return false }
        if fraction == end { return true }
        guard s[fraction] == 0x65 || s[fraction] == 0x45, fraction + 1 < end, s[fraction + 1] == 0x2B || s[fraction + 1] == 0x2D else { return false }
        return some(s, fraction + 2, isDigit) == end
    }

    /// `[0-9]{4}-[0-9]{2}-[0-9]{2} | [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?`
    private static func isTimestamp(_ s: Text) -> Bool {
        let end = s.endIndex
        func digits(_ i: Int, _ count: Int) -> Int? {
            guard i + count <= end, s[i..<(i + count)].allSatisfy(isDigit) else { return nil }
            return i + count
        }
        /// One digit, or two when there are two.
        func oneOrTwo(_ i: Int) -> Int? {
            guard let one = digits(i, 1) else { return nil }
            return digits(one, 1) ?? one
        }
        guard let year = digits(s.startIndex, 4), let dash = byte(s, year, 0x2D) else { return false }
        if let month = digits(dash, 2), let dash2 = byte(s, month, 0x2D), digits(dash2, 2) == end { return true }
        guard let month = oneOrTwo(dash), let dash2 = byte(s, month, 0x2D), let day = oneOrTwo(dash2), day < end else { return false }
        let blank: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 }
        var j: Int
        if s[day] == 0x54 || s[day] == 0x74 {
            j = day + 1
        } else if let spaces = some(s, day, blank) {
            j = spaces
        } else {
            return false
        }
        guard let hour = oneOrTwo(j), let colon = byte(s, hour, 0x3A), let minute = digits(colon, 2), let colon2 = byte(s, minute, 0x3A),
            let second = digits(colon2, 2)
        else { return false }
        j = second
        if let dot = byte(s, j, 0x2E) { j = many(s, dot, isDigit) }
        if j == end { return true }
        j = many(s, j, blank)
        if byte(s, j, 0x5A) == end { return true }
        guard j < end, s[j] == 0x2B || s[j] == 0x2D, let offset = oneOrTwo(j + 1) else { return false }
        if offset == end { return true }
        guard let colon3 = byte(s, offset, 0x3A) else { return false }
        return digits(colon3, 2) == end
    }
}

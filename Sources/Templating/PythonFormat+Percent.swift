import Foundation

/// printf-style formatting (`"%.1f"|format(x)`, `%d`, `%s`, `%-8s`, `%%`) with Python's rules.
extension PythonFormat {
    /// One piece of a parsed format string.
    enum Piece: Sendable {
        case literal(String)
        case conversion(Conversion)
    }

    struct Conversion: Sendable {
        var key: String?
        var flags: Flags
        /// `nil` when absent; `-1` for `*` (taken from the arguments).
        var width: Int?
        var precision: Int?
        var conversion: Character
    }

    /// A `%`-format string parsed once (templates parse their literal format strings at compile time).
    struct Template: Sendable {
        let pieces: [Piece]
        let usesMapping: Bool

        init(_ format: String) throws {
            var pieces: [Piece] = []
            var literal = String.UnicodeScalarView()
            let scalars = Array(format.unicodeScalars)
            var i = 0
            var usesMapping = false
            func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
            // Saturates instead of wrapping: anything past the maximum width is refused anyway.
            func number() -> Int? {
                var value: Int?
                while i < scalars.count, isDigit(scalars[i]) {
                    value = min((value ?? 0) * 10 + Int(scalars[i].value - 48), Int(Int32.max))
                    i += 1
                }
                return value
            }
            while i < scalars.count {
                let c = scalars[i]
                guard c == "%" else {
                    literal.append(c)
                    i += 1
                    continue
                }
                i += 1
                guard i < scalars.count else { throw OperationError(.runtime, "incomplete format") }
                var key: String?
                if scalars[i] == "(" {
                    var depth = 1
                    var j = i + 1
                    while j < scalars.count, depth > 0 {
                        if scalars[j] == "(" { depth += 1 }
                        if scalars[j] == ")" { depth -= 1 }
                        j += 1
                    }
                    guard depth == 0 else { throw OperationError(.runtime, "incomplete format key") }
                    key = String(String.UnicodeScalarView(scalars[(i + 1)..<(j - 1)]))
                    usesMapping = true
                    i = j
                }
                var flags: Flags = []
                while i < scalars.count, let flag = Flags(scalars[i]) {
                    flags.insert(flag)
                    i += 1
                }
                var width: Int?
                if i < scalars.count, scalars[i] == "*" {
                    width = -1
                    i += 1
                } else {
                    width = number()
                }
                var precision: Int?
                if i < scalars.count, scalars[i] == "." {
                    i += 1
                    if i < scalars.count, scalars[i] == "*" {
                        precision = -1
                        i += 1
                    } else {
                        precision = number() ?? 0
                    }
                }
                while i < scalars.count, "hlL".unicodeScalars.contains(scalars[i]) { i += 1 }
                guard i < scalars.count else { throw OperationError(.runtime, "incomplete format") }
                let conversion = Character(scalars[i])
                i += 1
                if conversion == "%" {
                    literal.append("%")
                    continue
                }
                guard "sradiuxXoeEfFgGc".contains(conversion) else {
                    throw OperationError(.runtime, "unsupported format character '\(conversion)'")
                }
                if !literal.isEmpty {
                    pieces.append(.literal(String(literal)))
                    literal = String.UnicodeScalarView()
                }
                pieces.append(.conversion(Conversion(key: key, flags: flags, width: width, precision: precision, conversion: conversion)))
            }
            if !literal.isEmpty { pieces.append(.literal(String(literal))) }
            self.pieces = pieces
            self.usesMapping = usesMapping
        }

        /// Python's `format % args`: `args` is a tuple (positional), a dict (`%(name)s`) or one value.
        func apply(_ args: Value, escapeArguments: Bool = false) throws -> String {
            var positional: [Value]
            var mapping: Value.Dictionary?
            switch args {
            case .tuple(let items): positional = items
            case .dict(let d):
                mapping = d
                positional = [args]
            default: positional = [args]
            }
            var next = 0
            func nextArgument() throws -> Value {
                guard next < positional.count else { throw OperationError(.type, "not enough arguments for format string") }
                defer { next += 1 }
                return positional[next]
            }
            var out = ""
            for piece in pieces {
                switch piece {
                case .literal(let text):
                    out += text
                case .conversion(let spec):
                    var width = spec.width
                    var flags = spec.flags
                    if width == -1 {
                        // Python: a negative `*` width left-aligns.
                        let w = try PythonFormat.starArgument(try nextArgument())
                        if w < 0 { flags.insert(.leftAlign) }
                        width = abs(w)
                    }
                    var precision = spec.precision
                    if precision == -1 {
                        // Python: a negative `*` precision counts as 0.
                        precision = max(0, try PythonFormat.starArgument(try nextArgument()))
                    }
                    try PythonFormat.checkSize(width, "width")
                    try PythonFormat.checkSize(precision, "precision")
                    let argument: Value
                    if let key = spec.key {
                        guard let mapping else { throw OperationError(.type, "format requires a mapping") }
                        guard let value = mapping[key] else { throw OperationError(.runtime, "KeyError: '\(key)'") }
                        argument = value
                    } else {
                        argument = try nextArgument()
                    }
                    var text = try PythonFormat.convert(argument, spec.conversion, flags: flags, precision: precision)
                    let isText = spec.conversion == "s" || spec.conversion == "r" || spec.conversion == "a"
                    if escapeArguments, !argument.isMarkup, isText { text = HTML.escape(text) }
                    if let width {
                        out += PythonFormat.pad(text, width: width, flags: flags, numeric: !isText && spec.conversion != "c")
                    } else {
                        out += text
                    }
                }
            }
            if mapping == nil, next < positional.count, !usesMapping {
                throw OperationError(.type, "not all arguments converted during string formatting")
            }
            return out
        }
    }

    /// A `*` width or precision: an int that fits C's `int`, as Python requires.
    static func starArgument(_ value: Value) throws -> Int {
        guard case .int(let n)? = value.numeric else { throw OperationError(.type, "* wants int") }
        guard n >= Int(Int32.min) && n <= Int(Int32.max) else {
            throw OperationError(.limit, "integer overflow: the * argument \(n) does not fit in a C int")
        }
        return n
    }

    /// Refuses widths and precisions past `TemplateLimits.maximumFormatWidth`.
    static func checkSize(_ size: Int?, _ what: String) throws {
        if let size, size > TemplateLimits.maximumFormatWidth {
            throw OperationError(
                .limit, "format \(what) \(size) is larger than \(TemplateLimits.maximumFormatWidth) (the format width limit)")
        }
    }

    /// Python's `format % args`.
    static func percent(_ format: String, _ args: Value, escapeArguments: Bool = false) throws -> String {
        try Template(format).apply(args, escapeArguments: escapeArguments)
    }

    /// printf flags: `-` left-align, `+` and space for the sign, `#` alternate form, `0` zero-fill.
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let leftAlign = Flags(rawValue: 1)
        static let plus = Flags(rawValue: 2)
        static let space = Flags(rawValue: 4)
        static let alternate = Flags(rawValue: 8)
        static let zero = Flags(rawValue: 16)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init?(_ scalar: Unicode.Scalar) {
            switch scalar {
            case "-": self = .leftAlign
            case "+": self = .plus
            case " ": self = .space
            case "#": self = .alternate
            case "0": self = .zero
            default: return nil
            }
        }
    }

    static func convert(_ value: Value, _ conversion: Character, flags: Flags, precision: Int?) throws -> String {
        switch conversion {
        case "s":
            let s = try value.pythonStr()
            if let precision { return String(String.UnicodeScalarView(s.unicodeScalars.prefix(precision))) }
            return s
        case "r", "a":
            var s = try value.pythonRepr()
            if conversion == "a" { s = asciiEscaped(s) }
            if let precision { return String(String.UnicodeScalarView(s.unicodeScalars.prefix(precision))) }
            return s
        case "c":
            if case .int(let code) = value.numeric {
                guard code >= 0, code < 0x110000 else { throw OperationError(.runtime, "%c arg not in range(0x110000)") }
                guard let scalar = Unicode.Scalar(UInt32(code)) else {
                    throw OperationError(.runtime, "%c arg \(code) is a surrogate code point, which cannot be printed")
                }
                return String(Character(scalar))
            }
            if let s = value.stringValue, s.unicodeScalars.count == 1 { return s }
            throw OperationError(.type, "%c requires an int or a unicode character, not \(value.typeName)")
        case "d", "i", "u", "x", "X", "o":
            let integer: Int
            switch try value.defined().numeric {
            case .int(let n)?: integer = n
            case .double(let d)?:
                guard "diu".contains(conversion) else {
                    throw OperationError(.type, "%\(conversion) format: an integer is required, not float")
                }
                guard d.isFinite else { throw OperationError(.runtime, "cannot convert float \(Value.pythonFloatRepr(d)) to integer") }
                guard let exact = Int(exactly: d.rounded(.towardZero)) else {
                    throw OperationError(.limit, "integer overflow: \(Value.pythonFloatRepr(d)) as an integer needs more than 64 bits")
                }
                integer = exact
            case nil:
                throw OperationError(.type, "%\(conversion) format: a real number is required, not \(value.typeName)")
            }
            var digits: String
            switch conversion {
            case "x": digits = String(integer.magnitude, radix: 16)
            case "X": digits = String(integer.magnitude, radix: 16).uppercased()
            case "o": digits = String(integer.magnitude, radix: 8)
            default: digits = String(integer.magnitude)
            }
            if let precision, digits.count < precision {
                digits = String(repeating: "0", count: precision - digits.count) + digits
            }
            if flags.contains(.alternate) {
                if conversion == "x" { digits = "0x" + digits }
                if conversion == "X" { digits = "0X" + digits }
                if conversion == "o" { digits = "0o" + digits }
            }
            return sign(negative: integer < 0, flags: flags) + digits
        case "e", "E", "f", "F", "g", "G":
            guard let number = try value.defined().numeric else {
                throw OperationError(.type, "must be real number, not \(value.typeName)")
            }
            var cFlags = ""
            if flags.contains(.plus) { cFlags += "+" } else if flags.contains(.space) { cFlags += " " }
            if flags.contains(.alternate) { cFlags += "#" }
            return formatDouble(number.asDouble, flags: cFlags, precision: precision ?? 6, conversion: conversion)
        default:
            throw OperationError(.runtime, "unsupported format character '\(conversion)'")
        }
    }

    /// Python's `ascii()`: `repr` with every non-ASCII character escaped.
    static func asciiEscaped(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16)
                let (prefix, width) = scalar.value <= 0xFF ? ("\\x", 2) : scalar.value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
                out += prefix + String(repeating: "0", count: width - hex.count) + hex
            }
        }
        return out
    }

    static func sign(negative: Bool, flags: Flags) -> String {
        if negative { return "-" }
        if flags.contains(.plus) { return "+" }
        if flags.contains(.space) { return " " }
        return ""
    }

    static func pad(_ text: String, width: Int?, flags: Flags, numeric: Bool) -> String {
        guard let width else { return text }
        let length = text.unicodeScalars.count
        guard length < width else { return text }
        let fill = width - length
        if flags.contains(.leftAlign) { return text + String(repeating: " ", count: fill) }
        if flags.contains(.zero) && numeric {
            // Zero padding goes after the sign and any 0x prefix.
            var prefix = ""
            var body = Substring(text)
            if let first = body.first, "+- ".contains(first) {
                prefix.append(first)
                body = body.dropFirst()
            }
            if body.hasPrefix("0x") || body.hasPrefix("0X") || body.hasPrefix("0o") {
                prefix += body.prefix(2)
                body = body.dropFirst(2)
            }
            if body == "inf" || body == "nan" || body == "INF" || body == "NAN" { return String(repeating: " ", count: fill) + text }
            return prefix + String(repeating: "0", count: fill) + body
        }
        return String(repeating: " ", count: fill) + text
    }
}

import Foundation

/// Escaping and encoding filters: HTML markup, tags, JSON for HTML and URL quoting.
extension Filters {
    /// `escape`
    static func escape(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        if case .markup = value { return value }
        return .markup(HTML.escape(try value.pythonStr()))
    }

    /// `forceescape`
    static func forceescape(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return .markup(HTML.escape(try value.pythonStr()))
    }

    /// `safe`
    static func safe(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        if case .markup = value { return value }
        return .markup(try value.pythonStr())
    }

    /// `striptags`
    static func striptags(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        return .string(Builtins.stripTags(try value.pythonStr()))
    }

    /// `tojson`
    static func tojson(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let indent = try args.bind(["indent"])[0].flatMap { $0.isNone ? nil : Swift.min(Swift.max(0, try $0.intArgument("indent")), 64) }
        return .markup(try JSONWriter.htmlSafe(value, indent: indent))
    }

    /// `urlencode`
    static func urlencode(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        try args.none()
        switch value {
        case .dict(let d):
            return .string(try zip(d.keys, d.values).map {
                Builtins.urlQuote($0.0, forQuery: true) + "=" + Builtins.urlQuote(try $0.1.pythonStr(), forQuery: true)
            }.joined(separator: "&"))
        case .list(let items), .tuple(let items):
            return .string(try items.map { pair -> String in
                let parts = try pair.iterate()
                guard parts.count == 2 else { throw FilterError("urlencode expects pairs") }
                return Builtins.urlQuote(try parts[0].pythonStr(), forQuery: true) + "=" + Builtins.urlQuote(try parts[1].pythonStr(), forQuery: true)
            }.joined(separator: "&"))
        default:
            return .string(Builtins.urlQuote(try value.pythonStr(), forQuery: false))
        }
    }
}

extension Builtins {
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
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

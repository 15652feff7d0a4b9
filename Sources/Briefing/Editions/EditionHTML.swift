import Foundation
import MarkdownHTML

/// The small amount of HTML handling the editions need: escaping, and walking the tags of the
/// HTML that cmark-gfm writes (attributes always double-quoted and escaped, so a `>` never
/// appears inside a tag).
enum EditionHTML {
    static func escape(_ text: String) -> String { escapeHTML(text, apostrophes: false) }

    /// The text of an HTML fragment: tags dropped, the entities cmark writes decoded, runs of
    /// white space collapsed to one space.
    static func text(_ html: String) -> String {
        var out = ""
        var inTag = false
        for character in html {
            if inTag {
                if character == ">" { inTag = false; out.append(" ") }
            } else if character == "<" {
                inTag = true
            } else {
                out.append(character)
            }
        }
        out = decodeEntities(out)
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = text
        for (entity, value) in [("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        return out
    }

    /// One piece of an HTML fragment: text between tags, or a tag.
    enum Token: Equatable {
        case text(Substring)
        /// A start or end tag (`closing`), its lower-case name, its attributes in order, and
        /// whether it ends with `/>`.
        case tag(name: String, closing: Bool, attributes: [(String, String?)], selfClosing: Bool)
        /// A comment, doctype or anything else between `<` and `>` that is not an element.
        case other(Substring)

        static func == (a: Token, b: Token) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)), (.other(let x), .other(let y)): x == y
            case (.tag(let n1, let c1, let a1, let s1), .tag(let n2, let c2, let a2, let s2)):
                n1 == n2 && c1 == c2 && s1 == s2 && a1.count == a2.count && zip(a1, a2).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: false
            }
        }
    }

    static func tokens(_ html: String) -> [Token] {
        var tokens: [Token] = []
        var rest = html[...]
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                tokens.append(.text(rest))
                break
            }
            if open > rest.startIndex { tokens.append(.text(rest[rest.startIndex..<open])) }
            let afterOpen = rest.index(after: open)
            if rest[afterOpen...].hasPrefix("!--") {
                let end = rest[afterOpen...].range(of: "-->")?.upperBound ?? rest.endIndex
                tokens.append(.other(rest[open..<end]))
                rest = rest[end...]
                continue
            }
            guard let close = rest[afterOpen...].firstIndex(of: ">") else {
                tokens.append(.text(rest[open...]))
                break
            }
            tokens.append(tag(rest[afterOpen..<close]) ?? .other(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return tokens
    }

    /// The inside of `<…>` as a tag, or `nil` when it is not one (`<!doctype …>`, `<?…?>`).
    private static func tag(_ inside: Substring) -> Token? {
        var body = inside
        let closing = body.hasPrefix("/")
        if closing { body = body.dropFirst() }
        let selfClosing = body.hasSuffix("/")
        if selfClosing { body = body.dropLast() }
        let name = body.prefix { $0.isLetter || $0.isNumber }
        guard let first = name.first, first.isLetter else { return nil }
        var attributes: [(String, String?)] = []
        var rest = body.dropFirst(name.count)
        while true {
            rest = rest.drop { $0.isWhitespace }
            guard !rest.isEmpty else { break }
            let attributeName = rest.prefix { !$0.isWhitespace && $0 != "=" }
            guard !attributeName.isEmpty else { rest = rest.dropFirst(); continue }
            rest = rest.dropFirst(attributeName.count).drop { $0.isWhitespace }
            guard rest.hasPrefix("=") else {
                attributes.append((attributeName.lowercased(), nil))
                continue
            }
            rest = rest.dropFirst().drop { $0.isWhitespace }
            if let quote = rest.first, quote == "\"" || quote == "'" {
                let value = rest.dropFirst().prefix { $0 != quote }
                attributes.append((attributeName.lowercased(), String(value)))
                rest = rest.dropFirst(value.count + 1)
                if rest.first == quote { rest = rest.dropFirst() }
            } else {
                let value = rest.prefix { !$0.isWhitespace }
                attributes.append((attributeName.lowercased(), String(value)))
                rest = rest.dropFirst(value.count)
            }
        }
        return .tag(name: name.lowercased(), closing: closing, attributes: attributes, selfClosing: selfClosing)
    }

    /// A tag written back: attributes double-quoted, values escaped.
    static func render(name: String, attributes: [(String, String?)], selfClosing: Bool = false) -> String {
        var out = "<" + name
        for (key, value) in attributes {
            out += " " + key
            if let value { out += "=\"" + escape(decodeEntities(value)) + "\"" }
        }
        return out + (selfClosing ? " />" : ">")
    }
}

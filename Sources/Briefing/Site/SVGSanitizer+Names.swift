/// What the screen makes of element and attribute names and of the values it reads as references.
///
/// Names and values are byte ranges of the file. ASCII ones (every chart `briefing weekly` draws)
/// are compared byte by byte, which for ASCII is what String comparison gives; the others go the
/// String way, because there Swift's Strings decide differently from bytes: canonical equivalence
/// (`K` equals the Kelvin sign U+212A), grapheme clusters (`on` followed by a combining accent does
/// not start with `on`) and Unicode lowercasing (the Kelvin sign lowercases to `k`).
extension SVGSanitizer {
    /// What the screen checks in an attribute, by its name.
    enum AttributeRole {
        /// `xmlns`, `xmlns:…`: the value must be an allowed namespace.
        case namespace
        /// `on…` (by lowercased local name): refused.
        case eventHandler
        /// `href`, `src` (any prefix, any case): the value must point inside the file.
        case reference
        /// `attributeName`: what an animation changes.
        case animationTarget
        /// Names and prose (``textAttributes``, `aria-…`): not screened.
        case prose
        /// Everything else: screened as CSS.
        case css
    }

    /// What the screen checks in an element, by its lowercased local name.
    enum ElementRole {
        case forbidden, style, other
    }

    /// The role of an attribute, by its qualified name. The ASCII path spells out
    /// ``textAttributes`` (and `elementRole` ``forbiddenElements``) as bytes; the tests hold the
    /// two paths to the same answers.
    static func attributeRole(_ name: Bytes) -> AttributeRole {
        guard isASCII(name), let local = asciiLocalName(name) else { return attributeRole(String(decoding: name, as: UTF8.self)) }
        if equal(name, "xmlns") || (name.count >= 6 && equal(Bytes(rebasing: name[..<6]), "xmlns:")) { return .namespace }
        if lowercased(local, hasPrefix: "on") { return .eventHandler }
        if lowercased(local, equals: "href") || lowercased(local, equals: "src") { return .reference }
        if lowercased(local, equals: "attributename") { return .animationTarget }
        if lowercased(local, hasPrefix: "aria-") || equal(name, "id") || equal(name, "class") || equal(name, "role") || equal(name, "lang")
            || equal(name, "xml:lang") || equal(name, "xml:space")
        {
            return .prose
        }
        return .css
    }

    /// The role as the screen has always decided it on Strings: for names beyond ASCII, and for
    /// names with a colon first, last or twice.
    private static func attributeRole(_ attribute: String) -> AttributeRole {
        let local = localName(attribute).lowercased()
        if attribute == "xmlns" || attribute.hasPrefix("xmlns:") { return .namespace }
        if local.hasPrefix("on") { return .eventHandler }
        if local == "href" || local == "src" { return .reference }
        if local == "attributename" { return .animationTarget }
        if textAttributes.contains(attribute) || local.hasPrefix("aria-") { return .prose }
        return .css
    }

    /// The role of an element, by its qualified name.
    static func elementRole(_ name: Bytes) -> ElementRole {
        guard isASCII(name), let local = asciiLocalName(name) else {
            let local = localName(String(decoding: name, as: UTF8.self)).lowercased()
            return forbiddenElements.contains(local) ? .forbidden : local == "style" ? .style : .other
        }
        for forbidden in ["script", "foreignobject", "handler", "listener"] as [StaticString] where lowercased(local, equals: forbidden) { return .forbidden }
        return lowercased(local, equals: "style") ? .style : .other
    }

    /// Whether two names are the same String.
    static func sameName(_ first: Bytes, _ second: Bytes) -> Bool {
        if equal(first, second) { return true }
        if isASCII(first), isASCII(second) { return false }
        return String(decoding: first, as: UTF8.self) == String(decoding: second, as: UTF8.self)
    }

    /// Whether an `href`/`src` value points inside the file: starts with `#` once trimmed.
    static func pointsInside(_ value: Bytes) -> Bool {
        guard isASCII(value) else { return trimmed(String(decoding: value, as: UTF8.self)).hasPrefix("#") }
        // What `trimmed` strips from ASCII text: U+0009–U+000D and U+0020.
        return value.first { $0 != 0x20 && !($0 >= 0x09 && $0 <= 0x0D) } == UInt8(ascii: "#")
    }

    /// Whether a namespace value is one of ``allowedNamespaces``.
    static func isAllowedNamespace(_ value: Bytes) -> Bool {
        if equal(value, "http://www.w3.org/2000/svg") || equal(value, "http://www.w3.org/1999/xlink") { return true }
        return !isASCII(value) && allowedNamespaces.contains(String(decoding: value, as: UTF8.self))
    }

    /// The refusal for an `attributeName` value, or nil: animating a reference or an event handler.
    static func animationProblem(_ value: Bytes) -> String? {
        let trimmed = trimmed(String(decoding: value, as: UTF8.self))
        let target = localName(trimmed).lowercased()
        return target == "href" || target == "src" || target.hasPrefix("on") ? "animating \(trimmed) is not allowed" : nil
    }

    /// The part after the prefix (`xlink:href` → `href`).
    static func localName(_ name: String) -> String {
        let utf8 = name.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return name }
        // One colon inside the name (every name of a chart briefing draws): what follows it.
        if colon != utf8.startIndex, utf8.index(after: colon) != utf8.endIndex, utf8.lastIndex(of: UInt8(ascii: ":")) == colon {
            return String(name[utf8.index(after: colon)...])
        }
        return name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
    }

    /// ``localName(_:)`` of an ASCII name without a colon or with one inside it; nil for the
    /// other names (a colon first, last or twice), which take the String way.
    private static func asciiLocalName(_ name: Bytes) -> Bytes? {
        guard let colon = name.firstIndex(of: UInt8(ascii: ":")) else { return name }
        let local = Bytes(rebasing: name[(colon + 1)...])
        guard colon != 0, !local.isEmpty, local.firstIndex(of: UInt8(ascii: ":")) == nil else { return nil }
        return local
    }

    /// Whether ASCII `bytes`, lowercased, equal the lowercase `pattern`.
    private static func lowercased(_ bytes: Bytes, equals pattern: StaticString) -> Bool {
        bytes.count == pattern.utf8CodeUnitCount && lowercased(bytes, hasPrefix: pattern)
    }

    /// Whether ASCII `bytes`, lowercased, start with the lowercase `pattern`.
    private static func lowercased(_ bytes: Bytes, hasPrefix pattern: StaticString) -> Bool {
        let count = pattern.utf8CodeUnitCount
        guard bytes.count >= count else { return false }
        let start = pattern.utf8Start
        for index in 0..<count {
            var byte = bytes[index]
            if byte >= UInt8(ascii: "A"), byte <= UInt8(ascii: "Z") { byte += 32 }
            guard byte == start[index] else { return false }
        }
        return true
    }
}

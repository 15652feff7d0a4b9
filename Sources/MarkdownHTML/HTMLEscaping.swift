/// Escapes text for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and `'`
/// become entity references, scalar by scalar (so a quote followed by a combining mark is escaped
/// too). The one HTML escaper of the product's pages outside templates (the template language
/// escapes with its own `escape` filter, as Jinja2 does). `apostrophes: false` leaves `'` as it is,
/// for the Atom feed, the sitemap and the e-mail edition, whose text never sits in a
/// single-quoted attribute.
public func escapeHTML(_ text: String, apostrophes: Bool = true) -> String {
    guard text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">")
        || $0 == UInt8(ascii: "\"") || (apostrophes && $0 == UInt8(ascii: "'")) })
    else { return text }
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count + 16)
    for character in text.unicodeScalars {
        switch character {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'" where apostrophes: escaped += "&#39;"
        default: escaped.unicodeScalars.append(character)
        }
    }
    return escaped
}

/// Writes SVG markup in one fixed shape: one element per line, two-space indent, attributes in the order
/// the caller lists them, every attribute value and text node escaped. The same calls give the same bytes,
/// which is what makes chart files diffable and reruns byte-identical.
struct SVGWriter {
    typealias Attributes = [(String, String)]

    private(set) var output = ""
    private var depth = 0

    mutating func open(_ name: String, _ attributes: Attributes = []) {
        line("<" + name + Self.render(attributes) + ">")
        depth += 1
    }

    mutating func close(_ name: String) {
        depth -= 1
        line("</" + name + ">")
    }

    /// An element without children: `<line …/>`.
    mutating func element(_ name: String, _ attributes: Attributes) {
        line("<" + name + Self.render(attributes) + "/>")
    }

    /// An element holding only text: `<text …>…</text>`.
    mutating func element(_ name: String, _ attributes: Attributes, text: String) {
        line("<" + name + Self.render(attributes) + ">" + Self.escape(text) + "</" + name + ">")
    }

    private mutating func line(_ text: String) {
        output += String(repeating: "  ", count: max(depth, 0)) + text + "\n"
    }

    private static func render(_ attributes: Attributes) -> String {
        var text = ""
        for (name, value) in attributes {
            text += " " + name + "=\"" + escape(value) + "\""
        }
        return text
    }

    // MARK: - Escaping

    /// Escapes text for XML content and double-quoted attributes. Characters XML 1.0 cannot carry at all
    /// (C0 controls other than tab/newline/return, U+FFFE, U+FFFF) are dropped; tab and line breaks become
    /// spaces so every element stays on one line.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\t", "\n", "\r": escaped += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    // MARK: - Numbers

    /// A coordinate: at most two decimals, trailing zeros dropped (`12.5`, `300`), never `-0`.
    static func number(_ value: Double) -> String {
        var text = fixed(value, decimals: 2)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// Exactly `decimals` digits after the point, rounded half away from zero, ASCII digits, no grouping
    /// and no locale: the same value always gives the same text. Values too large for 64-bit integer
    /// digits fall back to Swift's shortest round-trip form.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        let digits = min(max(decimals, 0), 9)
        let scaled = (abs(value) * powerOfTen(digits)).rounded()
        guard scaled < 9e18 else { return value.description }
        var text = String(UInt64(scaled))
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits + 1 - text.count) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return (value < 0 && scaled != 0 ? "-" : "") + text
    }

    /// 10^exponent, correctly rounded (parsed from its decimal spelling rather than multiplied up, so
    /// 10^-1 is the same double as the literal 0.1).
    static func powerOfTen(_ exponent: Int) -> Double {
        Double("1e\(exponent)") ?? (exponent < 0 ? 0 : .infinity)
    }
}

import Templating
import Workspace

/// Numbers as readers see them, in one place: Markdown, HTML, SVG labels, and the terminal and
/// Markdown tables of `briefing project` all format through here, so one minus-sign policy holds
/// everywhere (docs/templates.md, "Minus signs"): a negative reads with U+2212 (`−$3.0B`, `−0.4 pp`,
/// `−3.0%`), and a value that rounds to zero has no sign (`0.0`, never `−0.0` or `+0.0`). Machine
/// outputs (CSV, JSON) never come here: they keep full-precision numbers with ASCII `-`.
enum ReaderNumbers {
    /// U+2212 MINUS SIGN, the reader-facing minus.
    static let minus = "\u{2212}"

    /// `value` with `digits` decimals, correctly rounded and locale-independent; a negative value
    /// that does not round to zero reads with `minus`.
    static func fixed(_ value: Double, digits: Int, minus: String = minus) -> String {
        let text = Value.fixed(abs(value), digits: digits)
        return value < 0 && !isZero(text) ? minus + text : text
    }

    /// `+1.2` / `−0.4` / `0.0`: the sign follows the rounded value, so nothing prints as `+0.0`.
    static func signed(_ value: Double, digits: Int, minus: String = minus) -> String {
        let text = Value.fixed(abs(value), digits: digits)
        guard !isZero(text) else { return text }
        return (value < 0 ? minus : "+") + text
    }

    /// A fraction as a percentage: 0.253 → `25.3%`.
    static func percent(_ fraction: Double, digits: Int = 1) -> String {
        fixed(fraction * 100, digits: digits) + "%"
    }

    /// A difference of fractions in percentage points: 0.012 → `+1.2 pp`.
    static func percentagePoints(_ fraction: Double, digits: Int = 1, minus: String = minus) -> String {
        signed(fraction * 100, digits: digits, minus: minus) + " pp"
    }

    /// An amount with its currency symbol before and unit suffix after: `$207.0B`, `−€5.2M`.
    static func money(_ value: Double, symbol: String, suffix: String, digits: Int = 1) -> String {
        let text = Value.fixed(abs(value), digits: digits)
        return (value < 0 && !isZero(text) ? minus : "") + symbol + text + suffix
    }

    /// Digits with `,` between groups of three in the integer part; a leading ASCII `-` (as
    /// number-to-text conversions write it) becomes the reader's minus.
    static func thousands(_ text: String) -> String {
        var sign = ""
        var body = Substring(text)
        if body.hasPrefix("-") {
            sign = minus
            body = body.dropFirst()
        }
        let integer = body.prefix { $0 != "." }
        let rest = body.dropFirst(integer.count)
        var grouped = ""
        for (index, digit) in integer.enumerated() {
            if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return sign + grouped + rest
    }

    /// Whether formatted digits are all zeros (`0.00`), so the value shows no sign.
    private static func isZero(_ text: String) -> Bool { !text.contains { $0 != "0" && $0 != "." } }
}

/// A market's money as readers see it (`$207.0B`, `€5.2M`, `−$3.0B`): its currency symbol and its
/// unit's suffix, formatted through ``ReaderNumbers/money(_:symbol:suffix:digits:)``.
struct MoneyFormat: Sendable {
    let symbol: String
    let suffix: String

    init(market: Market) {
        switch market.currency {
        case "USD": symbol = "$"
        case "EUR": symbol = "€"
        case "GBP": symbol = "£"
        case "JPY": symbol = "¥"
        default: symbol = market.currency + " "
        }
        suffix = market.unit.suffix
    }

    func callAsFunction(_ value: Double, digits: Int = 1) -> String {
        ReaderNumbers.money(value, symbol: symbol, suffix: suffix, digits: digits)
    }
}

/// How values read on axes, in legends and in the data table.
///
/// An enum rather than a closure so options stay `Hashable` and `Sendable`, and so tick labels can take
/// their own number of decimals from the tick step (a `$50B` step needs none even when the table shows
/// `$207.3B`).
package enum ValueFormat: Sendable, Hashable {
    /// Money in the market's unit: `$207B`, `−$12.5B` (symbol before, unit suffix after).
    case money(symbol: String, suffix: String, decimals: Int = 1)
    /// Fractions shown as percent: 0.253 → `25.3%`.
    case percent(decimals: Int = 1)
    /// The number itself: `1.25`.
    case plain(decimals: Int = 2)

    /// A value in the data table and in tooltips, with the format's own decimals; NaN and infinities
    /// read `n/a`.
    func string(_ value: Double) -> String {
        switch self {
        case .money(_, _, let decimals), .percent(let decimals), .plain(let decimals):
            return string(value, decimals: decimals)
        }
    }

    /// A tick label: just enough decimals to tell ticks `step` apart (`0`, `20%`, `$0.5B`).
    func tickLabel(_ value: Double, scale: NiceScale) -> String {
        let shift: Int
        if case .percent = self { shift = 2 } else { shift = 0 }
        return string(value, decimals: max(0, -(scale.exponent + shift)))
    }

    private func string(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "n/a" }
        switch self {
        case .money(let symbol, let suffix, _):
            let digits = SVGWriter.fixed(abs(value), decimals: decimals)
            let negative = value < 0 && digits.contains(where: { $0 != "0" && $0 != "." })
            return (negative ? Self.minus : "") + symbol + digits + suffix
        case .percent:
            return Self.readerMinus(SVGWriter.fixed(value * 100, decimals: decimals)) + "%"
        case .plain:
            return Self.readerMinus(SVGWriter.fixed(value, decimals: decimals))
        }
    }

    /// U+2212: labels are read by people, so a negative reads `−$12.5B`, as in the briefing's
    /// text (docs/templates.md, "Minus signs"); coordinates keep ASCII `-`.
    static let minus = "\u{2212}"

    private static func readerMinus(_ text: String) -> String {
        text.hasPrefix("-") ? minus + text.dropFirst() : text
    }
}

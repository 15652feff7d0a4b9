import Foundation

/// How numbers read in diagnostics and which cell texts count as numbers: locale-independent, and
/// precise enough that a value never prints as the limit it breaks.
extension LoadContext {
    /// `207`, `-3.5`, `1.2e3`: what a CSV cell may write. `Double` also reads `0x1p3`, `nan`,
    /// `infinity`, which no spreadsheet writes and no analyst means.
    static func isDecimalNumber(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        func digits() -> Int {
            var count = 0
            while let first = scalars.first, ("0"..."9").contains(first) {
                scalars.removeFirst()
                count += 1
            }
            return count
        }
        if let sign = scalars.first, sign == "-" || sign == "+" { scalars.removeFirst() }
        var mantissa = digits()
        if scalars.first == "." {
            scalars.removeFirst()
            mantissa += digits()
        }
        guard mantissa > 0 else { return false }
        if let e = scalars.first, e == "e" || e == "E" {
            scalars.removeFirst()
            if let sign = scalars.first, sign == "-" || sign == "+" { scalars.removeFirst() }
            guard digits() > 0 else { return false }
        }
        return scalars.isEmpty
    }

    /// `97.0%`: one decimal, as analysts read shares; more when one decimal would not show how
    /// the value differs from `target` (`100.05%` against 100%).
    static func percentText(_ value: Double, differingFrom target: Double? = nil) -> String {
        var digits = 1
        while let target, value != target, digits < 15, fixed(value, digits) == fixed(target, digits) { digits += 1 }
        return fixed(value, digits) + "%"
    }

    /// A number for messages, locale-independent: at most six decimals, trailing zeros trimmed
    /// (`0.9`, `-1`, `1.00001`). With `target`, as many more decimals as it takes to differ from
    /// it (a sum just off 100 does not print as 100).
    static func number(_ value: Double, differingFrom target: Double? = nil) -> String {
        guard value.isFinite else { return String(value) }
        // Huge values in exponent form (`1e+300`), not three hundred digits.
        if abs(value) >= 1e15 { return String(format: "%g", value) }
        var digits = 6
        while let target, value != target, digits < 17, trimmed(value, digits) == trimmed(target, digits) { digits += 1 }
        if let target, value != target, trimmed(value, digits) == trimmed(target, digits) { return String(value) }
        return trimmed(value, digits)
    }

    private static func fixed(_ value: Double, _ digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        // -0.0 and values that round to zero print without a sign.
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(text.dropFirst()) }
        return text
    }

    private static func trimmed(_ value: Double, _ digits: Int) -> String {
        var text = fixed(value, digits)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }
}

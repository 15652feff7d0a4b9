import Templating

/// The rules the unit filters (`pp`, `percent`, `money`) apply to their input before formatting
/// it, so that a value in the wrong unit fails the render (and `briefing check`) at the filter's
/// place instead of printing a figure a hundred times too large (docs/templates.md, "Units").
///
/// Every share, probability, growth rate and change of one in the template context is a
/// fraction. A fraction's change cannot pass 1 (100 points), so `pp` refuses |x| > 1: such an
/// input is a value already in points (the `−69.8 pp` that should read `−0.7 pp`). A growth rate
/// can pass 100%, so `percent` only refuses |x| > 10 (above 1,000%), where the value is almost
/// surely already in percent. A points value under the bounds (0.7 for 0.7 pp) cannot be told
/// from a fraction by its size; the context's names say the unit, and `check` flags the
/// deprecated names that were in points (``DeprecatedContextNames``). Money has no natural scale,
/// so `money` only refuses what no amount is (infinities, not-a-number).
enum UnitPlausibility {
    /// The largest |fraction| `pp` formats: a change of a share or probability (1 is 100 points).
    static let largestPointsFraction = 1.0
    /// The largest |fraction| `percent` formats: 10 is 1,000%.
    static let largestPercentFraction = 10.0

    /// `value` when it can be a difference of fractions; otherwise an error that says why.
    static func pointsFraction(_ value: Double) throws -> Double {
        try finite(value, "a difference of fractions")
        guard abs(value) <= largestPointsFraction + 1e-9 else {
            throw FilterError(
                "expects a difference of fractions (0.012 prints +1.2 pp), got \(text(value)), which would print "
                    + "\(ReaderNumbers.percentagePoints(value)): a share or probability cannot move by more than 100 points, "
                    + "so the value is already in percentage points; pipe the fraction itself (`share_change`, not "
                    + "`share_change_pp` or a value × 100)",
                kind: .type)
        }
        return value
    }

    /// `value` when it can be a fraction shown as a percentage; otherwise an error that says why.
    static func percentFraction(_ value: Double) throws -> Double {
        try finite(value, "a fraction")
        guard abs(value) <= largestPercentFraction + 1e-9 else {
            throw FilterError(
                "expects a fraction (0.253 prints 25.3%), got \(text(value)), which would print \(ReaderNumbers.percent(value)): "
                    + "a value above 10 (1,000%) is already in percent; pipe the fraction itself, not a value × 100",
                kind: .type)
        }
        return value
    }

    /// `value` when it is an amount at all (finite).
    static func amount(_ value: Double) throws -> Double {
        try finite(value, "an amount in the market's unit")
        return value
    }

    private static func finite(_ value: Double, _ what: String) throws {
        guard value.isFinite else { throw FilterError("expects \(what), got \(value.isNaN ? "nan" : value < 0 ? "-inf" : "inf")", kind: .type) }
    }

    /// The input as the template author wrote or computed it, without rounding away the evidence.
    private static func text(_ value: Double) -> String {
        let rounded = Value.fixed(value, digits: 4)
        var trimmed = Substring(rounded)
        while trimmed.contains("."), trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}

import Foundation

/// How big a projected figure's move is, in the reader's terms: money (the market's unit) for
/// revenue and market size, percentage points for a share, places for a rank. Changes and
/// takeaways are ordered by `score`, the move in multiples of its floor (`thresholds.revenue_abs`
/// for money, `thresholds.share_pp` for a share, one place for a rank), so that a $11.9B market
/// move comes before a $0.3B vendor one whatever their percentages.
package struct Impact: Sendable, Equatable {
    package enum Unit: String, Sendable { case money, pp, places }

    /// Signed: an amount in the market's unit, percentage points, or places gained (positive is up).
    package var value: Double
    package var unit: Unit
    package var score: Double
    /// The lead figure as printed (`+$2.5B`, `−0.7 pp`, `+1 place`).
    package var figure: String
    /// The move in a few words for a line of several (`Google TPU +$2.5B`, `Nvidia −0.7 pp to 63.1%`).
    var compact: String
    /// What moved and where it stands, without the figure (`Google TPU's weighted 2030 revenue, now
    /// $66.4B`): the takeaway's text after its bold figure.
    var lead: String
    /// The move as the start of a sentence a reader can quote (`Google TPU's weighted 2030 revenue
    /// rose $2.5B to $66.4B`).
    var quotable: String

    /// A money move; with no floor (`revenue_abs: 0`) amounts are scored in the market's unit.
    static func money(_ amount: Double, floor: Double, figure: String, compact: String, lead: String, quotable: String) -> Impact {
        Impact(value: amount, unit: .money, score: abs(amount) / (floor > 0 ? floor : 1), figure: figure, compact: compact, lead: lead,
               quotable: quotable)
    }
}

/// An edit (or a set of edits treated as one) that a move is credited to, with the part of the
/// move that putting it back alone undoes.
struct Cause: Sendable, Equatable {
    /// Stable identity for grouping: `probabilities:<market>`, `assumptions:<scenario>`,
    /// `added:<scenario>`, `dropped:<scenario>`, `history:<market>`.
    var key: String
    /// The edit as a clause (`the Base case scenario's CAGR was raised from 18.0% to 19.0%`).
    var text: String
    /// The same edit worded around the moved vendor's own target, when it has one.
    var focusedText: String
    /// The metric's move this edit accounts for, in the metric's raw unit (money or a fraction).
    var effect: Double
}

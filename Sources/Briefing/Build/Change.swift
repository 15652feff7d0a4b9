import Foundation

/// One thing that changed since the previous briefing, as a sentence for readers.
package struct Change: Sendable, Encodable, Equatable {
    package enum Kind: String, Sendable, Encodable {
        case scenarioAdded = "scenario_added", scenarioRemoved = "scenario_removed"
        case vendorAdded = "vendor_added", vendorRemoved = "vendor_removed"
        case probability, assumption, marketSize = "market_size", share, revenue, rank, narrative
        /// A revision of a market's history (any year, any vendor, vendors added or dropped).
        case history
        /// The team's stance on a vendor.
        case stance
        /// A smaller change (a name, ticker, kind, colour, source, event, text…): `sentence` is a
        /// short phrase, listed with the others on one "smaller changes" line.
        case detail
    }

    package var kind: Kind
    package var market: String?
    package var sentence: String
    /// How big the change is relative to its reporting threshold (≥ 1 was worth reporting);
    /// changes are listed largest first.
    package var magnitude: Double
    /// The workspace files the change was found in (for the backstop that names every other edit).
    var subject: String?
    /// For a projected figure's move (market size, revenue, share, rank): how big it is in the
    /// reader's terms, which orders the briefing's changes and takeaways.
    public var impact: Impact?
    /// The edits the move is credited to, largest effect first (see ``Attribution``).
    var causes: [Cause] = []
    /// What each cause accounts for, formatted like the move (`+$9.0B`), parallel to `causes`.
    var causeEffects: [String] = []
    /// The position of the change's market in the workspace and of its vendor in the market (−1
    /// for the market itself), which break ties of impact.
    var marketOrder = Int.max
    var vendorOrder = -1

    enum CodingKeys: String, CodingKey { case kind, market, sentence, magnitude }

    init(kind: Kind, market: String?, sentence: String, magnitude: Double, subject: String? = nil) {
        self.kind = kind
        self.market = market
        self.sentence = sentence
        self.magnitude = magnitude
        self.subject = subject
    }

    /// The key changes are listed by: market additions and removals first, then figure moves by
    /// impact, then every other change by its size relative to its threshold; ties by market
    /// order, then vendor order.
    var tier: Int {
        switch kind {
        case .scenarioAdded, .scenarioRemoved: return market != nil && subject?.hasPrefix("market:") == true ? 0 : 2
        default: return impact == nil ? 2 : 1
        }
    }

    /// The size that orders changes of one tier: the impact's score for a figure move, the
    /// magnitude otherwise.
    var materiality: Double { impact?.score ?? magnitude }

    /// Whether `self` is listed before `other` (see ``tier``).
    func precedes(_ other: Change) -> Bool {
        if tier != other.tier { return tier < other.tier }
        let (a, b) = (Change.clean(materiality), Change.clean(other.materiality))
        if a != b { return a > b }
        if marketOrder != other.marketOrder { return marketOrder < other.marketOrder }
        return vendorOrder < other.vendorOrder
    }

    /// Whether the change reached its threshold. A tolerance of 10⁻⁹ keeps a move of exactly the
    /// threshold (0.30 − 0.25 is 0.0499999… in binary) on the reported side.
    package var isReportable: Bool { magnitude >= 1 - Change.tolerance }

    /// A smaller change, listed on the compact line rather than as a sentence.
    package var isDetail: Bool { kind == .detail }

    static let tolerance = 1e-9

    /// Differences rounded to 10⁻⁹, so 0.30 − 0.25 counts as the 5 pp it was written as.
    static func clean(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }

    /// `value` reaches `threshold` (with the same tolerance).
    static func reaches(_ value: Double, _ threshold: Double) -> Bool { abs(value) >= threshold - tolerance }
}

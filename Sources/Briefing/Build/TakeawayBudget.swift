import Foundation

/// Chooses the briefing's takeaways within a budget (`defaults.takeaways`, 5 unless set):
///
/// 1. every high-importance event of the period is kept (beyond the budget if need be);
/// 2. each market with a material change gets its most material line, markets in the order of
///    those lines, while the budget lasts;
/// 3. the remaining slots take the next most material lines;
/// 4. slots still free take the outlook (each market's weighted size, then its leader).
///
/// No two takeaways come from the same cause (an edit credited on one line is not the lead of
/// another), and lines about narratives are left to "what changed". Takeaways are listed change
/// lines first (most material first), then the outlook, then the events.
struct TakeawayBudget {
    var budget: Int
    /// "What changed" lines, most material first.
    var lines: [ChangeLine]
    /// Outlook takeaways, in market order.
    var outlook: [WeeklyContext.Takeaway]
    /// High-importance events of the period, as takeaways.
    var events: [WeeklyContext.Takeaway]

    func pick() -> [WeeklyContext.Takeaway] {
        var slots = max(0, budget - events.count)
        var chosen: [Int] = []
        var used: Set<String> = []
        let candidates = lines.indices.filter { Self.isTakeaway(lines[$0]) }
        func take(_ index: Int) -> Bool {
            guard slots > 0, !chosen.contains(index), lines[index].causeKeys.isDisjoint(with: used) else { return false }
            chosen.append(index)
            used.formUnion(lines[index].causeKeys)
            slots -= 1
            return true
        }
        var covered: Set<String> = []
        for index in candidates {
            guard let market = lines[index].lead.market, !covered.contains(market) else { continue }
            if take(index) { covered.insert(market) }
        }
        for index in candidates { _ = take(index) }
        let changeItems = chosen.sorted().map { WeeklyContext.Takeaway(text: lines[$0].takeawayText, figure: lines[$0].figure) }
        return changeItems + outlook.prefix(slots) + events
    }

    /// Whether a line may lead the briefing: figure moves and edits to the projections, stances,
    /// markets and scenarios, not narrative edits.
    static func isTakeaway(_ line: ChangeLine) -> Bool {
        guard line.lead.isReportable else { return false }
        switch line.kind {
        case .narrative, .detail: return false
        case .vendorAdded, .vendorRemoved: return line.lead.market != nil
        default: return true
        }
    }
}

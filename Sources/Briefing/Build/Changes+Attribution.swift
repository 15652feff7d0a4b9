import Foundation
import Projections
import Workspace

/// Finds which edited inputs moved a projected figure, by putting each edit back one at a time
/// and recomputing the weighted view. Both snapshots are projected over the vendors of either (a
/// vendor a snapshot lacks has no share in it, which projects the same), so a vendor added or
/// dropped in the same period does not hide the history revision and target cuts that came with it.
struct Attribution {
    enum Metric: Equatable {
        case marketSize
        case share(String)
        case revenue(String)
        /// A vendor's rank in weighted revenue: an edit is a cause when putting it back alone
        /// moves the rank (a vendor passed by another moves without any edit of its own).
        case rank(String)

        var vendorID: String? {
            switch self {
            case .marketSize: return nil
            case .share(let id), .revenue(let id), .rank(let id): return id
            }
        }
    }

    let before: MarketSnapshot
    let after: MarketSnapshot
    let names: [String: String]
    /// What changed in the market's history as ``ChangeFinder`` words it, to name that cause by.
    var historyText: String? = nil

    /// The vendors of either snapshot: this period's order, then the dropped ones.
    private var vendors: [String] { after.vendorIDs + before.vendorIDs.filter { !after.vendorIDs.contains($0) } }

    /// The snapshot's projection problem over `vendors`.
    private func problem(_ market: MarketSnapshot) -> ProjectionProblem {
        let vendors = self.vendors
        let base = Dictionary(zip(market.vendorIDs, market.baseShares).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        var problem = ProjectionProblem(
            market: MarketInput(id: market.id, baseYear: market.baseYear, baseSize: market.baseSize, vendorIDs: vendors,
                                baseShares: vendors.map { base[$0] ?? 0 }),
            scenarios: market.scenarios.map(\.input))
        for (k, scenario) in market.scenarios.enumerated() {
            let targets = Dictionary(zip(market.vendorIDs, scenario.targetShares).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
            problem.scenarios[k].targetShares = vendors.map { targets[$0] ?? 0 }
        }
        return problem
    }

    /// A cause is credited with a move when putting it back alone undoes at least this part of
    /// what the largest single cause undoes: smaller contributions are noise for the reader.
    static let creditShare = 0.2

    /// " after …" naming every cause, largest effect first (each with its effect, formatted by
    /// `effect`, when there are several), or "" when none can be singled out.
    static func reason(_ causes: [Cause], effect: (Double) -> String) -> String {
        guard !causes.isEmpty else { return "" }
        if causes.count == 1 { return " after " + causes[0].focusedText }
        return " after " + ChangeFinder.list(causes.map { withEffect($0.focusedText, effect($0.effect)) })
    }

    /// `text (effect)`, or the effect added inside a closing parenthesis the text already has
    /// (`… (Base case 50% → 45%; −0.6 pp)`).
    static func withEffect(_ text: String, _ effect: String) -> String {
        text.hasSuffix(")") ? String(text.dropLast()) + "; \(effect))" : "\(text) (\(effect))"
    }

    /// The probability edits of a market as one clause: the largest move first ("the Merchant
    /// scenario's probability rose from 25% to 30%"), the others after it in parentheses
    /// ("(Base case 50% → 45%)").
    static func probabilityText(_ moved: [(old: ScenarioSnapshot, new: ScenarioSnapshot)]) -> String {
        let ordered = moved.enumerated().sorted { a, b in
            let (x, y) = (Change.clean(abs(a.element.new.probability - a.element.old.probability)), Change.clean(abs(b.element.new.probability - b.element.old.probability)))
            if x != y { return x > y }
            let (riseA, riseB) = (a.element.new.probability > a.element.old.probability, b.element.new.probability > b.element.old.probability)
            return riseA != riseB ? riseA : a.offset < b.offset
        }.map(\.element)
        guard let first = ordered.first else { return "" }
        var text = "the \(first.new.name) scenario's probability \(first.new.probability > first.old.probability ? "rose" : "fell") from "
            + "\(ChangeFinder.percent(first.old.probability, digits: 0)) to \(ChangeFinder.percent(first.new.probability, digits: 0))"
        let others = ordered.dropFirst().map { "\($0.new.name) \(ChangeFinder.percent($0.old.probability, digits: 0)) → \(ChangeFinder.percent($0.new.probability, digits: 0))" }
        if !others.isEmpty { text += " (\(others.joined(separator: ", ")))" }
        return text
    }

    /// Each edit whose reversal alone moves `metric` by a visible part of the largest such move,
    /// with the move it accounts for, largest first. A market's probability edits are one cause
    /// (they must sum to one, so no single one can be put back alone).
    func causes(for metric: Metric) -> [Cause] {
        let current = problem(after)
        let old = problem(before)
        let vendors = self.vendors
        guard let horizon = after.weighted.last?.year else { return [] }
        func value(_ problem: ProjectionProblem) -> Double? {
            guard problem.commonYears.upperBound >= horizon, problem.market.baseYear <= horizon else { return nil }
            let weighted = Projection.weighted(Projection.project(problem), years: horizon...horizon, vendorCount: vendors.count)
            guard weighted.marketSize.count == 1 else { return nil }
            switch metric {
            case .marketSize: return weighted.marketSize[0]
            case .share(let id): return vendors.firstIndex(of: id).map { weighted.shares[0][$0] }
            case .revenue(let id): return vendors.firstIndex(of: id).map { weighted.revenue[0][$0] }
            case .rank(let id): return vendors.firstIndex(of: id).map { Double(Projection.rank(weighted.revenue[0])[$0]) }
            }
        }
        guard let now = value(current) else { return [] }
        var candidates: [Cause] = []
        func consider(_ reverted: ProjectionProblem, key: String, _ text: @autoclosure () -> String, focused: (() -> String)? = nil) {
            if let v = value(reverted) {
                let text = text()
                candidates.append(Cause(key: key, text: text, focusedText: focused?() ?? text, effect: now - v))
            }
        }
        let oldByID = Dictionary(before.scenarios.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        // The probabilities of the scenarios both periods have, put back together and scaled to
        // their present total (scenarios added or dropped are causes of their own).
        let common = after.scenarios.indices.compactMap { k in oldByID[after.scenarios[k].id].map { (k: k, old: $0, new: after.scenarios[k]) } }
        let moved = common.filter { $0.old.probability != $0.new.probability }
        if !moved.isEmpty {
            let nowTotal = common.reduce(0) { $0 + $1.new.probability }
            let oldTotal = common.reduce(0) { $0 + $1.old.probability }
            if oldTotal > 0 {
                var reverted = current
                for item in common { reverted.scenarios[item.k].probability = item.old.probability * nowTotal / oldTotal }
                consider(reverted, key: "probabilities:\(after.id)", Self.probabilityText(moved.map { ($0.old, $0.new) }))
            }
        }
        for (k, scenario) in after.scenarios.enumerated() {
            guard let previous = oldByID[scenario.id], let oldIndex = before.scenarios.firstIndex(where: { $0.id == scenario.id }) else {
                // A new scenario: without it, the others share its probability.
                var reverted = current
                reverted.scenarios.remove(at: k)
                let rest = reverted.scenarios.reduce(0) { $0 + $1.probability }
                guard rest > 0 else { continue }
                for j in reverted.scenarios.indices { reverted.scenarios[j].probability /= rest }
                consider(reverted, key: "added:\(scenario.id)", "the \(scenario.name) scenario was added")
                continue
            }
            let oldInput = old.scenarios[oldIndex]
            var reverted = current
            reverted.scenarios[k].cagr = oldInput.cagr
            reverted.scenarios[k].growthByYear = oldInput.growthByYear
            reverted.scenarios[k].targetShares = oldInput.targetShares
            reverted.scenarios[k].curve = oldInput.curve
            reverted.scenarios[k].horizon = oldInput.horizon
            if reverted.scenarios[k] != current.scenarios[k] {
                func text(focus: String?) -> String {
                    let edits = ChangeFinder.assumptionEdits(previous, scenario, oldVendorIDs: before.vendorIDs, vendorIDs: after.vendorIDs, names: names,
                                                             focus: focus)
                    // Several edits: "the Base case scenario's assumptions were revised (CAGR was raised …; 2030 targets moved: …)".
                    let parts = edits.map { edit in edit.sentence.components(separatedBy: "scenario's ").dropFirst().joined(separator: "scenario's ") }
                    return edits.count == 1 ? edits[0].sentence : "the \(scenario.name) scenario's assumptions were revised (\(parts.joined(separator: "; ")))"
                }
                consider(reverted, key: "assumptions:\(scenario.id)", text(focus: nil), focused: { text(focus: metric.vendorID) })
            }
        }
        for (j, scenario) in before.scenarios.enumerated() where !after.scenarios.contains(where: { $0.id == scenario.id }) {
            // A dropped scenario: put it back with its old probability, the others scaled to make room.
            var reverted = current
            for i in reverted.scenarios.indices { reverted.scenarios[i].probability *= 1 - old.scenarios[j].probability }
            reverted.scenarios.append(old.scenarios[j])
            consider(reverted, key: "dropped:\(scenario.id)", "the \(scenario.name) scenario was dropped")
        }
        if current.market != old.market {
            var reverted = current
            reverted.market = old.market
            let added = after.vendorIDs.filter { !before.vendorIDs.contains($0) }.map { names[$0] ?? $0 }
            let dropped = before.vendorIDs.filter { !after.vendorIDs.contains($0) }.map { names[$0] ?? $0 }
            var text = "the market's \(after.baseYear) history was revised"
            if !added.isEmpty { text += " to include \(ChangeFinder.list(added))" }
            if !dropped.isEmpty { text += "\(added.isEmpty ? " to" : " and") leave out \(ChangeFinder.list(dropped))" }
            consider(reverted, key: "history:\(after.id)", historyText ?? text)
        }
        // Every edit that accounts for a visible part of the move, largest first.
        let largest = candidates.map { abs($0.effect) }.max() ?? 0
        guard largest > 1e-12 else { return [] }
        return candidates.enumerated()
            .filter { abs($0.element.effect) >= Self.creditShare * largest }
            .sorted { abs($0.element.effect) != abs($1.element.effect) ? abs($0.element.effect) > abs($1.element.effect) : $0.offset < $1.offset }
            .map(\.element)
    }
}

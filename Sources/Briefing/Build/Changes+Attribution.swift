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

        var vendorID: String? {
            switch self {
            case .marketSize: return nil
            case .share(let id), .revenue(let id): return id
            }
        }
    }

    let before: MarketSnapshot
    let after: MarketSnapshot
    let names: [String: String]

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

    /// " after …" naming every edit that moved `metric`, largest effect first (each with its effect,
    /// formatted by `effect`, when there are several), or "" when none can be singled out.
    func reason(for metric: Metric, effect: (Double) -> String) -> String {
        var causes = self.causes(for: metric)
        guard !causes.isEmpty else { return "" }
        // With several causes, one whose share of the move rounds to nothing as printed is left out.
        if causes.count > 1 {
            causes = causes.enumerated().filter { $0.offset == 0 || effect($0.element.effect).contains { ("1"..."9").contains($0) } }.map(\.element)
        }
        if causes.count == 1 { return " after " + causes[0].text }
        return " after " + ChangeFinder.list(causes.map { "\($0.text) (\(effect($0.effect)))" })
    }

    /// Each edit whose reversal alone moves `metric`, with the move it accounts for.
    func causes(for metric: Metric) -> [(effect: Double, text: String)] {
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
            }
        }
        guard let now = value(current) else { return [] }
        var candidates: [(effect: Double, text: String)] = []
        func consider(_ reverted: ProjectionProblem, _ text: @autoclosure () -> String) {
            if let v = value(reverted) { candidates.append((now - v, text())) }
        }
        let oldByID = Dictionary(before.scenarios.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for (k, scenario) in after.scenarios.enumerated() {
            guard let previous = oldByID[scenario.id], let oldIndex = before.scenarios.firstIndex(where: { $0.id == scenario.id }) else {
                // A new scenario: without it, the others share its probability.
                var reverted = current
                reverted.scenarios.remove(at: k)
                let rest = reverted.scenarios.reduce(0) { $0 + $1.probability }
                guard rest > 0 else { continue }
                for j in reverted.scenarios.indices { reverted.scenarios[j].probability /= rest }
                consider(reverted, "the \(scenario.name) scenario was added")
                continue
            }
            let oldInput = old.scenarios[oldIndex]
            if previous.probability != scenario.probability {
                // Reverting one probability alone breaks the sum; rescale the others as the tornado does.
                consider(Sensitivity.withProbability(current, k, oldInput.probability),
                         "the \(scenario.name) scenario's probability \(scenario.probability > previous.probability ? "rose" : "fell") from \(ChangeFinder.percent(previous.probability, digits: 0)) to \(ChangeFinder.percent(scenario.probability, digits: 0))")
            }
            var reverted = current
            reverted.scenarios[k].cagr = oldInput.cagr
            reverted.scenarios[k].growthByYear = oldInput.growthByYear
            reverted.scenarios[k].targetShares = oldInput.targetShares
            reverted.scenarios[k].curve = oldInput.curve
            reverted.scenarios[k].horizon = oldInput.horizon
            if reverted.scenarios[k] != current.scenarios[k] {
                let edits = ChangeFinder.assumptionEdits(previous, scenario, oldVendorIDs: before.vendorIDs, vendorIDs: after.vendorIDs, names: names,
                                                         focus: metric.vendorID)
                consider(reverted, edits.count == 1 ? edits[0].sentence : "the \(scenario.name) scenario's assumptions were revised (\(ChangeFinder.list(edits.map { edit in String(edit.sentence.drop { $0 != "'" }.dropFirst(2)) })))")
            }
        }
        for (j, scenario) in before.scenarios.enumerated() where !after.scenarios.contains(where: { $0.id == scenario.id }) {
            // A dropped scenario: put it back with its old probability, the others scaled to make room.
            var reverted = current
            for i in reverted.scenarios.indices { reverted.scenarios[i].probability *= 1 - old.scenarios[j].probability }
            reverted.scenarios.append(old.scenarios[j])
            consider(reverted, "the \(scenario.name) scenario was dropped")
        }
        if current.market != old.market {
            var reverted = current
            reverted.market = old.market
            let added = after.vendorIDs.filter { !before.vendorIDs.contains($0) }.map { names[$0] ?? $0 }
            let dropped = before.vendorIDs.filter { !after.vendorIDs.contains($0) }.map { names[$0] ?? $0 }
            var text = "the market's \(after.baseYear) history was revised"
            if !added.isEmpty { text += " to include \(ChangeFinder.list(added))" }
            if !dropped.isEmpty { text += "\(added.isEmpty ? " to" : " and") leave out \(ChangeFinder.list(dropped))" }
            consider(reverted, text)
        }
        // Every edit that accounts for a visible part of the move, largest first.
        let largest = candidates.map { abs($0.effect) }.max() ?? 0
        guard largest > 1e-12 else { return [] }
        return candidates.enumerated()
            .filter { abs($0.element.effect) >= 0.02 * largest }
            .sorted { abs($0.element.effect) != abs($1.element.effect) ? abs($0.element.effect) > abs($1.element.effect) : $0.offset < $1.offset }
            .map(\.element)
    }
}

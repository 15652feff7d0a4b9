import Foundation
import Projections
import Workspace

/// One thing that changed since the previous briefing, as a sentence for readers.
public struct Change: Sendable, Encodable, Equatable {
    public enum Kind: String, Sendable, Encodable {
        case scenarioAdded = "scenario_added", scenarioRemoved = "scenario_removed"
        case vendorAdded = "vendor_added", vendorRemoved = "vendor_removed"
        case probability, assumption, marketSize = "market_size", share, revenue, rank, narrative
    }

    public var kind: Kind
    public var market: String?
    public var sentence: String
    /// How big the change is relative to its reporting threshold (≥ 1 was worth reporting);
    /// changes are listed largest first.
    public var magnitude: Double

    /// Whether the change reached its threshold. A tolerance of 10⁻⁹ keeps a move of exactly the
    /// threshold (0.30 − 0.25 is 0.0499999… in binary) on the reported side.
    public var isReportable: Bool { magnitude >= 1 - Change.tolerance }

    static let tolerance = 1e-9

    /// Differences rounded to 10⁻⁹, so 0.30 − 0.25 counts as the 5 pp it was written as.
    static func clean(_ value: Double) -> Double { (value * 1e9).rounded() / 1e9 }

    /// `value` reaches `threshold` (with the same tolerance).
    static func reaches(_ value: Double, _ threshold: Double) -> Bool { abs(value) >= threshold - tolerance }
}

/// Compares this period's figures and inputs with the previous snapshot.
struct ChangeFinder {
    let previous: Snapshot
    let current: Snapshot
    let thresholds: WorkspaceConfig.Thresholds
    /// Market id → formatter for its money amounts (`$12.3B`).
    let money: [String: (Double) -> String]
    let vendorNames: [String: String]

    func changes() -> [Change] {
        var found: [Change] = []
        let previousMarkets = Dictionary(uniqueKeysWithValues: previous.markets.map { ($0.id, $0) })
        for market in current.markets {
            guard let before = previousMarkets[market.id] else {
                found.append(Change(kind: .scenarioAdded, market: market.id, sentence: "The \(market.name) market is new in this briefing.", magnitude: 100))
                continue
            }
            found += marketChanges(before, market)
        }
        for market in previous.markets where !current.markets.contains(where: { $0.id == market.id }) {
            found.append(Change(kind: .scenarioRemoved, market: market.id, sentence: "The \(market.name) market is no longer covered.", magnitude: 100))
        }
        found += narrativeChanges()
        // Largest first; equal sizes keep the order they were found in.
        return found.enumerated().sorted { $0.element.magnitude != $1.element.magnitude ? $0.element.magnitude > $1.element.magnitude : $0.offset < $1.offset }
            .map(\.element)
    }

    private func name(_ vendorID: String) -> String { vendorNames[vendorID] ?? vendorID }

    private func marketChanges(_ before: MarketSnapshot, _ after: MarketSnapshot) -> [Change] {
        var found: [Change] = []
        let format = money[after.id] ?? { String(format: "%.1f", $0) }
        let oldScenarios = Dictionary(uniqueKeysWithValues: before.scenarios.map { ($0.id, $0) })
        for scenario in after.scenarios where oldScenarios[scenario.id] == nil {
            found.append(Change(kind: .scenarioAdded, market: after.id,
                                sentence: "New scenario: \(scenario.name), with probability \(Self.percent(scenario.probability, digits: 0)).", magnitude: 50))
        }
        for scenario in before.scenarios where !after.scenarios.contains(where: { $0.id == scenario.id }) {
            found.append(Change(kind: .scenarioRemoved, market: after.id, sentence: "The \(scenario.name) scenario was dropped.", magnitude: 50))
        }
        for vendor in after.vendorIDs where !before.vendorIDs.contains(vendor) {
            found.append(Change(kind: .vendorAdded, market: after.id, sentence: "\(name(vendor)) is now tracked in \(after.name).", magnitude: 50))
        }
        for vendor in before.vendorIDs where !after.vendorIDs.contains(vendor) {
            found.append(Change(kind: .vendorRemoved, market: after.id, sentence: "\(name(vendor)) is no longer tracked in \(after.name).", magnitude: 50))
        }
        // Assumptions, scenario by scenario.
        for scenario in after.scenarios {
            guard let old = oldScenarios[scenario.id] else { continue }
            let delta = Change.clean((scenario.probability - old.probability) * 100)
            if delta != 0 {
                found.append(Change(
                    kind: .probability, market: after.id,
                    sentence: "The \(scenario.name) scenario's probability \(delta > 0 ? "rose" : "fell") from \(Self.percent(old.probability, digits: 0)) to \(Self.percent(scenario.probability, digits: 0)).",
                    magnitude: abs(delta) / max(thresholds.probabilityPP, 1e-9)))
            }
            for edit in Self.assumptionEdits(old, scenario, vendorIDs: after.vendorIDs, names: vendorNames) {
                found.append(Change(kind: .assumption, market: after.id, sentence: edit.sentence.prefix(1).uppercased() + edit.sentence.dropFirst() + ".", magnitude: edit.size))
            }
        }
        // Projected figures at the horizon both briefings reach.
        guard let horizon = after.weighted.last?.year, let now = after.weighted.last,
            let then = before.weighted.first(where: { $0.year == horizon })
        else { return found }
        let attribution = Attribution(before: before, after: after, names: vendorNames)
        let sizeChange = now.marketSize - then.marketSize
        let sizePercent = then.marketSize > 0 ? Change.clean(sizeChange / then.marketSize * 100) : 0
        if Change.reaches(sizePercent, thresholds.marketSizePercent) {
            found.append(Change(
                kind: .marketSize, market: after.id,
                sentence: "Weighted \(horizon) market size \(Self.signedMoney(sizeChange, format)) (\(Self.signed(sizePercent, digits: 1))%) to \(format(now.marketSize))\(attribution.reason(for: .marketSize)).",
                magnitude: abs(sizePercent) / max(thresholds.marketSizePercent, 1e-9)))
        }
        for vendor in after.vendorIDs {
            guard let a = now.vendors[vendor], let b = then.vendors[vendor] else { continue }
            let pp = Change.clean((a.share - b.share) * 100)
            if Change.reaches(pp, thresholds.sharePP) {
                found.append(Change(
                    kind: .share, market: after.id,
                    sentence: "Weighted \(horizon) \(name(vendor)) share \(Self.signed(pp, digits: 1)) pp to \(Self.percent(a.share, digits: 1))\(attribution.reason(for: .share(vendor))).",
                    magnitude: abs(pp) / max(thresholds.sharePP, 1e-9)))
            } else if b.revenue > 0 {
                let percent = Change.clean((a.revenue - b.revenue) / b.revenue * 100)
                if Change.reaches(percent, thresholds.marketSizePercent) {
                    found.append(Change(
                        kind: .revenue, market: after.id,
                        sentence: "Weighted \(horizon) \(name(vendor)) revenue \(Self.signedMoney(a.revenue - b.revenue, format)) (\(Self.signed(percent, digits: 1))%) to \(format(a.revenue))\(attribution.reason(for: .revenue(vendor))).",
                        magnitude: abs(percent) / max(thresholds.marketSizePercent, 1e-9)))
                }
            }
            if a.rank != b.rank {
                found.append(Change(
                    kind: .rank, market: after.id,
                    sentence: "\(name(vendor)) moved from \(Self.ordinal(b.rank)) to \(Self.ordinal(a.rank)) in weighted \(horizon) revenue.",
                    magnitude: 1 + 0.1 * Double(abs(a.rank - b.rank))))
            }
        }
        return found
    }

    private func narrativeChanges() -> [Change] {
        let before = Dictionary(uniqueKeysWithValues: previous.vendors.map { ($0.id, $0) })
        var found: [Change] = []
        for vendor in current.vendors {
            guard let old = before[vendor.id] else {
                found.append(Change(kind: .vendorAdded, market: nil, sentence: "New vendor narrative: \(vendor.name).", magnitude: 0.5))
                continue
            }
            // Snapshots keep sections by key, so they are listed by key: stable across runs.
            let keys = Set(old.sections.keys).union(vendor.sections.keys).sorted()
            let edited = keys.filter { old.sections[$0] != vendor.sections[$0] }
            guard !edited.isEmpty else { continue }
            let titles = edited.map { Self.sectionTitle($0) + (vendor.sections[$0] == nil ? " (removed)" : old.sections[$0] == nil ? " (new)" : "") }
            found.append(Change(
                kind: .narrative, market: nil,
                sentence: "The \(vendor.name) narrative changed: \(Self.list(titles)).", magnitude: 0.5))
        }
        return found
    }

    /// What changed in one scenario's assumptions, each with a size relative to its threshold.
    /// `focus`: a vendor whose own target move, when it changed, is named instead of the largest one.
    static func assumptionEdits(
        _ old: ScenarioSnapshot, _ new: ScenarioSnapshot, vendorIDs: [String], names: [String: String], focus: String? = nil
    ) -> [(sentence: String, size: Double)] {
        var edits: [(String, Double)] = []
        if old.cagr != new.cagr {
            edits.append(("the \(new.name) scenario's CAGR was \(new.cagr > old.cagr ? "raised" : "cut") from \(percent(old.cagr, digits: 1)) to \(percent(new.cagr, digits: 1))",
                          abs(new.cagr - old.cagr) * 100))
        }
        for year in Set(old.growthByYear.keys).union(new.growthByYear.keys).sorted() where old.growthByYear[year] != new.growthByYear[year] {
            let from = old.growthByYear[year].map { signed($0 * 100, digits: 0) + "%" } ?? "the CAGR"
            let to = new.growthByYear[year].map { signed($0 * 100, digits: 0) + "%" } ?? "the CAGR"
            edits.append(("the \(new.name) scenario's \(year) growth changed from \(from) to \(to)",
                          abs((new.growthByYear[year] ?? new.cagr) - (old.growthByYear[year] ?? old.cagr)) * 100))
        }
        if old.targetShares.count == new.targetShares.count, old.targetShares != new.targetShares {
            var moves = zip(old.targetShares, new.targetShares).enumerated().filter { $0.element.0 != $0.element.1 }
                .sorted { abs($0.element.1 - $0.element.0) > abs($1.element.1 - $1.element.0) }
            if let focus, let own = moves.firstIndex(where: { $0.offset < vendorIDs.count && vendorIDs[$0.offset] == focus }) {
                moves.insert(moves.remove(at: own), at: 0)
            }
            if let largest = moves.first, largest.offset < vendorIDs.count {
                let vendor = names[vendorIDs[largest.offset]] ?? vendorIDs[largest.offset]
                let others = moves.count > 1 ? " (and \(moves.count - 1) other target\(moves.count > 2 ? "s" : ""))" : ""
                edits.append(("the \(new.name) scenario's \(new.horizon) target for \(vendor) moved from \(percent(largest.element.0, digits: 1)) to \(percent(largest.element.1, digits: 1))\(others)",
                              abs(largest.element.1 - largest.element.0) * 100))
            }
        }
        if old.curve != new.curve || old.midpoint != new.midpoint || old.steepness != new.steepness {
            edits.append(("the \(new.name) scenario's share curve changed", 1))
        }
        if old.horizon != new.horizon {
            edits.append(("the \(new.name) scenario's horizon moved from \(old.horizon) to \(new.horizon)", 1))
        }
        if old.cagrSigma != new.cagrSigma || old.shareLogSigma != new.shareLogSigma {
            edits.append(("the \(new.name) scenario's uncertainty was revised", 0.5))
        }
        return edits
    }

    // MARK: - Wording

    static func percent(_ fraction: Double, digits: Int) -> String { String(format: "%.\(digits)f%%", fraction * 100) }

    static func signed(_ value: Double, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", abs(value))
        if text.allSatisfy({ $0 == "0" || $0 == "." }) { return text }
        return (value < 0 ? "\u{2212}" : "+") + text
    }

    static func signedMoney(_ value: Double, _ format: (Double) -> String) -> String {
        (value < 0 ? "\u{2212}" : "+") + format(abs(value))
    }

    static func ordinal(_ n: Int) -> String {
        let suffix = (n % 100 >= 11 && n % 100 <= 13) ? "th" : ["th", "st", "nd", "rd", "th", "th", "th", "th", "th", "th"][n % 10]
        return "\(n)\(suffix)"
    }

    static func sectionTitle(_ key: String) -> String {
        key.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
    }

    static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

/// Finds which edited input moved a projected figure most, by putting each edit back one at a
/// time and recomputing the weighted view.
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

    func reason(for metric: Metric) -> String {
        let current = after.problem
        let old = before.problem
        guard current.market.vendorIDs == old.market.vendorIDs, let horizon = after.weighted.last?.year else { return "" }
        func value(_ problem: ProjectionProblem) -> Double? {
            let weighted = Projection.weighted(Projection.project(problem), years: horizon...horizon, vendorCount: problem.market.vendorIDs.count)
            guard weighted.marketSize.count == 1 else { return nil }
            switch metric {
            case .marketSize: return weighted.marketSize[0]
            case .share(let id): return current.market.vendorIDs.firstIndex(of: id).map { weighted.shares[0][$0] }
            case .revenue(let id): return current.market.vendorIDs.firstIndex(of: id).map { weighted.revenue[0][$0] }
            }
        }
        guard let now = value(current) else { return "" }
        var candidates: [(effect: Double, text: String)] = []
        let oldByID = Dictionary(uniqueKeysWithValues: before.scenarios.map { ($0.id, $0) })
        for (k, scenario) in after.scenarios.enumerated() {
            guard let previous = oldByID[scenario.id], let oldInput = old.scenarios.first(where: { $0.id == scenario.id }) else { continue }
            if previous.probability != scenario.probability {
                // Reverting one probability alone breaks the sum; rescale the others as the tornado does.
                let reverted = Sensitivity.withProbability(current, k, oldInput.probability)
                if let v = value(reverted) {
                    candidates.append((now - v, "the \(scenario.name) scenario's probability \(scenario.probability > previous.probability ? "rose" : "fell") from \(ChangeFinder.percent(previous.probability, digits: 0)) to \(ChangeFinder.percent(scenario.probability, digits: 0))"))
                }
            }
            var reverted = current
            var edited = false
            reverted.scenarios[k].cagr = oldInput.cagr
            reverted.scenarios[k].growthByYear = oldInput.growthByYear
            reverted.scenarios[k].targetShares = oldInput.targetShares
            reverted.scenarios[k].curve = oldInput.curve
            reverted.scenarios[k].horizon = oldInput.horizon
            edited = reverted.scenarios[k] != current.scenarios[k]
            if edited, let v = value(reverted) {
                let edits = ChangeFinder.assumptionEdits(previous, scenario, vendorIDs: after.vendorIDs, names: names, focus: metric.vendorID)
                let text = edits.count == 1 ? edits[0].sentence : "the \(scenario.name) scenario's assumptions were revised"
                candidates.append((now - v, text))
            }
        }
        if current.market != old.market {
            var reverted = current
            reverted.market = old.market
            if let v = value(reverted) { candidates.append((now - v, "the market's \(after.baseYear) history was revised")) }
        }
        guard let best = candidates.max(by: { abs($0.effect) < abs($1.effect) }), abs(best.effect) > 0 else { return "" }
        return " after " + best.text
    }
}

import Foundation
import Projections
import Workspace

/// What changed, in readers' words: the subject of a removed file, the edits to a scenario's
/// assumptions, and the number and list wording every change sentence uses.
extension ChangeFinder {
    /// The subject of a file that only the previous briefing had (its vendors, events and scenarios).
    static func subject(ofRemoved path: String, in snapshot: Snapshot) -> String? {
        let name = (path as NSString).lastPathComponent
        let stem = name.hasSuffix(".md") || name.hasSuffix(".yaml") ? (name as NSString).deletingPathExtension : name
        if path.hasPrefix("Data/vendors/") { return "vendor:\(stem)" }
        if path.hasPrefix("Data/events/") { return "event:\(stem)" }
        if path == "Data/sources.yaml" { return "sources" }
        for market in snapshot.markets {
            if let scenario = market.scenarios.first(where: { $0.details?["file"] == path }) { return "scenario:\(scenario.id)" }
        }
        return nil
    }

    /// What changed in one scenario's assumptions, each with a size relative to its threshold.
    /// Targets are compared vendor by vendor (`oldVendorIDs` and `vendorIDs` give the order of each
    /// snapshot's `targetShares`), so a vendor added or dropped in the same period is named too.
    /// `focus`: a vendor whose own target move is named first.
    static func assumptionEdits(
        _ old: ScenarioSnapshot, _ new: ScenarioSnapshot, oldVendorIDs: [String], vendorIDs: [String], names: [String: String],
        focus: String? = nil
    ) -> [(sentence: String, size: Double)] {
        var edits: [(String, Double)] = []
        /// Two percentages that differ, with as many digits as it takes to show that they do.
        func pair(_ a: Double, _ b: Double, digits: Int, signed isSigned: Bool = false) -> (String, String) {
            var digits = digits
            func text(_ v: Double) -> String { isSigned ? signed(v * 100, digits: digits) + "%" : percent(v, digits: digits) }
            while digits < 4, text(a) == text(b) { digits += 1 }
            return (text(a), text(b))
        }
        if old.cagr != new.cagr {
            let (from, to) = pair(old.cagr, new.cagr, digits: 1)
            edits.append(("the \(new.name) scenario's CAGR was \(new.cagr > old.cagr ? "raised" : "cut") from \(from) to \(to)",
                          abs(new.cagr - old.cagr) * 100))
        }
        for year in Set(old.growthByYear.keys).union(new.growthByYear.keys).sorted() where old.growthByYear[year] != new.growthByYear[year] {
            let (a, b) = pair(old.growthByYear[year] ?? 0, new.growthByYear[year] ?? 0, digits: 0, signed: true)
            let from = old.growthByYear[year] == nil ? "the CAGR" : a
            let to = new.growthByYear[year] == nil ? "the CAGR" : b
            edits.append(("the \(new.name) scenario's \(year) growth changed from \(from) to \(to)",
                          abs((new.growthByYear[year] ?? new.cagr) - (old.growthByYear[year] ?? old.cagr)) * 100))
        }
        let before = Dictionary(zip(oldVendorIDs, old.targetShares).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(zip(vendorIDs, new.targetShares).map { ($0, $1) }, uniquingKeysWith: { a, _ in a })
        // Largest move first; equal moves keep the market's vendor order.
        func move(_ id: String) -> Double { Change.clean(abs((after[id] ?? 0) - (before[id] ?? 0))) }
        var moves = (vendorIDs + oldVendorIDs.filter { !vendorIDs.contains($0) }).filter { before[$0] != after[$0] }
            .enumerated().sorted { move($0.element) != move($1.element) ? move($0.element) > move($1.element) : $0.offset < $1.offset }.map(\.element)
        if let focus, let own = moves.firstIndex(of: focus) { moves.insert(moves.remove(at: own), at: 0) }
        if !moves.isEmpty {
            func phrase(_ id: String) -> String {
                let vendor = names[id] ?? id
                switch (before[id], after[id]) {
                case (let a?, let b?):
                    let (from, to) = pair(a, b, digits: 1)
                    return "\(vendor) from \(from) to \(to)"
                case (nil, let b?): return "\(vendor) (new) at \(percent(b, digits: 1))"
                case (let a?, nil): return "\(vendor) (dropped) from \(percent(a, digits: 1))"
                case (nil, nil): return vendor
                }
            }
            let size = moves.map { abs((after[$0] ?? 0) - (before[$0] ?? 0)) * 100 }.max() ?? 0
            if moves.count == 1 || focus == moves[0], let a = before[moves[0]], let b = after[moves[0]] {
                // One move, or the focus vendor's own among several (a cause names that one).
                let (from, to) = pair(a, b, digits: 1)
                let others = moves.count > 1 ? " (and \(moves.count - 1) other target\(moves.count > 2 ? "s" : ""))" : ""
                edits.append(("the \(new.name) scenario's \(new.horizon) target for \(names[moves[0]] ?? moves[0]) moved from \(from) to \(to)\(others)", size))
            } else {
                edits.append(("the \(new.name) scenario's \(new.horizon) targets moved: \(list(moves.map(phrase)))", size))
            }
        }
        if old.curve != new.curve || old.midpoint != new.midpoint || old.steepness != new.steepness {
            func curve(_ s: ScenarioSnapshot) -> String {
                s.curve == "s-curve" ? "an s-curve (midpoint \(s.midpoint.map { String(format: "%g", $0) } ?? "?"), steepness "
                    + "\(s.steepness.map { String(format: "%g", $0) } ?? "?"))" : "a straight line"
            }
            edits.append(("the \(new.name) scenario's share curve changed from \(curve(old)) to \(curve(new))", 1))
        }
        if old.horizon != new.horizon {
            edits.append(("the \(new.name) scenario's horizon moved from \(old.horizon) to \(new.horizon)", 1))
        }
        if old.cagrSigma != new.cagrSigma || old.shareLogSigma != new.shareLogSigma {
            var parts: [String] = []
            if old.cagrSigma != new.cagrSigma { parts.append("CAGR σ from \(String(format: "%g", old.cagrSigma)) to \(String(format: "%g", new.cagrSigma))") }
            if old.shareLogSigma != new.shareLogSigma {
                parts.append("share σ from \(String(format: "%g", old.shareLogSigma)) to \(String(format: "%g", new.shareLogSigma))")
            }
            edits.append(("the \(new.name) scenario's uncertainty was revised (\(list(parts)))", 0.5))
        }
        return edits
    }

    // MARK: - Wording

    static func percent(_ fraction: Double, digits: Int) -> String { ReaderNumbers.percent(fraction, digits: digits) }

    static func signed(_ value: Double, digits: Int) -> String { ReaderNumbers.signed(value, digits: digits) }

    static func signedMoney(_ value: Double, _ format: (Double) -> String) -> String {
        (value < 0 ? ReaderNumbers.minus : "+") + format(abs(value))
    }

    /// `Nvidia's`, `Siemens'`.
    static func possessive(_ name: String) -> String { name.hasSuffix("s") ? name + "'" : name + "'s" }

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

import Foundation
import Projections
import Workspace

/// Compares this period's figures and inputs with the previous snapshot. Every difference the two
/// snapshots can show is reported: as a sentence, or as a phrase of the "smaller changes" line; a
/// file whose hash changed without any of them is named on that line too.
struct ChangeFinder {
    let previous: Snapshot
    let current: Snapshot
    let thresholds: WorkspaceConfig.Thresholds
    /// Market id → formatter for its money amounts (`$12.3B`).
    let money: [String: (Double) -> String]
    let vendorNames: [String: String]
    /// Workspace-relative input path → the subject it holds (`market:<id>`, `scenario:<id>`,
    /// `vendor:<id>`, `event:<stem>`, `sources`), for the backstop.
    var subjects: [String: String] = [:]

    /// With more than one market, every market-level sentence names its market.
    private var namesMarkets: Bool { Set(current.markets.map(\.id) + previous.markets.map(\.id)).count > 1 }

    func changes() -> [Change] {
        var found: [Change] = []
        let previousMarkets = Dictionary(previous.markets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for market in current.markets {
            guard let before = previousMarkets[market.id] else {
                found.append(Change(kind: .scenarioAdded, market: market.id, sentence: "The \(market.name) market is new in this briefing.", magnitude: 100,
                                    subject: "market:\(market.id)"))
                continue
            }
            found += marketChanges(before, market)
        }
        for market in previous.markets where !current.markets.contains(where: { $0.id == market.id }) {
            found.append(Change(kind: .scenarioRemoved, market: market.id, sentence: "The \(market.name) market is no longer covered.", magnitude: 100,
                                subject: "market:\(market.id)"))
        }
        found += vendorChanges()
        found += eventChanges()
        found += sourceChanges()
        found += otherEdits(explained: Set(found.compactMap(\.subject)))
        // Most material first (see `Change.precedes`); equal ones keep the order they were found in.
        for index in found.indices where found[index].marketOrder == Int.max {
            found[index].marketOrder = found[index].market.flatMap { id in current.markets.firstIndex { $0.id == id } } ?? current.markets.count
        }
        return found.enumerated().sorted { a, b in
            a.element.precedes(b.element) ? true : b.element.precedes(a.element) ? false : a.offset < b.offset
        }.map(\.element)
    }

    private func name(_ vendorID: String) -> String { vendorNames[vendorID] ?? previous.vendors.first { $0.id == vendorID }?.name ?? vendorID }

    /// `clause` as a sentence about `market`: "In Optical interconnect, the …" when the workspace
    /// has several markets, else the clause with a capital.
    private func sentence(_ clause: String, in market: MarketSnapshot) -> String {
        namesMarkets ? "In \(market.name), \(clause)." : clause.prefix(1).uppercased() + clause.dropFirst() + "."
    }

    private func marketChanges(_ before: MarketSnapshot, _ after: MarketSnapshot) -> [Change] {
        var found: [Change] = []
        let subject = "market:\(after.id)"
        let format = money[after.id] ?? { ReaderNumbers.fixed($0, digits: 1) }
        let names = vendorNames.merging(Dictionary(previous.vendors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })) { a, _ in a }
        let oldScenarios = Dictionary(before.scenarios.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for scenario in after.scenarios where oldScenarios[scenario.id] == nil {
            found.append(Change(kind: .scenarioAdded, market: after.id,
                                sentence: sentence("a new scenario, \(scenario.name), has probability \(Self.percent(scenario.probability, digits: 0))", in: after),
                                magnitude: 50, subject: "scenario:\(scenario.id)"))
        }
        for scenario in before.scenarios where !after.scenarios.contains(where: { $0.id == scenario.id }) {
            found.append(Change(kind: .scenarioRemoved, market: after.id, sentence: sentence("the \(scenario.name) scenario was dropped", in: after),
                                magnitude: 50, subject: "scenario:\(scenario.id)"))
        }
        for vendor in after.vendorIDs where !before.vendorIDs.contains(vendor) {
            found.append(Change(kind: .vendorAdded, market: after.id, sentence: "\(name(vendor)) is now tracked in \(after.name).", magnitude: 50, subject: subject))
        }
        for vendor in before.vendorIDs where !after.vendorIDs.contains(vendor) {
            found.append(Change(kind: .vendorRemoved, market: after.id, sentence: "\(name(vendor)) is no longer tracked in \(after.name).", magnitude: 50,
                                subject: subject))
        }
        if before.name != after.name {
            found.append(Change(kind: .detail, market: after.id, sentence: "market \(before.name) renamed \(after.name)", magnitude: 0, subject: subject))
        }
        let history = Self.historyRevision(before, after, names: names, format: format)
        if let history {
            found.append(Change(kind: .history, market: after.id, sentence: sentence(history, in: after), magnitude: 1, subject: subject))
        }
        for phrase in Self.detailPhrases(before.details, after.details) {
            found.append(Change(kind: .detail, market: after.id, sentence: "\(after.name): \(phrase)", magnitude: 0, subject: subject))
        }
        // Assumptions, scenario by scenario.
        for scenario in after.scenarios {
            guard let old = oldScenarios[scenario.id] else { continue }
            let scenarioSubject = "scenario:\(scenario.id)"
            let delta = Change.clean((scenario.probability - old.probability) * 100)
            if delta != 0 {
                found.append(Change(
                    kind: .probability, market: after.id,
                    sentence: sentence("the \(scenario.name) scenario's probability \(delta > 0 ? "rose" : "fell") from \(Self.percent(old.probability, digits: 0)) to "
                        + "\(Self.percent(scenario.probability, digits: 0))", in: after),
                    magnitude: abs(delta) / max(thresholds.probabilityPP, 1e-9), subject: scenarioSubject))
            }
            for edit in Self.assumptionEdits(old, scenario, oldVendorIDs: before.vendorIDs, vendorIDs: after.vendorIDs, names: names) {
                found.append(Change(kind: .assumption, market: after.id, sentence: sentence(edit.sentence, in: after), magnitude: edit.size,
                                    subject: scenarioSubject))
            }
            if old.name != scenario.name {
                found.append(Change(kind: .detail, market: after.id, sentence: "scenario \(old.name) renamed \(scenario.name)\(namesMarkets ? " (\(after.name))" : "")",
                                    magnitude: 0, subject: scenarioSubject))
            }
            for phrase in Self.detailPhrases(old.details, scenario.details) {
                found.append(Change(kind: .detail, market: after.id, sentence: "\(scenario.name)\(namesMarkets ? " (\(after.name))" : ""): \(phrase)",
                                    magnitude: 0, subject: scenarioSubject))
            }
        }
        // Projected figures at the horizon both briefings reach.
        guard let horizon = after.weighted.last?.year, let now = after.weighted.last,
            let then = before.weighted.first(where: { $0.year == horizon })
        else { return found }
        let attribution = Attribution(before: before, after: after, names: names, historyText: history)
        let marketOrder = current.markets.firstIndex { $0.id == after.id } ?? current.markets.count
        let floor = thresholds.revenueAbs
        let ofMarket = namesMarkets ? " in \(after.name)" : ""
        /// A figure move with its impact and the edits it is credited to.
        func move(_ kind: Change.Kind, vendor: String?, metric: Attribution.Metric, sentence clause: String, effect: (Double) -> String,
                  magnitude: Double, impact: Impact) -> Change {
            let causes = attribution.causes(for: metric)
            var change = Change(kind: kind, market: after.id, sentence: sentence(clause + Attribution.reason(causes, effect: effect), in: after),
                                magnitude: magnitude, subject: subject)
            change.impact = impact
            change.causes = causes
            change.causeEffects = causes.map { effect($0.effect) }
            change.marketOrder = marketOrder
            change.vendorOrder = vendor.flatMap { after.vendorIDs.firstIndex(of: $0) } ?? -1
            return change
        }
        /// How far a money move is past both its thresholds: the percentage and the absolute floor.
        func moneyMagnitude(_ percent: Double, _ amount: Double) -> Double {
            min(abs(percent) / max(thresholds.marketSizePercent, 1e-9), floor > 0 ? abs(amount) / floor : .infinity)
        }
        let money = { (value: Double) in Self.signedMoney(value, format) }
        let sizeChange = Change.clean(now.marketSize - then.marketSize)
        let sizePercent = then.marketSize > 0 ? Change.clean(sizeChange / then.marketSize * 100) : 0
        if Change.reaches(sizePercent, thresholds.marketSizePercent), Change.reaches(sizeChange, floor) {
            found.append(move(
                .marketSize, vendor: nil, metric: .marketSize,
                sentence: "weighted \(horizon) market size \(money(sizeChange)) (\(Self.signed(sizePercent, digits: 1))%) to \(format(now.marketSize))",
                effect: money, magnitude: moneyMagnitude(sizePercent, sizeChange),
                impact: .money(sizeChange, floor: floor, figure: money(sizeChange),
                               compact: "weighted \(horizon) market size \(money(sizeChange)) to \(format(now.marketSize))",
                               lead: "Weighted \(horizon) \(after.name) market size, now \(format(now.marketSize))",
                               quotable: "The weighted \(horizon) \(after.name) market size \(sizeChange > 0 ? "rose" : "fell") \(format(abs(sizeChange))) to \(format(now.marketSize))")))
        }
        for vendor in after.vendorIDs {
            guard let a = now.vendors[vendor], let b = then.vendors[vendor] else { continue }
            let vendorName = name(vendor)
            let pp = Change.clean((a.share - b.share) * 100)
            if Change.reaches(pp, thresholds.sharePP) {
                let figure = Self.signed(pp, digits: 1) + " pp"
                found.append(move(
                    .share, vendor: vendor, metric: .share(vendor),
                    sentence: "weighted \(horizon) \(vendorName) share \(figure) to \(Self.percent(a.share, digits: 1))",
                    effect: { Self.signed($0 * 100, digits: 1) + " pp" }, magnitude: abs(pp) / max(thresholds.sharePP, 1e-9),
                    impact: Impact(value: pp, unit: .pp, score: abs(pp) / max(thresholds.sharePP, 1e-9), figure: figure,
                                   compact: "\(vendorName) \(figure) to \(Self.percent(a.share, digits: 1))",
                                   lead: "\(Self.possessive(vendorName)) weighted \(horizon) share\(ofMarket), now \(Self.percent(a.share, digits: 1))",
                                   quotable: "\(Self.possessive(vendorName)) weighted \(horizon) share\(ofMarket) \(pp > 0 ? "rose" : "fell") \(String(format: "%.1f", abs(pp))) pp "
                                       + "to \(Self.percent(a.share, digits: 1))")))
            } else if b.revenue > 0 {
                let amount = Change.clean(a.revenue - b.revenue)
                let percent = Change.clean(amount / b.revenue * 100)
                if Change.reaches(percent, thresholds.marketSizePercent), Change.reaches(amount, floor) {
                    found.append(move(
                        .revenue, vendor: vendor, metric: .revenue(vendor),
                        sentence: "weighted \(horizon) \(vendorName) revenue \(money(amount)) (\(Self.signed(percent, digits: 1))%) to \(format(a.revenue))",
                        effect: money, magnitude: moneyMagnitude(percent, amount),
                        impact: .money(amount, floor: floor, figure: money(amount), compact: "\(vendorName) \(money(amount))",
                                       lead: "\(Self.possessive(vendorName)) weighted \(horizon) revenue\(ofMarket), now \(format(a.revenue))",
                                       quotable: "\(Self.possessive(vendorName)) weighted \(horizon) revenue\(ofMarket) \(amount > 0 ? "rose" : "fell") \(format(abs(amount))) to \(format(a.revenue))")))
                }
            }
            if a.rank != b.rank {
                let places = b.rank - a.rank
                let figure = "\(places > 0 ? "+" : "\u{2212}")\(abs(places)) place\(abs(places) == 1 ? "" : "s")"
                found.append(move(
                    .rank, vendor: vendor, metric: .rank(vendor),
                    sentence: "\(vendorName) moved from \(Self.ordinal(b.rank)) to \(Self.ordinal(a.rank)) in weighted \(horizon) revenue",
                    effect: { let n = Int(-$0.rounded()); return "\(n > 0 ? "+" : n < 0 ? "\u{2212}" : "")\(abs(n)) place\(abs(n) == 1 ? "" : "s")" },
                    magnitude: 1 + 0.1 * Double(abs(places)),
                    impact: Impact(value: Double(places), unit: .places, score: Double(abs(places)), figure: figure,
                                   compact: "\(vendorName) \(Self.ordinal(b.rank)) → \(Self.ordinal(a.rank))",
                                   lead: "\(vendorName) in weighted \(horizon) revenue\(ofMarket), now \(Self.ordinal(a.rank))",
                                   quotable: "\(vendorName) moved from \(Self.ordinal(b.rank)) to \(Self.ordinal(a.rank)) in weighted \(horizon) "
                                       + "revenue\(ofMarket)")))
            }
        }
        // A rank that moved only because other vendors moved past it (or that no single edit puts
        // back) is credited to what moved the market's most material move.
        let moves = found.indices.filter { found[$0].impact != nil }
        if let leader = moves.filter({ !found[$0].causes.isEmpty }).min(by: { found[$0].precedes(found[$1]) }) {
            for index in moves where found[index].kind == .rank && found[index].causes.isEmpty {
                found[index].causes = found[leader].causes
            }
        }
        return found
    }

    /// What changed in a market's history, as a clause, or `nil` when nothing did. Snapshots
    /// without the history compare the base-year figures only.
    static func historyRevision(_ before: MarketSnapshot, _ after: MarketSnapshot, names: [String: String], format: (Double) -> String) -> String? {
        func name(_ id: String) -> String { names[id] ?? id }
        guard let old = before.history, let new = after.history else {
            guard before.baseYear != after.baseYear || before.baseSize != after.baseSize
                || Dictionary(zip(before.vendorIDs, before.baseShares), uniquingKeysWith: { a, _ in a })
                    != Dictionary(zip(after.vendorIDs, after.baseShares), uniquingKeysWith: { a, _ in a })
            else { return nil }
            return "the market's \(after.baseYear) base-year figures were revised"
        }
        let oldYears = Dictionary(old.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        let newYears = Dictionary(new.map { ($0.year, $0) }, uniquingKeysWith: { a, _ in a })
        var parts: [String] = []
        let added = newYears.keys.filter { oldYears[$0] == nil }.sorted()
        let dropped = oldYears.keys.filter { newYears[$0] == nil }.sorted()
        if !added.isEmpty { parts.append("\(list(added.map(String.init))) added") }
        if !dropped.isEmpty { parts.append("\(list(dropped.map(String.init))) dropped") }
        var revisedVendors: [String: [Int]] = [:]
        for year in newYears.keys.sorted() {
            guard let a = oldYears[year], let b = newYears[year] else { continue }
            if a.total != b.total { parts.append("\(year) total from \(format(a.total)) to \(format(b.total))") }
            // A vendor's figures were revised when its revenue and its share both moved: a total
            // revised under `values: share` moves every revenue but no share, a vendor added under
            // `values: revenue` moves every share but no revenue; neither is a revision of the others.
            for id in Set(a.revenue.keys).union(b.revenue.keys) where a.revenue[id] != b.revenue[id] {
                if let x = a.shares?[id], let y = b.shares?[id], Change.clean(x) == Change.clean(y) { continue }
                revisedVendors[id, default: []].append(year)
            }
        }
        let vendorOrder = after.vendorIDs + before.vendorIDs.filter { !after.vendorIDs.contains($0) }
        let oldVendors = Set(old.flatMap(\.revenue.keys))
        let newVendors = Set(new.flatMap(\.revenue.keys))
        let revised = vendorOrder.filter { revisedVendors[$0] != nil && oldVendors.contains($0) && newVendors.contains($0) }
        if !revised.isEmpty {
            parts.append("figures of " + list(revised.map { "\(name($0)) (\(revisedVendors[$0]!.sorted().map(String.init).joined(separator: ", ")))" }))
        }
        let joined = vendorOrder.filter { newVendors.contains($0) && !oldVendors.contains($0) }
        let left = vendorOrder.filter { oldVendors.contains($0) && !newVendors.contains($0) }
        if !joined.isEmpty { parts.append("\(list(joined.map(name))) added") }
        if !left.isEmpty { parts.append("\(list(left.map(name))) removed") }
        guard !parts.isEmpty else { return nil }
        return "the market's history was revised: " + parts.joined(separator: "; ")
    }

    /// Phrases for the fields of two `details` maps that differ (`kind merchant → other`,
    /// `rationale edited`); nothing when either snapshot lacks them.
    static func detailPhrases(_ old: [String: String]?, _ new: [String: String]?) -> [String] {
        guard let old, let new else { return [] }
        return Set(old.keys).union(new.keys).sorted().compactMap { key in
            let (a, b) = (old[key] ?? "", new[key] ?? "")
            guard a != b else { return nil }
            if SnapshotDetails.isHash(a) || SnapshotDetails.isHash(b) || a.count > 40 || b.count > 40 { return "\(key) edited" }
            return "\(key) \(a.isEmpty ? "none" : a) → \(b.isEmpty ? "none" : b)"
        }
    }

    private func vendorChanges() -> [Change] {
        let before = Dictionary(previous.vendors.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var found: [Change] = []
        for vendor in current.vendors {
            let subject = "vendor:\(vendor.id)"
            guard let old = before[vendor.id] else {
                found.append(Change(kind: .vendorAdded, market: nil, sentence: "New vendor narrative: \(vendor.name).", magnitude: 0.5, subject: subject))
                continue
            }
            if let from = old.stance, let to = vendor.stance, from != to {
                found.append(Change(kind: .stance, market: nil, sentence: "The team's stance on \(vendor.name) moved from \(from) to \(to).", magnitude: 1,
                                    subject: subject))
            }
            if old.name != vendor.name {
                found.append(Change(kind: .detail, market: nil, sentence: "\(old.name) renamed \(vendor.name)", magnitude: 0, subject: subject))
            }
            for phrase in Self.detailPhrases(old.details, vendor.details) {
                found.append(Change(kind: .detail, market: nil, sentence: "\(vendor.name): \(phrase)", magnitude: 0, subject: subject))
            }
            // Snapshots keep sections by key, so they are listed by key: stable across runs.
            let keys = Set(old.sections.keys).union(vendor.sections.keys).sorted()
            let edited = keys.filter { old.sections[$0] != vendor.sections[$0] }
            guard !edited.isEmpty else { continue }
            let titles = edited.map { Self.sectionTitle($0) + (vendor.sections[$0] == nil ? " (removed)" : old.sections[$0] == nil ? " (new)" : "") }
            found.append(Change(
                kind: .narrative, market: nil,
                sentence: "The \(vendor.name) narrative changed: \(Self.list(titles)).", magnitude: 0.5, subject: subject))
        }
        for vendor in previous.vendors where !current.vendors.contains(where: { $0.id == vendor.id }) {
            found.append(Change(kind: .vendorRemoved, market: nil, sentence: "The \(vendor.name) narrative was removed.", magnitude: 0.5,
                                subject: "vendor:\(vendor.id)"))
        }
        return found
    }

    /// Events added (whatever their date), edited or removed since the previous briefing.
    private func eventChanges() -> [Change] {
        let headlines = (previous.eventHeadlines ?? [:]).merging(current.eventHeadlines ?? [:]) { _, new in new }
        func named(_ stem: String) -> String {
            let date = String(stem.prefix(10))
            return "\(headlines[stem] ?? String(stem.dropFirst(11))) (\(date))"
        }
        var found: [Change] = []
        let old = Set(previous.events)
        for stem in current.events where !old.contains(stem) {
            found.append(Change(kind: .detail, market: nil, sentence: "new event: \(named(stem))", magnitude: 0, subject: "event:\(stem)"))
        }
        for stem in current.events where old.contains(stem) {
            let path = "Data/events/\(stem).md"
            if let a = previous.inputs[path], let b = current.inputs[path], a != b {
                found.append(Change(kind: .detail, market: nil, sentence: "event edited: \(named(stem))", magnitude: 0, subject: "event:\(stem)"))
            }
        }
        for stem in previous.events where !current.events.contains(stem) {
            found.append(Change(kind: .detail, market: nil, sentence: "event removed: \(named(stem))", magnitude: 0, subject: "event:\(stem)"))
        }
        return found
    }

    /// Entries of `Data/sources.yaml` added, edited or removed.
    private func sourceChanges() -> [Change] {
        guard let old = previous.sources, let new = current.sources else { return [] }
        var found: [Change] = []
        for id in Set(old.keys).union(new.keys).sorted() where old[id] != new[id] {
            let what = old[id] == nil ? "added" : new[id] == nil ? "removed" : "edited"
            found.append(Change(kind: .detail, market: nil, sentence: "source \(id) \(what)", magnitude: 0, subject: "sources"))
        }
        return found
    }

    /// The backstop: an input file (outside `Templates/`) added, removed or edited without any
    /// change found in what it holds is still named, so no edit goes unmentioned.
    private func otherEdits(explained: Set<String>) -> [Change] {
        var found: [Change] = []
        for path in Set(previous.inputs.keys).union(current.inputs.keys).sorted()
        where !path.hasPrefix("Templates/") && !path.hasPrefix("Data/samples/") && previous.inputs[path] != current.inputs[path] {
            if let subject = subjects[path] ?? Self.subject(ofRemoved: path, in: previous), explained.contains(subject) { continue }
            let what = previous.inputs[path] == nil ? "added" : current.inputs[path] == nil ? "removed" : "edited"
            let note = path == WorkspaceFiles.manifest ? " (settings)" : what == "edited" ? " (no change to what the briefing shows)" : ""
            found.append(Change(kind: .detail, market: nil, sentence: "\(path) \(what)\(note)", magnitude: 0, subject: path))
        }
        return found
    }
}

// Property: whatever is edited between two periods appears in "what changed".
//
// Each case generates a workspace from a seed (1–3 markets, 2–8 scenarios, 3–20 vendors, a few
// events and sources), projects it as period 1, makes 1–3 random edits of any kind (probabilities,
// growth, targets, history, stance, kind, tickers, names, vendors added to or dropped from a market,
// narratives, sources, events), projects period 2 against period 1's snapshot, and checks that each
// edit is named by a sentence or a smaller-changes phrase, which names the market too when the
// workspace has several. The count is bounded and the seeds fixed, so a failure reproduces.

import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// A workspace as plain values, written out as files (every file rewritten each time, so an
/// unchanged file keeps its bytes and its hash).
struct GeneratedWorkspace {
    struct Market {
        var id: String
        var name: String
        var vendors: [String]
        /// Year → vendor → revenue (whole numbers, so totals are exact).
        var history: [Int: [String: Int]]
    }
    struct Scenario {
        var id: String
        var name: String
        var market: String
        /// Whole percent.
        var probability: Int
        var cagr: Double
        /// Vendor → whole percent, summing to 100.
        var targets: [String: Int]
    }
    struct Vendor {
        var id: String
        var name: String
        var tickers: [String]
        var kind: String
        var stance: String
        var thesis: String
    }
    struct Event {
        var stem: String
        var headline: String
        var body: String
        var market: String
    }

    var markets: [Market] = []
    var scenarios: [Scenario] = []
    var vendors: [Vendor] = []
    var events: [Event] = []
    /// Registry id → title.
    var sources: [(id: String, title: String)] = []

    static let years = [2024, 2025]

    init(seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        let marketCount = Int.random(in: 1...3, using: &rng)
        let vendorCount = Int.random(in: 3...20, using: &rng)
        let scenarioCount = Int.random(in: max(2, marketCount)...8, using: &rng)
        let marketNames = ["Harbor cabling", "Coolant loops", "Switchgear rooms"]
        for m in 0..<marketCount {
            markets.append(Market(id: "market-\(m + 1)", name: marketNames[m], vendors: [], history: [:]))
        }
        for v in 0..<vendorCount {
            let id = "vendor-\(v + 1)"
            vendors.append(Vendor(
                id: id, name: "Kestrel-\(v + 1) Systems", tickers: ["K\(v + 1)"], kind: "merchant",
                stance: ["positive", "neutral", "negative"][v % 3], thesis: "Vendor \(v + 1) sells into the build-out."))
            markets[v % marketCount].vendors.append(id)
        }
        // Every market needs two vendors: borrow from the others (a vendor in two markets).
        for m in markets.indices where markets[m].vendors.count < 2 {
            for vendor in vendors.map(\.id) where markets[m].vendors.count < 2 && !markets[m].vendors.contains(vendor) {
                markets[m].vendors.append(vendor)
            }
        }
        for m in markets.indices {
            for year in Self.years {
                markets[m].history[year] = Dictionary(uniqueKeysWithValues: markets[m].vendors.map { ($0, Int.random(in: 2...20, using: &rng)) })
            }
        }
        var perMarket = [Int](repeating: 0, count: marketCount)
        for s in 0..<scenarioCount { perMarket[s % marketCount] += 1 }
        var number = 0
        for (m, count) in perMarket.enumerated() {
            // Probabilities in whole percent, each at least 10, summing to 100.
            var probabilities = [Int](repeating: 100 / count, count: count)
            probabilities[0] += 100 - probabilities.reduce(0, +)
            for k in 0..<count {
                number += 1
                let vendors = markets[m].vendors
                var targets = [Int](repeating: 100 / vendors.count, count: vendors.count)
                targets[0] += 100 - targets.reduce(0, +)
                scenarios.append(Scenario(
                    id: "scenario-\(number)", name: "Outlook \(number) case", market: markets[m].id, probability: probabilities[k],
                    cagr: Double(Int.random(in: 5...30, using: &rng)) / 100,
                    targets: Dictionary(uniqueKeysWithValues: zip(vendors, targets).map { ($0, $1) })))
            }
        }
        for e in 0..<Int.random(in: 1...4, using: &rng) {
            events.append(Event(
                stem: "2026-10-\(10 + e)-item-\(e + 1)", headline: "Item \(e + 1) about \(markets[e % marketCount].name)",
                body: "What happened, number \(e + 1).", market: markets[e % marketCount].id))
        }
        sources = [("survey-one", "A first survey"), ("survey-two", "A second survey")]
    }

    func vendor(_ id: String) -> Vendor { vendors.first { $0.id == id }! }
    func market(_ id: String) -> Market { markets.first { $0.id == id }! }

    func write(to root: URL) throws {
        let data = root.appendingPathComponent("Data")
        try? FileManager.default.removeItem(at: data)
        func put(_ path: String, _ text: String) throws {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        try put("briefing.yaml", """
            title: Generated monitor
            team: Property tests
            cadence: monthly
            timezone: Asia/Tokyo
            disclaimer: Generated.
            defaults:
              monte_carlo:
                paths: 40
                seed: 7

            """)
        try put("Data/sources.yaml", sources.map { source in
            "- id: \(source.id)\n  publisher: Survey house\n  title: \(source.title)\n  date: 2026-01-15\n  url: https://example.com/\(source.id)\n  kind: estimate\n"
        }.joined())
        for market in markets {
            try put("Data/markets/\(market.id).yaml", """
                id: \(market.id)
                name: \(market.name)
                definition: Generated market.
                unit: millions
                currency: GBP
                base_year: 2025
                vendors: [\(market.vendors.joined(separator: ", "))]
                history:
                  file: \(market.id).csv
                  values: revenue
                sources:
                  total: survey-one
                  vendors: survey-two

                """)
            var csv = "year,total," + market.vendors.joined(separator: ",") + "\n"
            for year in Self.years {
                let row = market.vendors.map { market.history[year]![$0] ?? 0 }
                csv += "\(year),\(row.reduce(0, +)),\(row.map(String.init).joined(separator: ","))\n"
            }
            try put("Data/markets/\(market.id).csv", csv)
        }
        for scenario in scenarios {
            let vendors = market(scenario.market).vendors
            try put("Data/scenarios/\(scenario.id).yaml", """
                id: \(scenario.id)
                name: \(scenario.name)
                story: Generated.
                market: \(scenario.market)
                probability: \(String(format: "%.2f", Double(scenario.probability) / 100))
                horizon: 2030
                growth:
                  cagr: \(scenario.cagr)
                shares:
                \(vendors.map { "  \($0): \(scenario.targets[$0] ?? 0)" }.joined(separator: "\n"))
                rationale: Generated.
                sources: [survey-two]

                """)
        }
        for vendor in vendors where markets.contains(where: { $0.vendors.contains(vendor.id) }) {
            try put("Data/vendors/\(vendor.id).md", """
                ---
                id: \(vendor.id)
                name: \(vendor.name)
                tickers: [\(vendor.tickers.joined(separator: ", "))]
                kind: \(vendor.kind)
                color: "#336699"
                stance: \(vendor.stance)
                updated: 2026-10-01
                ---
                ## Thesis
                \(vendor.thesis)

                ## Catalysts
                - Orders.

                ## Risks
                - Fewer orders.

                """)
        }
        for event in events {
            try put("Data/events/\(event.stem).md", """
                ---
                date: \(event.stem.prefix(10))
                headline: \(event.headline)
                markets: [\(event.market)]
                importance: low
                sources: [survey-one]
                ---
                \(event.body)

                """)
        }
    }
}

/// One random edit and what "what changed" must say about it.
struct GeneratedEdit {
    var label: String
    /// Every needle must be in one line of "what changed".
    var needles: [String]
    /// The market's name, which that line must also hold when the workspace has several markets.
    var market: String?
    /// What one line of the briefing's "what changed" (one line per cause) must hold, when it
    /// differs from `needles` (a market's probability edits are one cause, named together).
    var lineNeedles: [String]? = nil

    enum Kind: CaseIterable {
        case probability, growth, target, history, stance, kind, ticker, vendorName, scenarioName, marketName
        case vendorAdded, vendorDropped, narrative, sourceAdded, sourceEdited, eventAdded, eventEdited, eventRemoved
    }

    /// Applies an edit of `kind` to `workspace`, touching nothing in `touched`; `nil` when the
    /// workspace offers nothing to edit that way.
    static func apply(
        _ kind: Kind, to workspace: inout GeneratedWorkspace, touched: inout Set<String>, rng: inout SeededRandom
    ) -> [GeneratedEdit]? {
        func pick<T>(_ items: [T]) -> T? { items.isEmpty ? nil : items[Int.random(in: 0..<items.count, using: &rng)] }
        func freeScenarios() -> [Int] { workspace.scenarios.indices.filter { !touched.contains(workspace.scenarios[$0].id) && !touched.contains(workspace.scenarios[$0].market) } }
        func freeVendors() -> [Int] {
            workspace.vendors.indices.filter { v in
                let id = workspace.vendors[v].id
                return !touched.contains(id) && workspace.markets.contains { $0.vendors.contains(id) }
            }
        }
        switch kind {
        case .probability:
            let markets = workspace.markets.indices.filter { m in
                !touched.contains(workspace.markets[m].id)
                    && workspace.scenarios.filter { $0.market == workspace.markets[m].id && !touched.contains($0.id) }.count >= 2
            }
            guard let m = pick(markets) else { return nil }
            let own = workspace.scenarios.indices.filter { workspace.scenarios[$0].market == workspace.markets[m].id && !touched.contains(workspace.scenarios[$0].id) }
            guard let a = own.first(where: { workspace.scenarios[$0].probability >= 10 }), let b = own.first(where: { $0 != a }) else { return nil }
            workspace.scenarios[a].probability -= 5
            workspace.scenarios[b].probability += 5
            touched.formUnion([workspace.scenarios[a].id, workspace.scenarios[b].id])
            let market = workspace.markets[m].name
            func line(_ s: Int, _ old: Int) -> [String] { [workspace.scenarios[s].name, "\(old)%", "\(workspace.scenarios[s].probability)%"] }
            return [
                GeneratedEdit(label: "probability down", needles: ["\(workspace.scenarios[a].name) scenario's probability fell"], market: market,
                              lineNeedles: line(a, workspace.scenarios[a].probability + 5)),
                GeneratedEdit(label: "probability up", needles: ["\(workspace.scenarios[b].name) scenario's probability rose"], market: market,
                              lineNeedles: line(b, workspace.scenarios[b].probability - 5)),
            ]
        case .growth:
            guard let s = pick(freeScenarios()) else { return nil }
            workspace.scenarios[s].cagr += 0.02
            touched.insert(workspace.scenarios[s].id)
            return [GeneratedEdit(label: "growth", needles: ["\(workspace.scenarios[s].name) scenario's CAGR was raised"], market: workspace.market(workspace.scenarios[s].market).name)]
        case .target:
            guard let s = pick(freeScenarios()) else { return nil }
            let vendors = workspace.market(workspace.scenarios[s].market).vendors.filter { !touched.contains($0) }
            guard let from = vendors.first(where: { (workspace.scenarios[s].targets[$0] ?? 0) >= 3 }), let to = vendors.first(where: { $0 != from }) else { return nil }
            workspace.scenarios[s].targets[from]! -= 2
            workspace.scenarios[s].targets[to]! += 2
            touched.formUnion([workspace.scenarios[s].id, from, to])
            return [GeneratedEdit(
                label: "target", needles: ["\(workspace.scenarios[s].name) scenario's 2030 target", workspace.vendor(from).name, workspace.vendor(to).name],
                market: workspace.market(workspace.scenarios[s].market).name)]
        case .history:
            guard let m = pick(workspace.markets.indices.filter { !touched.contains(workspace.markets[$0].id) }) else { return nil }
            let vendor = workspace.markets[m].vendors[0]
            workspace.markets[m].history[2025]![vendor]! += 1
            touched.insert(workspace.markets[m].id)
            return [GeneratedEdit(label: "history", needles: ["history was revised", "figures of \(workspace.vendor(vendor).name) (2025)"], market: workspace.markets[m].name)]
        case .stance:
            guard let v = pick(freeVendors()) else { return nil }
            let old = workspace.vendors[v].stance
            workspace.vendors[v].stance = old == "positive" ? "negative" : "positive"
            touched.insert(workspace.vendors[v].id)
            return [GeneratedEdit(label: "stance", needles: ["stance on \(workspace.vendors[v].name) moved from \(old) to \(workspace.vendors[v].stance)"])]
        case .kind:
            guard let v = pick(freeVendors()) else { return nil }
            workspace.vendors[v].kind = "design-partner"
            touched.insert(workspace.vendors[v].id)
            return [GeneratedEdit(label: "kind", needles: ["\(workspace.vendors[v].name): kind merchant → design-partner"])]
        case .ticker:
            guard let v = pick(freeVendors()) else { return nil }
            workspace.vendors[v].tickers.append("ZZQ")
            touched.insert(workspace.vendors[v].id)
            return [GeneratedEdit(label: "ticker", needles: ["\(workspace.vendors[v].name): tickers", "ZZQ"])]
        case .vendorName:
            guard let v = pick(freeVendors()) else { return nil }
            let old = workspace.vendors[v].name
            workspace.vendors[v].name = old + " Group"
            touched.insert(workspace.vendors[v].id)
            return [GeneratedEdit(label: "vendor name", needles: ["\(old) renamed \(old) Group"])]
        case .scenarioName:
            guard let s = pick(freeScenarios()) else { return nil }
            let old = workspace.scenarios[s].name
            workspace.scenarios[s].name = "Renamed " + old
            touched.insert(workspace.scenarios[s].id)
            return [GeneratedEdit(label: "scenario name", needles: ["scenario \(old) renamed Renamed \(old)"], market: workspace.market(workspace.scenarios[s].market).name)]
        case .marketName:
            guard touched.isEmpty else { return nil }
            let m = Int.random(in: 0..<workspace.markets.count, using: &rng)
            let old = workspace.markets[m].name
            workspace.markets[m].name = old + " worldwide"
            touched.formUnion(workspace.markets.map(\.id) + workspace.scenarios.map(\.id) + workspace.vendors.map(\.id))
            return [GeneratedEdit(label: "market name", needles: ["market \(old) renamed \(old) worldwide"])]
        case .vendorAdded:
            guard let m = pick(workspace.markets.indices.filter { !touched.contains(workspace.markets[$0].id) }) else { return nil }
            let marketID = workspace.markets[m].id
            guard workspace.scenarios.allSatisfy({ $0.market != marketID || !touched.contains($0.id) }) else { return nil }
            let id = "vendor-new-\(workspace.vendors.count + 1)"
            let name = "Osprey-\(workspace.vendors.count + 1) Works"
            workspace.vendors.append(.init(id: id, name: name, tickers: [], kind: "other", stance: "neutral", thesis: "A newcomer."))
            workspace.markets[m].vendors.append(id)
            for year in GeneratedWorkspace.years { workspace.markets[m].history[year]![id] = 3 }
            for s in workspace.scenarios.indices where workspace.scenarios[s].market == marketID {
                let largest = workspace.scenarios[s].targets.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
                workspace.scenarios[s].targets[largest]! -= 2
                workspace.scenarios[s].targets[id] = 2
                touched.insert(workspace.scenarios[s].id)
            }
            touched.formUnion([marketID, id])
            return [GeneratedEdit(label: "vendor added", needles: ["\(name) is now tracked in \(workspace.markets[m].name)"])]
        case .vendorDropped:
            guard let m = pick(workspace.markets.indices.filter { !touched.contains(workspace.markets[$0].id) && workspace.markets[$0].vendors.count >= 3 }) else { return nil }
            let marketID = workspace.markets[m].id
            guard workspace.scenarios.allSatisfy({ $0.market != marketID || !touched.contains($0.id) }) else { return nil }
            guard let id = workspace.markets[m].vendors.last, !touched.contains(id) else { return nil }
            workspace.markets[m].vendors.removeLast()
            for year in GeneratedWorkspace.years { workspace.markets[m].history[year]![id] = nil }
            for s in workspace.scenarios.indices where workspace.scenarios[s].market == marketID {
                let freed = workspace.scenarios[s].targets.removeValue(forKey: id) ?? 0
                workspace.scenarios[s].targets[workspace.markets[m].vendors[0]]! += freed
                touched.insert(workspace.scenarios[s].id)
            }
            touched.formUnion([marketID, id])
            return [GeneratedEdit(label: "vendor dropped", needles: ["\(workspace.vendor(id).name) is no longer tracked in \(workspace.markets[m].name)"])]
        case .narrative:
            guard let v = pick(freeVendors()) else { return nil }
            workspace.vendors[v].thesis += " Orders doubled."
            touched.insert(workspace.vendors[v].id)
            return [GeneratedEdit(label: "narrative", needles: ["The \(workspace.vendors[v].name) narrative changed: Thesis"])]
        case .sourceAdded:
            guard !touched.contains("sources") else { return nil }
            workspace.sources.append(("survey-three", "A third survey"))
            touched.insert("sources")
            return [GeneratedEdit(label: "source added", needles: ["source survey-three added"])]
        case .sourceEdited:
            guard !touched.contains("sources") else { return nil }
            workspace.sources[1].title = "A second survey, revised"
            touched.insert("sources")
            return [GeneratedEdit(label: "source edited", needles: ["source survey-two edited"])]
        case .eventAdded:
            let headline = "Late item \(workspace.events.count + 1)"
            workspace.events.append(.init(stem: "2026-11-20-late-item", headline: headline, body: "Logged late.", market: workspace.markets[0].id))
            return [GeneratedEdit(label: "event added", needles: ["new event: \(headline) (2026-11-20)"])]
        case .eventEdited:
            guard let e = pick(workspace.events.indices.filter { !touched.contains(workspace.events[$0].stem) }) else { return nil }
            workspace.events[e].body += " Corrected."
            touched.insert(workspace.events[e].stem)
            return [GeneratedEdit(label: "event edited", needles: ["event edited: \(workspace.events[e].headline)"])]
        case .eventRemoved:
            guard let e = pick(workspace.events.indices.filter { !touched.contains(workspace.events[$0].stem) }) else { return nil }
            let removed = workspace.events.remove(at: e)
            touched.insert(removed.stem)
            return [GeneratedEdit(label: "event removed", needles: ["event removed: \(removed.headline)"])]
        }
    }
}

@Suite("What changed: every random edit is named")
struct ChangesPropertyTests {
    static let caseCount = 48

    /// ``project(_:asOf:previous:)`` for other suites.
    static func projectForTests(_ root: URL, asOf: Day, previous: (period: Period, snapshot: Snapshot)?) throws -> WeeklyContextBuild {
        try project(root, asOf: asOf, previous: previous)
    }

    /// Projects the workspace at `root` as of `asOf` against `previous`.
    private static func project(_ root: URL, asOf: Day, previous: (period: Period, snapshot: Snapshot)?) throws -> WeeklyContextBuild {
        let result = WorkspaceLoader(root: root).load(asOf: asOf)
        guard let workspace = result.workspace else {
            throw WeeklyFixture.Failure("the generated workspace does not load:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        var builder = WeeklyBuilder(workspace: workspace, root: root, asOf: asOf, toolVersion: "0.0.0-test")
        builder.today = asOf
        return builder.context(previous: previous)
    }

    @Test("random edits of every kind appear in what changed", arguments: 0..<caseCount)
    func everyEditAppears(_ number: Int) throws {
        let seed = UInt64(20_261_203 + number)
        var workspace = GeneratedWorkspace(seed: seed)
        let root = try TemporaryDirectory(prefix: "changes-property").url
        defer { try? FileManager.default.removeItem(at: root) }
        try workspace.write(to: root)
        let first = try Self.project(root, asOf: Day("2026-10-30")!, previous: nil)

        // Every kind is covered across the cases: case n starts with kind n mod count, then 0–2 random ones.
        var rng = SeededRandom(seed: seed &* 31)
        let kinds = GeneratedEdit.Kind.allCases
        var wanted = [kinds[number % kinds.count]]
        for _ in 0..<Int.random(in: 0...2, using: &rng) { wanted.append(kinds[Int.random(in: 0..<kinds.count, using: &rng)]) }
        var touched: Set<String> = []
        var edits: [GeneratedEdit] = []
        for kind in wanted {
            edits += GeneratedEdit.apply(kind, to: &workspace, touched: &touched, rng: &rng) ?? []
        }
        try #require(!edits.isEmpty || number % kinds.count != 0, "seed \(seed): no edit could be made")
        try workspace.write(to: root)
        let second = try Self.project(root, asOf: Day("2026-11-27")!, previous: (first.period, first.snapshot))
        let lines = second.changes.map(\.sentence)
        let several = workspace.markets.count > 1
        for edit in edits {
            let found = lines.contains { line in
                edit.needles.allSatisfy(line.contains) && (!several || edit.market.map(line.contains) ?? true)
            }
            #expect(found, "seed \(seed), \(edit.label): no line holds \(edit.needles)\(several ? " and \(edit.market ?? "")" : "")\n\(lines.joined(separator: "\n"))")
        }
        // The briefing's lines (one per cause) and its smaller-changes phrases name every edit too.
        let printed = second.context.changes.items.map(\.sentence) + second.context.changes.smaller
        for edit in edits {
            let needles = edit.lineNeedles ?? edit.needles
            let found = printed.contains { line in needles.allSatisfy(line.contains) && (!several || edit.market.map(line.contains) ?? true) }
            #expect(found, "seed \(seed), \(edit.label): no printed line holds \(needles)\n\(printed.joined(separator: "\n"))")
        }
    }
}

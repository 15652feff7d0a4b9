// Materiality: changes ordered by impact, one line per cause, takeaways within a budget.
//
// Two workspaces: the bundled one (Fixtures/weekly-workspace) with the week-2 edits (a 5 pp
// probability shift and two target moves) plus a 1 pp CAGR rise, and a generated one with two
// markets, eight scenarios and twenty vendors whose "what changed" and takeaways are a golden
// (Fixtures/weekly-golden/two-markets.changes.md; RECORD_GOLDEN=1 re-records it).

import Foundation
import Testing
import Workspace
@testable import Briefing

@Suite("Materiality: impact order, one line per cause, a takeaway budget")
struct MaterialityTests {
    /// The bundled workspace's week 2 with the Base case CAGR raised from 15% to 16% as well.
    private static func bundledWeek2() throws -> WeeklyContextBuild {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try WeeklyFixture.build(root, asOf: WeeklyFixture.week1)
        try WeeklyFixture.applyEdits(to: root)
        let base = root.appendingPathComponent("Data/scenarios/base.yaml")
        let text = try String(contentsOf: base, encoding: .utf8)
        try #require(text.contains("  cagr: 0.15\n"))
        try Data(text.replacingOccurrences(of: "  cagr: 0.15\n", with: "  cagr: 0.16\n").utf8).write(to: base)
        return try context(root, asOf: WeeklyFixture.week2)
    }

    /// The context `briefing weekly` would render for the period containing `asOf`.
    static func context(_ root: URL, asOf: Day) throws -> WeeklyContextBuild {
        let result = WorkspaceLoader(root: root).load(asOf: asOf)
        guard let workspace = result.workspace else {
            throw WeeklyFixture.Failure("the workspace does not load:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        var builder = WeeklyBuilder(workspace: workspace, root: root, asOf: asOf, toolVersion: "0.0.0-test")
        builder.today = asOf
        let period = Period(containing: asOf, cadence: workspace.config.cadence)
        return builder.context(previous: ReportsFolder(workspaceRoot: root).previous(before: period))
    }

    /// The lines the takeaways were chosen from, matched by their text.
    private static func chosenLines(_ build: WeeklyContextBuild, namesMarkets: Bool) -> [ChangeLine] {
        let names = Dictionary(build.context.markets.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let lines = ChangeLine.lines(build.changes, marketNames: names, namesMarkets: namesMarkets)
        let texts = Set(build.context.takeaways.map(\.text))
        return lines.filter { texts.contains($0.takeawayText) }
    }

    @Test("the first takeaway is the largest dollar move and names both causes")
    func largestDollarMoveLeads() throws {
        let build = try Self.bundledWeek2()
        let moneyMoves = build.changes.filter { $0.isReportable && $0.impact?.unit == .money }
        let largest = try #require(moneyMoves.max { abs($0.impact!.value) < abs($1.impact!.value) })
        #expect(largest.kind == .marketSize, "\(largest.sentence)")
        let first = try #require(build.context.takeaways.first)
        #expect(first.figure == largest.impact?.figure)
        #expect(first.text.contains("the Base case scenario's assumptions were revised (CAGR was raised from 15.0% to 16.0%; 2030 targets moved: "), "\(first.text)")
        #expect(first.text.contains("probability rose from 25% to 30% (Base case 50% → 45%)"), "\(first.text)")
        // The figure leads; the sentence does not repeat it.
        #expect(!first.text.contains(first.figure), "\(first.text)")
        // The archive's one-liner is the same move as a sentence.
        #expect(build.context.headline.hasPrefix("The weighted 2030 AI data-center accelerators market size rose $11.9B to $583.0B after the Base case scenario's assumptions were "
            + "revised (CAGR was raised"), "\(build.context.headline)")
    }

    @Test("no two takeaways share a cause, and the budget holds")
    func takeawaysHaveDistinctCauses() throws {
        let build = try Self.bundledWeek2()
        let chosen = Self.chosenLines(build, namesMarkets: false)
        #expect(!chosen.isEmpty)
        for (i, a) in chosen.enumerated() {
            for b in chosen.dropFirst(i + 1) {
                #expect(a.causeKeys.isDisjoint(with: b.causeKeys), "\(a.sentence) / \(b.sentence)")
            }
        }
        let high = build.context.events.filter { $0.importance == "high" }.count
        #expect(build.context.takeaways.count <= max(5, high))
        // Every high-importance event of the period is a takeaway.
        for event in build.context.events where event.importance == "high" {
            #expect(build.context.takeaways.contains { $0.text == "\(event.headline) (\(event.date))." })
        }
    }

    @Test("what changed is ordered by impact, one line per cause")
    func linesAreOrderedByImpact() throws {
        let build = try Self.bundledWeek2()
        let items = build.context.changes.items
        let lines = ChangeLine.lines(build.changes, marketNames: [:], namesMarkets: false)
        #expect(items.map(\.sentence) == lines.map(\.sentence))
        // Moves first, by score; every line's cause set is its own.
        let scores = lines.compactMap { $0.lead.impact?.score }
        #expect(scores == scores.sorted(by: >))
        let keys = lines.filter { !$0.moves.isEmpty }.map { $0.causes.map(\.key).sorted() }
        #expect(Set(keys).count == keys.count)
        // The edits credited on a line are not repeated as lines of their own.
        #expect(!items.contains { $0.kind == "probability" }, "\(items.map(\.sentence))")
        // A line with several causes says what each accounts for.
        let together = try #require(items.first { $0.causes.count > 1 })
        #expect(together.sentence.contains(", together: "), "\(together.sentence)")
    }

    @Test("a move under the absolute floor is not reported")
    func absoluteFloor() throws {
        let build = try Self.bundledWeek2()
        for change in build.changes where change.impact?.unit == .money {
            #expect(abs(change.impact!.value) >= 1.0 - 1e-9, "\(change.sentence)")
        }
    }

    @Test("two markets, eight scenarios, twenty vendors: what changed and the takeaways match their golden")
    func twoMarketGolden() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("materiality-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        var workspace = TwoMarketWorkspace.make()
        #expect(workspace.markets.count == 2 && workspace.scenarios.count == 8 && workspace.vendors.count == 20)
        try TwoMarketWorkspace.write(workspace, to: root, highEvent: false)
        let first = try Self.context(root, asOf: Day("2026-10-30")!)
        #expect(first.context.takeaways.count <= 5)
        TwoMarketWorkspace.edit(&workspace)
        try TwoMarketWorkspace.write(workspace, to: root, highEvent: true)
        let second = try ChangesPropertyTests.projectForTests(root, asOf: Day("2026-11-27")!, previous: (first.period, first.snapshot))

        var text = "# headline\n\(second.context.headline)\n\n# takeaways\n"
        for takeaway in second.context.takeaways { text += "- \(takeaway.figure.isEmpty ? "" : "**\(takeaway.figure)** — ")\(takeaway.text)\n" }
        text += "\n# what changed\n"
        for item in second.context.changes.items { text += "- [\(item.kind)] \(item.sentence)\n" }
        text += "\n# smaller\n" + second.context.changes.smaller.map { "- \($0)\n" }.joined()
        try WeeklyFixture.expectGolden(text, "two-markets.changes.md")

        // Both markets had a material change: each leads at least one takeaway.
        let chosen = Self.chosenLines(second, namesMarkets: true)
        #expect(Set(chosen.compactMap(\.lead.market)).count == 2, "\(chosen.map(\.sentence))")
        for (i, a) in chosen.enumerated() {
            for b in chosen.dropFirst(i + 1) { #expect(a.causeKeys.isDisjoint(with: b.causeKeys)) }
        }
        // The high-importance event is kept.
        #expect(second.context.takeaways.contains { $0.text.hasPrefix("Harbor order book doubles") })
        #expect(second.context.takeaways.count <= 5)
        // Lines of several markets name theirs.
        for item in second.context.changes.items where item.moves > 0 {
            #expect(item.sentence.hasPrefix("In "), "\(item.sentence)")
        }
    }
}

/// A generated workspace with exactly two markets, eight scenarios and twenty vendors.
enum TwoMarketWorkspace {
    static func make() -> GeneratedWorkspace {
        // The first seed whose random shape is the one wanted (searched, so the shape is fixed
        // whatever the generator's ranges).
        var seed: UInt64 = 1
        while true {
            let workspace = GeneratedWorkspace(seed: seed)
            if workspace.markets.count == 2, workspace.scenarios.count == 8, workspace.vendors.count == 20 { return workspace }
            seed += 1
        }
    }

    /// Week 2: in the first market a 5 pp probability shift and a 3 pp CAGR rise in another
    /// scenario; in the second market a 6-point target move from its first vendor to its second.
    static func edit(_ workspace: inout GeneratedWorkspace) {
        let first = workspace.scenarios.indices.filter { workspace.scenarios[$0].market == workspace.markets[0].id }
        workspace.scenarios[first[0]].probability -= 5
        workspace.scenarios[first[1]].probability += 5
        workspace.scenarios[first[2]].cagr += 0.03
        let second = workspace.scenarios.indices.filter { workspace.scenarios[$0].market == workspace.markets[1].id }
        let vendors = workspace.markets[1].vendors
        for s in second.prefix(2) {
            workspace.scenarios[s].targets[vendors[0]]! -= 6
            workspace.scenarios[s].targets[vendors[1]]! += 6
        }
    }

    static func write(_ workspace: GeneratedWorkspace, to root: URL, highEvent: Bool) throws {
        try workspace.write(to: root)
        guard highEvent else { return }
        try Data("""
            ---
            date: 2026-11-25
            headline: Harbor order book doubles
            markets: [\(workspace.markets[0].id)]
            importance: high
            sources: [survey-one]
            ---
            Orders doubled.

            """.utf8).write(to: root.appendingPathComponent("Data/events/2026-11-25-harbor-orders.md"))
    }
}

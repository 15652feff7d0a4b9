// Golden-file tests of the whole weekly briefing, two consecutive weeks.
//
// Level: the library, not the CLI. Each test copies Fixtures/weekly-workspace/ to a temporary folder
// and makes the calls `briefing weekly` makes (WorkspaceLoader → ReportsFolder.previous →
// WeeklyBuilder.build → ReportsFolder.write), so a failure points at Swift code and needs no built
// executable. What only the CLI does (protection, --force, --quiet, exit codes, atomicity on a
// failed run) is tested through a subprocess in Tests/BriefingCLITests/WeeklyCommandTests.swift.
//
// Week 1 is as of 2026-11-27 (2026-W48, no predecessor). Week 2 copies Fixtures/weekly-edits/ over
// the workspace and is built as of 2026-12-04 (2026-W49):
//   - Data/scenarios/merchant.yaml: probability 0.25 → 0.30
//   - Data/scenarios/base.yaml: probability 0.50 → 0.45, 2030 targets Nvidia 65 → 64 and
//     AWS Trainium 6 → 7
//   - Data/vendors/aws-trainium.md: the Catalysts section gains a line (and `updated` moves)
//   - Data/events/2026-12-02-trainium-first-external-customer.md: a new event inside 2026-W49
//
// Goldens (Fixtures/weekly-golden/): `<period>.briefing.md` (the whole Markdown) and
// `<period>.structure.txt` (the list of files, each chart's <title>, and the key paths of
// snapshot.json, manifest.json and figures.json).
//
// Re-record the goldens from the real output, then READ the diff before committing:
//
//     RECORD_GOLDEN=1 swift test --filter WeeklyGolden
//
// The "week 2 changes" tests do not depend on the goldens: they check the changes and the figures
// behind them against values worked out by hand.

import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// Both weeks built once, shared by the tests that only read them.
private enum Weeks {
    struct Built: Sendable {
        var week1: WeeklyBuild
        var week2: WeeklyBuild
    }

    /// Both weeks with the fixture's own templates.
    static let real: Result<Built, any Error> = Result { try buildBoth(minimalTemplate: false) }

    /// Both weeks with `Templates/weekly.md` replaced by a few lines that print the summary and the
    /// changes, so the checks of the changes themselves do not depend on the default templates.
    static let minimal: Result<Built, any Error> = Result { try buildBoth(minimalTemplate: true) }

    private static func buildBoth(minimalTemplate: Bool) throws -> Built {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        if minimalTemplate {
            try Data("""
                {{ summary }}
                {% for change in changes['items'] %}
                - {{ change.sentence }}
                {% endfor %}

                """.utf8).write(to: root.appendingPathComponent("Templates/weekly.md"))
        }
        let week1 = try WeeklyFixture.build(root, asOf: WeeklyFixture.week1)
        try WeeklyFixture.applyEdits(to: root)
        let week2 = try WeeklyFixture.build(root, asOf: WeeklyFixture.week2)
        return Built(week1: week1, week2: week2)
    }
}

@Suite("Weekly briefing goldens")
struct WeeklyGoldenTests {
    @Test("2026-W48: the first briefing matches its goldens")
    func firstWeek() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try WeeklyFixture.build(root, asOf: WeeklyFixture.week1)
        #expect(build.period.description == "2026-W48")

        // What was written is exactly what was built.
        let folder = root.appendingPathComponent("Reports/2026-W48")
        #expect(FileTree.files(under: folder) == build.files.keys.sorted())
        for (path, data) in build.files {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path) == data, "\(path)")
        }

        let markdown = String(decoding: try #require(build.files["briefing.md"]), as: UTF8.self)
        try WeeklyFixture.expectGolden(markdown, "2026-W48.briefing.md")
        try WeeklyFixture.expectGolden(try WeeklyFixture.structure(of: build.files), "2026-W48.structure.txt")

        #expect(build.changes.isEmpty)
        #expect(markdown.contains("## What changed since the last briefing"))
        #expect(WeeklyFixture.changesSection(markdown) == ["This is the first briefing: there is no earlier period to compare with."])
        #expect(markdown.contains("This is the first briefing, so there is nothing to compare with yet."))
    }

    @Test("2026-W49: the second briefing matches its goldens and says what changed")
    func secondWeek() throws {
        let both = try Weeks.real.get()
        let build = both.week2
        #expect(build.period.description == "2026-W49")
        let markdown = String(decoding: try #require(build.files["briefing.md"]), as: UTF8.self)
        try WeeklyFixture.expectGolden(markdown, "2026-W49.briefing.md")
        try WeeklyFixture.expectGolden(try WeeklyFixture.structure(of: build.files), "2026-W49.structure.txt")

        // The section is named by the previous period and links to it.
        #expect(markdown.contains("## What changed since [2026-W48](../2026-W48/briefing.html)\n"))
        // One bullet per cause (the moves an edit or set of edits caused), most material first, each
        // a sentence; then the smaller changes on one line.
        let section = WeeklyFixture.changesSection(markdown)
        let sentences = ChangeLine.lines(build.changes, marketNames: [:], namesMarkets: false).map { "- " + $0.sentence }
        #expect(Array(section.prefix(sentences.count)) == sentences)
        #expect(section.dropFirst(sentences.count).map { $0.hasPrefix("- Smaller changes: ") } == [true])
        #expect(section.allSatisfy { $0.hasPrefix("- ") && $0.hasSuffix(".") })
        // Only this week's event is listed under this week's events.
        #expect(markdown.contains("### Amazon names a first customer for Trainium in its own data center"))
        #expect(!markdown.contains("### Trainium3 largely sold out"))
        // Probability changes appear under the scenario headings, which hold the name only (their
        // anchors stay put when a probability moves).
        #expect(markdown.contains("#### Base case\n\n**45%** (\u{2212}5 pp) · "))
        #expect(markdown.contains("#### Hyperscaler silicon goes merchant\n\n**30%** (+5 pp) · "))
        #expect(markdown.contains("#### Nvidia holds\n\n**25%** · "))
    }

    /// Vendor sections that start with a list (Catalysts, Risks) must still render as lists: the
    /// partial prints `**Title.** ` and the section's Markdown on one line, which turns the first
    /// bullet into the literal text "- …" inside the paragraph.
    @Test("vendor sections that are lists render as lists in briefing.html")
    func vendorSectionListsStayLists() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try WeeklyFixture.build(root, asOf: WeeklyFixture.week1, write: false)
        let html = String(decoding: try #require(build.files["briefing.html"]), as: UTF8.self)
        let broken = html.components(separatedBy: "\n").filter { $0.contains("</strong> - ") }
        #expect(broken.isEmpty, "first list item rendered as paragraph text:\n\(broken.prefix(3).joined(separator: "\n"))")
    }
}

@Suite("Weekly briefing: week 2 changes, checked by hand")
struct WeeklyChangesTests {
    private var both: Weeks.Built {
        get throws { try Weeks.minimal.get() }
    }

    private func sentences(_ kind: Change.Kind) throws -> [String] {
        try both.week2.changes.filter { $0.kind == kind }.map(\.sentence)
    }

    @Test("probability moves, the target edit and the narrative edit are listed as sentences")
    func editsAreListed() throws {
        #expect(try sentences(.probability).sorted() == [
            "The Base case scenario's probability fell from 50% to 45%.",
            "The Hyperscaler silicon goes merchant scenario's probability rose from 25% to 30%.",
        ])
        #expect(try sentences(.assumption) == [
            "The Base case scenario's 2030 targets moved: Nvidia from 65.0% to 64.0% and AWS Trainium/Inferentia from 6.0% to 7.0%.",
        ])
        // The smaller changes: the narrative's review date and the new event.
        #expect(try sentences(.detail) == [
            "AWS Trainium/Inferentia: review date 2026-11-25 → 2026-12-02",
            "new event: Amazon names a first customer for Trainium in its own data center (2026-12-02)",
        ])
        #expect(try sentences(.narrative) == ["The AWS Trainium/Inferentia narrative changed: Catalysts."])
        // Nothing was added or removed, and no rank changed.
        for kind: Change.Kind in [.scenarioAdded, .scenarioRemoved, .vendorAdded, .vendorRemoved, .rank] {
            #expect(try sentences(kind).isEmpty, "\(kind)")
        }
    }

    /// Figure moves by impact (money in multiples of `revenue_abs`, shares of `share_pp`), then the
    /// other changes by magnitude; ties by market order, then vendor order.
    @Test("changes are sorted most material first, as the lines and takeaways assume")
    func sortedByImpact() throws {
        let changes = try both.week2.changes
        for (a, b) in zip(changes, changes.dropFirst()) {
            #expect(!b.precedes(a), "\(b.sentence) should come before \(a.sentence)")
        }
        let scores = changes.compactMap { $0.impact?.score }
        #expect(scores == scores.sorted(by: >))
        #expect(changes.prefix { $0.impact != nil }.count == scores.count)
    }

    /// The weighted figures are the probability-weighted scenario figures; only probabilities and
    /// shares were edited, so every scenario's market size is the same both weeks and the weighted
    /// 2030 market moves by exactly 0.05 × (merchant − base).
    @Test("weighted 2030 figures add up by hand")
    func weightedFiguresAddUp() throws {
        let both = try self.both
        let before = try #require(both.week1.snapshot.markets.first)
        let after = try #require(both.week2.snapshot.markets.first)
        let week1 = try #require(both.week1.files["figures.json"])
        let week2 = try #require(both.week2.files["figures.json"])
        let figures = [before.id + "1": try #require(ArchivedFigures.decode(week1)), after.id + "2": try #require(ArchivedFigures.decode(week2))]
        /// The scenario's last year in the week's `figures.json`.
        func last(_ market: MarketSnapshot, _ scenario: String, week: String) throws -> (size: Double, revenue: [String: Double]) {
            let view = try #require(figures[market.id + week]?.view(scenario, of: market.id))
            let vendors = try #require(figures[market.id + week]?.markets.first?.vendors)
            return (view.marketSize.last!, Dictionary(uniqueKeysWithValues: zip(vendors, view.revenue.last!)))
        }
        for (market, week) in [(before, "1"), (after, "2")] {
            let horizon = try #require(market.weighted.last)
            #expect(horizon.year == 2030)
            let size = try market.scenarios.reduce(0) { $0 + $1.probability * (try last(market, $1.id, week: week)).size }
            #expect(abs(horizon.marketSize - size) < 1e-9 * size)
            for vendor in market.vendorIDs {
                let revenue = try market.scenarios.reduce(0) { $0 + $1.probability * (try last(market, $1.id, week: week)).revenue[vendor]! }
                #expect(abs(horizon.vendors[vendor]!.revenue - revenue) < 1e-9 * size, "\(vendor) revenue")
                #expect(abs(horizon.vendors[vendor]!.share - revenue / size) < 1e-12, "\(vendor) share")
            }
        }
        func size(_ market: MarketSnapshot, _ id: String) throws -> Double {
            try last(market, id, week: market.scenarios.map(\.probability) == before.scenarios.map(\.probability) ? "1" : "2").size
        }
        for id in ["base", "merchant", "nvidia-holds"] {
            #expect(try size(before, id) == size(after, id), "\(id): the 2030 market should not move")
        }
        let delta = after.weighted.last!.marketSize - before.weighted.last!.marketSize
        #expect(abs(delta - 0.05 * (try size(after, "merchant") - size(after, "base"))) < 1e-9)
        // About +$3.0B on $571.1B: +0.5%, under the 2% threshold, so no market-size sentence.
        #expect(delta > 2.9 && delta < 3.1)
        #expect(try sentences(.marketSize).isEmpty)
        // Hand-computed headline figures (207 × 1.55 × 1.15⁴ etc.).
        #expect(abs(before.weighted.last!.marketSize - 571.10) < 0.05)
        #expect(abs(after.weighted.last!.marketSize - 574.15) < 0.05)
    }

    /// Each share or revenue sentence quotes the two snapshots' figures, rounded as printed.
    @Test("share and revenue sentences quote the snapshot figures")
    func sentencesQuoteTheFigures() throws {
        let both = try self.both
        let before = try #require(both.week1.snapshot.markets.first?.weighted.last)
        let after = try #require(both.week2.snapshot.markets.first?.weighted.last)
        let names = ["nvidia": "Nvidia", "aws-trainium": "AWS Trainium/Inferentia"]
        for (id, name) in names {
            let pp = (after.vendors[id]!.share - before.vendors[id]!.share) * 100
            let move = (pp < 0 ? "\u{2212}" : "+") + String(format: "%.1f", abs(pp))
            let sentence = try #require(try sentences(.share).first { $0.hasPrefix("Weighted 2030 \(name) share ") })
            #expect(sentence.hasPrefix("Weighted 2030 \(name) share \(move) pp to \(String(format: "%.1f", after.vendors[id]!.share * 100))% after "))
        }
        // Hand-computed: Nvidia 63.8% → 62.7% (−1.1 pp), AWS Trainium 6.3% → 6.9% (+0.6 pp).
        #expect(try sentences(.share).contains { $0.hasPrefix("Weighted 2030 Nvidia share \u{2212}1.1 pp to 62.7% after ") })
        #expect(try sentences(.share).contains { $0.hasPrefix("Weighted 2030 AWS Trainium/Inferentia share +0.6 pp to 6.9% after ") })
        // Google TPU's share moves +0.4 pp (under 0.5 pp), so its revenue move is reported instead.
        #expect(try sentences(.revenue).contains { $0.hasPrefix("Weighted 2030 Google TPU revenue +$2.5B (+3.9%) to $66.4B after ") })
        // Nvidia's share fell mostly because the merchant scenario (52% Nvidia) gained weight:
        // reverting that probability is worth about 0.8 pp, reverting the base targets about 0.4 pp.
        // Every cause is named, largest first, each with what it accounts for.
        let nvidia = try #require(try sentences(.share).first { $0.hasPrefix("Weighted 2030 Nvidia share") })
        #expect(nvidia.contains("after the Hyperscaler silicon goes merchant scenario's probability rose from 25% to 30% (Base case 50% → 45%; \u{2212}0."), "\(nvidia)")
        #expect(nvidia.contains("the Base case scenario's 2030 target for Nvidia moved from 65.0% to 64.0% (and 1 other target; \u{2212}0.4 pp)"), "\(nvidia)")
    }

    /// A 5 pp move with a 5 pp threshold is at the threshold and counts ("≥ 1 means above its
    /// reporting threshold", docs/templates.md). 0.30 − 0.25 is 0.04999999999999999 in binary, so
    /// the magnitude must not be compared without a tolerance.
    @Test("a 5 pp probability move reaches the 5 pp threshold")
    func probabilityMoveAtTheThreshold() throws {
        let moves = try both.week2.changes.filter { $0.kind == .probability }
        #expect(moves.count == 2)
        for move in moves {
            #expect(move.magnitude >= 1, "\(move.sentence) has magnitude \(move.magnitude)")
        }
        // The summary counts them: 3 share or revenue moves (two revenue moves under $1.0B are below
        // the `revenue_abs` floor), 1 target edit and 2 probability moves.
        let markdown = String(decoding: try #require(try both.week2.files["briefing.md"]), as: UTF8.self)
        let summary = markdown.prefix { $0 != "\n" }
        #expect(summary.hasSuffix("6 changes since 2026-W48 passed the reporting thresholds."))
    }

    /// Readers see names, never ids: "target for nvidia" must read "target for Nvidia".
    @Test("attributions name vendors by their names")
    func attributionsUseNames() throws {
        let ids = ["nvidia", "amd", "intel", "google-tpu", "aws-trainium", "meta-mtia", "microsoft-maia", "other-custom", "china-domestic", "other-merchant"]
        for change in try both.week2.changes {
            for id in ids {
                #expect(!change.sentence.contains("target for \(id) "), "\(change.sentence)")
            }
        }
    }

    /// AWS Trainium's share rose because its own base-case target went from 6% to 7% (worth about
    /// +0.44 pp); the sentence should say so rather than cite the Nvidia target with "(and 1 other
    /// target)".
    @Test("a vendor's share move is attributed to that vendor's own target edit")
    func attributionNamesTheVendorsOwnEdit() throws {
        let sentence = try #require(try sentences(.share).first { $0.hasPrefix("Weighted 2030 AWS Trainium/Inferentia share") })
        #expect(sentence.contains("target for AWS Trainium/Inferentia moved from 6.0% to 7.0% (and 1 other target; +0.4 pp)"), "\(sentence)")
    }
}

@Suite("Weekly fixture")
struct WeeklyFixtureTests {
    @Test("the week-2 edits load cleanly and change what the goldens expect")
    func editsAreValid() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        try WeeklyFixture.applyEdits(to: root)
        let result = WorkspaceLoader(root: root).load(asOf: WeeklyFixture.week2)
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.description) == [])
        let workspace = try #require(result.workspace)
        let probabilities = Dictionary(uniqueKeysWithValues: workspace.scenarios.map { ($0.id, $0.probability) })
        #expect(probabilities == ["base": 0.45, "merchant": 0.30, "nvidia-holds": 0.25])
        let period = Period(containing: WeeklyFixture.week2, cadence: workspace.config.cadence)
        #expect(workspace.events.filter { period.contains($0.date) }.map(\.slug) == ["trainium-first-external-customer"])
    }
}

// The full three-period story of a second workspace, unlike the bundled one
// (Fixtures/monthly-workspace/): two markets (optical interconnect in USD, data-center power in EUR),
// monthly cadence, Europe/Berlin, four optical scenarios of which one runs to 2032, fifteen vendors
// by the end with Amphenol in both markets.
//
//   2026-09 (as of 2026-09-30): the first briefing; the October events already in Data/events/ are
//           left for later periods.
//   2026-10 (as of 2026-10-31, Fixtures/monthly-edits/2026-10/ copied over): optics-base 45% → 40%,
//           optics-cpo 20% → 25%, power-base 2030 targets Vertiv 30 → 26 and Eaton 16 → 20,
//           Lumentum's stance neutral → negative.
//   2026-11 (as of 2026-11-30, Fixtures/monthly-edits/2026-11/): Corning added to optical
//           interconnect (history columns for 2023–2025, a target in every optical scenario, the
//           others cut to make room), the power market's 2025 total revised 43 → 45.5, Schneider's
//           stance positive → neutral, two November events.
//
// Then `briefing report` for Amphenol (in both markets) and for the 2032 scenario, and a report as
// of a past date. The checks read the outputs as a reader would: every edit named in "what
// changed" (with its market), the 2032 scenario labelled with its own year, and none of the bundled
// workspace's words in any output.

import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

enum MonthlyStory {
    static let workspace = WeeklyFixture.fixtures.appendingPathComponent("monthly-workspace")
    static let edits = WeeklyFixture.fixtures.appendingPathComponent("monthly-edits")
    static let asOf = [Day("2026-09-30")!, Day("2026-10-31")!, Day("2026-11-30")!]
    /// After the last period: the machine's clock does not decide which inputs are "after today".
    static let today = Day("2026-12-03")!

    struct Story: Sendable {
        var builds: [WeeklyBuild]
        var progress: [[String]]
        var vendorReport: String
        var scenarioReport: String
        /// The scenario report as of 2026-10-31, rendered after all three periods were written.
        var pastScenarioReport: String
        /// The period 2026-11 as seen through the context (for the figures behind the text).
        var lastContext: WeeklyContextBuild
    }

    static let story: Result<Story, any Error> = Result { try run() }

    static func copy() throws -> URL {
        try FixtureOverlay(base: workspace).materialize(prefix: "monthly").url
    }

    /// Copies the files of `Fixtures/monthly-edits/<period>/` over the workspace.
    static func applyEdits(_ period: String, to root: URL) throws {
        try FixtureOverlay.apply(edits.appendingPathComponent(period), to: root)
    }

    static func load(_ root: URL, asOf: Day) throws -> Workspace {
        let result = WorkspaceLoader(root: root).load(asOf: asOf)
        guard let workspace = result.workspace, result.errorCount == 0 else {
            throw WeeklyFixture.Failure("the monthly workspace does not load:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return workspace
    }

    /// Builds and writes the period containing `asOf`, as `briefing weekly --as-of` does.
    static func build(_ root: URL, asOf: Day, progress: inout [String]) throws -> WeeklyBuild {
        let workspace = try load(root, asOf: asOf)
        let reports = ReportsFolder(workspaceRoot: root)
        var builder = WeeklyBuilder(workspace: workspace, root: root, asOf: asOf, toolVersion: "0.0.0-test")
        builder.today = today
        let lines = LineCollector()
        builder.progress = { lines.append($0) }
        let period = Period(containing: asOf, cadence: workspace.config.cadence)
        let build = try builder.build(previous: reports.previous(before: period))
        try reports.write(build.files, as: period)
        progress = lines.lines
        return build
    }

    static func report(_ root: URL, _ subject: ReportSubject, asOf: Day) throws -> String {
        let workspace = try load(root, asOf: asOf)
        let renderer = ReportRenderer(workspace: workspace, root: root, asOf: asOf, toolVersion: "0.0.0-test")
        let previous = ReportsFolder(workspaceRoot: root).previous(before: renderer.period)
        return try renderer.render(subject, format: .markdown, previous: previous)
    }

    private static func run() throws -> Story {
        let root = try copy()
        defer { try? FileManager.default.removeItem(at: root) }
        var builds: [WeeklyBuild] = []
        var progress: [[String]] = []
        for (index, day) in asOf.enumerated() {
            if index == 1 { try applyEdits("2026-10", to: root) }
            if index == 2 { try applyEdits("2026-11", to: root) }
            var lines: [String] = []
            builds.append(try build(root, asOf: day, progress: &lines))
            progress.append(lines)
        }
        let vendorReport = try report(root, .vendor("amphenol"), asOf: asOf[2])
        let scenarioReport = try report(root, .scenario("optics-long-cycle"), asOf: asOf[2])
        let pastScenarioReport = try report(root, .scenario("optics-cpo"), asOf: asOf[1])
        var builder = WeeklyBuilder(workspace: try load(root, asOf: asOf[2]), root: root, asOf: asOf[2], toolVersion: "0.0.0-test")
        builder.today = today
        let lastContext = builder.context(previous: ReportsFolder(workspaceRoot: root).previous(before: builds[2].period))
        return Story(
            builds: builds, progress: progress, vendorReport: vendorReport, scenarioReport: scenarioReport,
            pastScenarioReport: pastScenarioReport, lastContext: lastContext)
    }

    /// "What changed" as a reader sees it: the sentences and the smaller-changes phrases.
    static func whatChanged(_ build: WeeklyBuild) -> [String] { build.changes.map(\.sentence) }

    static func markdown(_ build: WeeklyBuild) -> String { String(decoding: build.files["briefing.md"] ?? Data(), as: UTF8.self) }
}

/// Collects progress lines from the builder's callback.
final class LineCollector: @unchecked Sendable {
    private(set) var lines: [String] = []
    func append(_ line: String) { lines.append(line) }
}

@Suite("A monthly two-market workspace, three periods")
struct MonthlyStoryTests {
    private var story: MonthlyStory.Story {
        get throws { try MonthlyStory.story.get() }
    }

    @Test("each period is the month of its as-of date; the first leaves later events for later periods")
    func periodsAndLaterEvents() throws {
        let story = try self.story
        #expect(story.builds.map(\.period.description) == ["2026-09", "2026-10", "2026-11"])
        #expect(story.progress[0].contains("2 events dated after 2026-09-30 are left for later periods"), "\(story.progress[0])")
        #expect(!story.progress[2].contains { $0.contains("left for later periods") })
        let first = MonthlyStory.markdown(story.builds[0])
        #expect(first.contains("### Coherent and Innolight ramp 1.6T modules"))
        #expect(!first.contains("co-packaged optics switches ship"))
        #expect(story.builds[0].snapshot.events == ["2026-09-14-coherent-1-6t-ramp", "2026-09-22-utility-queue-report"])
        #expect(story.builds[0].changes.isEmpty)
        // October's briefing lists October's events, which its predecessor had left out, as new.
        let second = MonthlyStory.markdown(story.builds[1])
        #expect(second.contains("### First co-packaged optics switches ship in volume"))
        #expect(MonthlyStory.whatChanged(story.builds[1]).contains("new event: First co-packaged optics switches ship in volume (2026-10-08)"))
    }

    @Test("2026-10: every edit is named in what changed, with its market")
    func octoberChanges() throws {
        let lines = MonthlyStory.whatChanged(try story.builds[1])
        for expected in [
            "In Optical interconnect, the Steady pluggable upgrades scenario's probability fell from 45% to 40%.",
            "In Optical interconnect, the Co-packaged optics arrives early scenario's probability rose from 20% to 25%.",
            "In Data-center power, the Power keeps pace scenario's 2030 targets moved: Vertiv from 30.0% to 26.0% and Eaton from 16.0% to 20.0%.",
            "The team's stance on Lumentum moved from neutral to negative.",
        ] {
            #expect(lines.contains(expected), "missing: \(expected)\n\(lines.joined(separator: "\n"))")
        }
        // The narrative's review date moved with the stance: a smaller change.
        #expect(lines.contains("Lumentum: review date 2026-09-15 → 2026-10-22"))
    }

    @Test("2026-11: the vendor added, the history revisions, the target cuts and the stance change are all named")
    func novemberChanges() throws {
        let build = try story.builds[2]
        let lines = MonthlyStory.whatChanged(build)
        let joined = lines.joined(separator: "\n")
        #expect(lines.contains("Corning is now tracked in Optical interconnect."), "\(joined)")
        #expect(lines.contains("New vendor narrative: Corning."))
        #expect(lines.contains("The team's stance on Schneider Electric moved from positive to neutral."))
        #expect(lines.contains(
            "In Optical interconnect, the market's history was revised: 2023 total from $11.0B to $11.7B; 2024 total from $14.0B to $14.9B; 2025 total from $18.0B to $19.2B; Corning added."),
            "\(joined)")
        #expect(lines.contains("In Data-center power, the market's history was revised: 2025 total from €43.0B to €45.5B."), "\(joined)")
        // Every optical scenario's targets, Corning's new one among them, with each scenario's own horizon year.
        for (name, year, corning) in [
            ("Steady pluggable upgrades", 2030, "6.0%"), ("Co-packaged optics arrives early", 2030, "5.0%"), ("Capex pause", 2030, "6.0%"),
            ("Long build-out cycle", 2032, "7.0%"),
        ] {
            #expect(lines.contains { $0.hasPrefix("In Optical interconnect, the \(name) scenario's \(year) targets moved: ") && $0.contains("Corning (new) at \(corning)") },
                    "\(name)\n\(joined)")
        }
        // Coherent's share fell by several points: the sentence names every cause, each scenario's
        // cut of Coherent's own target (at the horizon shares are the targets, so the history
        // revision does not move them; it moves the market size, below).
        let coherent = try #require(lines.first { $0.hasPrefix("In Optical interconnect, weighted 2030 Coherent share \u{2212}") }, "\(joined)")
        for (name, year, from, to) in [
            ("Steady pluggable upgrades", 2030, "17.0%", "14.0%"), ("Co-packaged optics arrives early", 2030, "14.0%", "11.0%"),
            ("Capex pause", 2030, "19.0%", "15.0%"), ("Long build-out cycle", 2032, "16.0%", "12.0%"),
        ] {
            #expect(coherent.contains("the \(name) scenario's \(year) target for Coherent moved from \(from) to \(to) (and 2 other targets")
                    || coherent.contains("the \(name) scenario's \(year) target for Coherent moved from \(from) to \(to) (and 4 other targets"),
                    "\(name) not named in: \(coherent)")
        }
        #expect(!coherent.contains("(0.0 pp)"), "\(coherent)")
        #expect(lines.contains { $0.hasPrefix("In Optical interconnect, weighted 2030 market size +$") && $0.contains(" after the market's history was revised: "
            + "") && $0.contains("Corning added") },
                "\(joined)")
        // The power market grew by its revised history, and says so.
        #expect(lines.contains { $0.hasPrefix("In Data-center power, weighted 2030 market size +€") && $0.contains(" after the market's history was revised: ") },
                "\(joined)")
        // Every market-level sentence names its market.
        for change in build.changes where change.market != nil && !change.isDetail && change.kind != .vendorAdded && change.kind != .vendorRemoved {
            #expect(change.sentence.hasPrefix("In Optical interconnect, ") || change.sentence.hasPrefix("In Data-center power, "), "\(change.sentence)")
        }
        // Amphenol is in both markets: each of its sentences says which one.
        for line in lines where line.contains("Amphenol") && !line.hasPrefix("In ") {
            Issue.record("ambiguous: \(line)")
        }
    }

    @Test("the 2032 scenario is labelled with its own year; comparisons use 2030")
    func longerHorizonIsLabelled() throws {
        let story = try self.story
        let context = story.lastContext.context
        let optical = try #require(context.markets.first { $0.id == "optical-interconnect" })
        #expect(optical.horizon == 2030)
        let scenario = try #require(optical.scenarios.first { $0.id == "optics-long-cycle" })
        // The scenario's figures as the period's figures.json holds them.
        let data = try #require(story.builds[2].files["figures.json"])
        let figures = try #require(ArchivedFigures.decode(data))
        let view = try #require(figures.view("optics-long-cycle", of: "optical-interconnect"))
        let vendorIDs = try #require(figures.markets.first { $0.id == "optical-interconnect" }?.vendors)
        struct Share { var share: Double }
        func year(_ year: Int) throws -> (marketSize: Double, vendors: [String: Share]) {
            let t = try #require(view.years.firstIndex(of: year))
            return (view.marketSize[t], Dictionary(uniqueKeysWithValues: zip(vendorIDs, view.share[t].map(Share.init))))
        }
        let at2030 = try year(2030)
        let at2032 = try year(2032)
        #expect(scenario.atMarketHorizon.year == 2030 && scenario.atMarketHorizon.marketSize == at2030.marketSize)
        #expect(scenario.ownHorizon?.year == 2032 && scenario.ownHorizon?.marketSize == at2032.marketSize)
        // The share table and the "2030 shares by scenario" chart carry 2030 shares, not the 2032 targets.
        let coherent = try #require(optical.vendors.first { $0.id == "coherent" })
        let share = try #require(coherent.scenarioShares.first { $0.scenario == "optics-long-cycle" })
        #expect(share.share == at2030.vendors["coherent"]?.share)
        #expect(abs(share.share - 0.12) > 0.005, "the 2032 target, not the 2030 share")
        #expect(optical.charts.sharesByScenario.table.caption.contains("2030") || optical.charts.sharesByScenario.alt.contains("2030"))
        // The briefing's text.
        let markdown = MonthlyStory.markdown(story.builds[2])
        let money = { (value: Double) in "$" + String(format: "%.1f", value) + "B" }
        let section = try #require(markdown.components(separatedBy: "#### Long build-out cycle").dropFirst().first?.components(separatedBy: "####").first)
        #expect(section.contains("- 2030 market: \(money(at2030.marketSize)) (CAGR 2025–2030 "), "\(section)")
        #expect(section.contains("- Own horizon 2032: \(money(at2032.marketSize)) (CAGR 2025–2032 "), "\(section)")
        #expect(markdown.contains("*Long build-out cycle runs to its own horizon, 2032: \(money(at2032.marketSize)) in 2032"))
        #expect(!markdown.contains("2030 market: \(money(at2032.marketSize))"))
        // The scenario page.
        let page = story.scenarioReport
        #expect(page.contains("| 2030 market | \(money(at2030.marketSize)) (CAGR 2025–2030 "), "\(page)")
        #expect(page.contains("| 2032 market (the scenario's own horizon) | \(money(at2032.marketSize)) (CAGR 2025–2032 "))
        #expect(page.contains("| Vendor | Target 2032 | 2030 share | Weighted 2030 | Difference | 2030 revenue |"))
        #expect(page.contains("| CAGR 2025–2032 |"))
    }

    @Test("reports: a vendor in both markets, and a scenario as of a past date")
    func reports() throws {
        let story = try self.story
        #expect(story.vendorReport.contains("### Optical interconnect"))
        #expect(story.vendorReport.contains("### Data-center power"))
        // As of 2026-10-31 the November edits and events are not there yet … except the data files,
        // which have no history and are used as they are now: the page is still October's.
        #expect(story.pastScenarioReport.contains("2026-10"))
        #expect(story.pastScenarioReport.contains("First co-packaged optics switches ship in volume"))
        #expect(!story.pastScenarioReport.contains("Corning enters the transceiver market"))
    }

    @Test("no word of the bundled workspace reaches the outputs")
    func nothingFromTheBundledMarket() throws {
        let story = try self.story
        var outputs: [(String, String)] = []
        for build in story.builds {
            for (path, data) in build.files where path.hasSuffix(".md") || path.hasSuffix(".html") || path.hasSuffix(".svg") || path == "summary.json" {
                outputs.append(("\(build.period)/\(path)", String(decoding: data, as: UTF8.self)))
            }
        }
        outputs.append(("vendor report", story.vendorReport))
        outputs.append(("scenario report", story.scenarioReport))
        for (name, text) in outputs {
            let lower = text.lowercased()
            for word in ["nvidia", "amd", "trainium", "accelerator", "week"] where lower.contains(word) {
                let line = text.components(separatedBy: "\n").first { $0.lowercased().contains(word) } ?? ""
                Issue.record("\(name) contains '\(word)': \(line.prefix(200))")
            }
        }
    }
}

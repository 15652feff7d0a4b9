import Foundation
import Testing
import Workspace

/// The valid fixture loads cleanly and its typed values are what the files say.
@Suite("Valid workspace")
struct ValidWorkspaceTests {
    private static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    @Test func loadsWithoutDiagnostics() throws {
        let result = try WorkspaceFixture().load()
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.errorCount == 0)
        #expect(result.warningCount == 0)
        #expect(result.asOf == Day("2026-11-27"))
        #expect(result.workspace != nil)
    }

    @Test func configurationAndSourceRegistry() throws {
        let workspace = try #require(WorkspaceFixture().load().workspace)
        let config = workspace.config
        #expect(config.title == "Test Briefing")
        #expect(config.team == "Infrastructure Research")
        #expect(config.cadence == .weekly)
        #expect(config.timezone == "UTC")
        #expect(config.baseURL == "https://research.example.internal/briefing/")
        #expect(config.disclaimer == "For internal discussion only.")
        #expect(config.defaults.horizon == 2030)
        #expect(config.defaults.shareTolerancePP == 0.1)
        #expect(config.defaults.staleNarrativeDays == 90)
        // Defaults not written in the file.
        #expect(config.defaults.monteCarloPaths == 10_000)
        #expect(config.defaults.monteCarloSeed == 20_261_127)
        #expect(config.defaults.thresholds.sharePP == 0.5)
        #expect(config.defaults.sensitivity.cagrStep == 0.05)

        #expect(workspace.sources.map(\.id) == ["research-2025", "team-shares"])
        let research = workspace.sources[0]
        #expect(research.publisher == "Research Firm")
        #expect(research.title == "Accelerator market sizes")
        #expect(research.date == Day("2025-06-10"))
        #expect(research.url == "https://example.com/research")
        #expect(research.kind == .estimate)
        #expect(research.note == nil)
        #expect(workspace.sources[1].kind == .illustrative)
        #expect(workspace.sources[1].url == nil)
        #expect(workspace.sources[1].note == "The team's own split.")
    }

    @Test func marketHistoryBecomesFractionsAndRevenue() throws {
        let workspace = try #require(WorkspaceFixture().load().workspace)
        #expect(workspace.markets.map(\.id) == ["accelerators"])
        let market = try #require(workspace.market("accelerators"))
        #expect(market.name == "AI accelerators")
        #expect(market.unit == .billions)
        #expect(market.currency == "USD")
        #expect(market.baseYear == 2025)
        #expect(market.vendorIDs == ["nvidia", "amd", "google-tpu"])
        #expect(market.confidence == .estimate)
        #expect(market.file == "Data/markets/accelerators.yaml")
        // Sources resolved from the registry: one for the total, one shared by every vendor.
        #expect(market.totalSource?.id == "research-2025")
        #expect(market.vendorSources.mapValues { $0.id } == ["nvidia": "team-shares", "amd": "team-shares", "google-tpu": "team-shares"])

        #expect(market.history.map(\.year) == [2023, 2024, 2025])
        let last = try #require(market.history.last)
        #expect(last.total == 200)
        // Shares are written in percent and become fractions; revenue = total × share.
        #expect(Self.close(last.shares["nvidia"], 0.70))
        #expect(Self.close(last.shares["amd"], 0.10))
        #expect(Self.close(last.shares["google-tpu"], 0.20))
        #expect(Self.close(last.revenue["nvidia"], 140))
        #expect(Self.close(last.revenue["amd"], 20))
        #expect(Self.close(last.revenue["google-tpu"], 40))
        for year in market.history {
            #expect(Self.close(year.shares.values.reduce(0, +), 1), "shares of \(year.year)")
            #expect(Self.close(year.revenue.values.reduce(0, +), year.total), "revenue of \(year.year)")
        }
        #expect(Self.close(market.history[0].revenue["nvidia"], 40))
    }

    @Test func revenueHistoryGivesSharesOfTheTotal() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("values: share", with: "values: revenue", in: "Data/markets/accelerators.yaml")
        try fixture.write("Data/markets/accelerators.csv", "year,total,nvidia,amd,google-tpu\n2023,50,40,5,5\n2024,100,75,10,15\n2025,200,150,20,30\n")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [])
        let last = try #require(result.workspace?.market("accelerators")?.history.last)
        #expect(Self.close(last.shares["nvidia"], 0.75))
        #expect(Self.close(last.shares["google-tpu"], 0.15))
        #expect(Self.close(last.revenue["nvidia"], 150))
    }

    @Test func normalizedHistorySharesSumToOne() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("normalize: false", with: "normalize: true", in: "Data/markets/accelerators.yaml")
        try fixture.replace("2025,200,70,10,20", with: "2025,200,70,10,16", in: "Data/markets/accelerators.csv")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [])
        let last = try #require(result.workspace?.market("accelerators")?.history.last)
        #expect(Self.close(last.shares.values.reduce(0, +), 1))
        #expect(Self.close(last.shares["nvidia"], 70.0 / 96))
        #expect(Self.close(last.revenue["nvidia"], 200 * 70.0 / 96))
    }

    @Test func scenariosAreTyped() throws {
        let workspace = try #require(WorkspaceFixture().load().workspace)
        #expect(workspace.scenarios.map(\.id) == ["base", "custom"])
        #expect(workspace.scenarios(of: "accelerators").map(\.id) == ["base", "custom"])
        #expect(workspace.scenarios(of: "elsewhere").isEmpty)

        let base = workspace.scenarios[0]
        #expect(base.name == "Base case")
        #expect(base.story == "Custom silicon grows steadily.")
        #expect(base.marketID == "accelerators")
        #expect(base.probability == 0.6)
        #expect(base.horizon == 2030)
        #expect(base.growthByYear == [2026: 0.5])
        #expect(base.cagr == 0.2)
        // A named year uses its figure; every other year falls back to the CAGR.
        #expect(base.growth(in: 2026) == 0.5)
        #expect(base.growth(in: 2027) == 0.2)
        #expect(base.growth(in: 2030) == 0.2)
        #expect(Self.close(base.targetShares["nvidia"], 0.60))
        #expect(Self.close(base.targetShares["amd"], 0.15))
        #expect(Self.close(base.targetShares["google-tpu"], 0.25))
        #expect(base.curve == .sCurve(midpoint: 2028, steepness: 1.5))
        #expect(base.cagrSigma == 0.04)
        #expect(base.shareLogSigma == 0.15)
        #expect(base.confidence == .illustrative)
        #expect(base.rationale == "Growth slows after 2026.")
        #expect(base.sources.map(\.id) == ["research-2025"])
        #expect(base.file == "Data/scenarios/base.yaml")

        let custom = workspace.scenarios[1]
        #expect(custom.probability == 0.4)
        #expect(custom.horizon == 2030, "the horizon defaults to defaults.horizon")
        #expect(custom.growthByYear.isEmpty)
        #expect(custom.growth(in: 2026) == 0.25)
        #expect(custom.curve == .linear)
        #expect(custom.cagrSigma == 0)
        #expect(custom.shareLogSigma == 0)
        #expect(custom.confidence == nil)
        // A registry id and an inline source, in the order written.
        #expect(custom.sources.map(\.id) == ["research-2025", nil])
        #expect(custom.sources[1].title == "Custom silicon roadmap")
        #expect(custom.sources[1].kind == .illustrative)
    }

    @Test func horizonDefaultsToTheConfiguredOne() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("horizon: 2030", with: "horizon: 2032", in: "briefing.yaml")
        let workspace = try #require(fixture.load().workspace)
        #expect(workspace.scenarios.map(\.horizon) == [2030, 2032])
    }

    @Test func normalizedTargetSharesSumToOne() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("amd: 15\n  google-tpu: 25\nnormalize_shares: false", with: "amd: 12\n  google-tpu: 25\nnormalize_shares: true", in: "Data/scenarios/base.yaml")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [])
        let base = try #require(result.workspace?.scenarios.first)
        #expect(Self.close(base.targetShares.values.reduce(0, +), 1))
        #expect(Self.close(base.targetShares["nvidia"], 60.0 / 97))
    }

    @Test func vendorNarrativesKeepTheirSections() throws {
        let workspace = try #require(WorkspaceFixture().load().workspace)
        #expect(workspace.vendors.map(\.id) == ["amd", "google-tpu", "nvidia"])
        let nvidia = try #require(workspace.vendor("nvidia"))
        #expect(nvidia.name == "Nvidia")
        #expect(nvidia.tickers == ["NVDA"])
        #expect(nvidia.kind == .merchant)
        #expect(nvidia.color == "#76B900", "colours are upper-cased")
        #expect(nvidia.stance == .positive)
        #expect(nvidia.updated == Day("2026-11-24"))
        #expect(nvidia.summary == "Most of the market.")
        #expect(nvidia.sections.map(\.title) == ["Thesis", "Catalysts", "Risks", "What we watch"])
        #expect(nvidia.sections.map(\.key) == ["thesis", "catalysts", "risks", "what-we-watch"])
        #expect(nvidia.section("thesis")?.markdown == "Keeps two thirds of the market.")
        #expect(nvidia.section("catalysts")?.markdown == "- New parts.")
        #expect(nvidia.section("what-we-watch")?.markdown == "Guidance against our growth assumption.")
        #expect(nvidia.sources.map(\.id) == ["research-2025"])
        #expect(nvidia.file == "Data/vendors/nvidia.md")
        #expect(workspace.vendor("google-tpu")?.kind == .hyperscaler)
        #expect(workspace.vendor("amd")?.summary == "")
    }

    @Test func headingsInsideCodeFencesAreNotSections() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("## What we watch\n", with: "## What we watch\n```\n## Not a heading\n```\n", in: "Data/vendors/nvidia.md")
        let nvidia = try #require(fixture.load().workspace?.vendor("nvidia"))
        #expect(nvidia.sections.map(\.key) == ["thesis", "catalysts", "risks", "what-we-watch"])
        #expect(nvidia.section("what-we-watch")?.markdown == "```\n## Not a heading\n```\nGuidance against our growth assumption.")
    }

    @Test func eventsAreTypedAndSortedByDate() throws {
        let fixture = try WorkspaceFixture()
        try fixture.write(
            "Data/events/2026-10-02-amd-cloud-win.md",
            "---\ndate: 2026-10-02\nheadline: AMD wins a cloud order\nvendors: amd\nimportance: low\nsources: [research-2025]\n---\nA large order.\n")
        try fixture.write(
            "Data/events/2026-11-20-nvidia-guidance.md",
            "---\ndate: 2026-11-20\nheadline: Nvidia raises guidance\nimportance: medium\nsources: [research-2025]\n---\nHigher guidance.\n")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [])
        let events = try #require(result.workspace?.events)
        #expect(events.map(\.slug) == ["amd-cloud-win", "nvidia-guidance", "tpu-sales"])
        #expect(events.map(\.date) == [Day("2026-10-02")!, Day("2026-11-20")!, Day("2026-11-20")!])

        let event = events[2]
        #expect(event.headline == "Google offers TPUs for customers' own data centers")
        #expect(event.vendorIDs == ["google-tpu", "nvidia"])
        #expect(event.marketIDs == ["accelerators"])
        #expect(event.scenarioIDs == ["custom"])
        #expect(event.importance == .high)
        #expect(event.body == "Google will sell TPUs to other companies.")
        #expect(event.file == "Data/events/2026-11-20-tpu-sales.md")
        let source = try #require(event.sources.first)
        #expect(source.id == nil)
        #expect(source.publisher == "The Newsroom")
        #expect(source.date == Day("2026-11-20"))
        #expect(source.kind == .reported)
        // A single string is a list of one.
        #expect(events[0].vendorIDs == ["amd"])
        #expect(events[0].sources.map(\.id) == ["research-2025"])
    }

    @Test func displayPrefixIsPrependedToEveryPath() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("amd: 15", with: "amd: 12", in: "Data/scenarios/base.yaml")
        let result = WorkspaceLoader(root: fixture.root, displayPrefix: "teams/infra").load(asOf: WorkspaceFixture.asOf)
        #expect(result.diagnostics.map(\.description) == [
            "teams/infra/Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)"
        ])
    }

    @Test func asOfDefaultsToTodayInTheWorkspaceTimeZone() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("timezone: UTC", with: "timezone: Pacific/Auckland", in: "briefing.yaml")
        // 2026-11-27 12:00 UTC is already 2026-11-28 in Auckland.
        let noon = Date(timeIntervalSince1970: 1_795_780_800)
        #expect(WorkspaceLoader(root: fixture.root).load(now: noon).asOf == Day("2026-11-28"))
        try fixture.replace("timezone: Pacific/Auckland", with: "timezone: America/Los_Angeles", in: "briefing.yaml")
        #expect(WorkspaceLoader(root: fixture.root).load(now: noon).asOf == Day("2026-11-27"))
    }

    @Test func loadingTwiceGivesTheSameResult() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("amd: 15", with: "amdd: 15", in: "Data/scenarios/base.yaml")
        try fixture.replace("cadence: weekly", with: "cadence: weakly", in: "briefing.yaml")
        #expect(fixture.diagnostics() == fixture.diagnostics())
    }

    @Test(arguments: [
        ("2026-11-27", true), ("2024-02-29", true), ("2000-02-29", true), ("2026-02-29", false), ("1900-02-29", false),
        ("2026-02-30", false), ("2026-04-31", false), ("2026-13-01", false), ("2026-00-10", false), ("2026-11-00", false),
        ("2026-1-5", false), ("26-11-27", false), ("2026/11/27", false), ("2026-11-27T00:00", false), ("", false),
        ("0000-01-01", false), ("２０２６-11-27", false),
    ])
    func dayParsing(_ text: String, _ valid: Bool) {
        #expect((Day(text) != nil) == valid)
        if valid { #expect(Day(text)?.description == text) }
    }

    @Test func dayArithmetic() throws {
        let asOf = try #require(Day("2026-11-27"))
        #expect(asOf.days(since: try #require(Day("2026-06-01"))) == 179)
        #expect(asOf.days(since: try #require(Day("2025-11-27"))) == 365)
        #expect(try #require(Day("1970-01-01")).ordinal == 0)
        #expect(try #require(Day("2026-02-28")) < asOf)
    }
}

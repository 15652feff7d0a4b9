import Foundation
import Testing
import Workspace

/// Reproducers for loader bugs found while writing these tests. Each states the correct output
/// and wraps the check in `withKnownIssue`, so the suite stays green while the bug exists and
/// fails ("known issue was not recorded") once it is fixed: then drop the wrapper.
@Suite("Known loader bugs")
struct KnownLoaderBugTests {
    private static let event = "Data/events/2026-11-20-tpu-sales.md"
    private static let csv = "Data/markets/accelerators.csv"

    // MARK: - A YAML syntax error also reports "the document is empty"

    /// `YAMLDocument` reports the syntax error and leaves `root` nil; every caller then builds a
    /// `MappingReader` from the nil root, which reports a second, false error.
    static let syntaxErrors: [RuleCase] = [
        RuleCase(
            "unclosed bracket in front matter",
            [.replace("headline: Google offers TPUs for customers' own data centers", with: "headline: [Google offers TPUs", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:4:8: error: invalid YAML: did not find expected ',' or ']'"]),
        RuleCase(
            "duplicate key in front matter", [.replace("importance: high", with: "importance: high\nimportance: low", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:7:1: error: duplicate key 'importance'"]),
        RuleCase(
            "unclosed bracket in briefing.yaml", [.replace("title: Test Briefing", with: "title: [Test Briefing", in: "briefing.yaml")],
            ["briefing.yaml:2:5: error: invalid YAML: did not find expected ',' or ']'"]),
        RuleCase(
            "tab indentation in briefing.yaml", [.replace("  horizon: 2030", with: "\thorizon: 2030", in: "briefing.yaml")],
            ["briefing.yaml:8:1: error: invalid YAML: found character that cannot start any token"]),
    ]

    @Test(arguments: syntaxErrors) func syntaxErrorIsReportedOnce(_ rule: RuleCase) throws {
        var rule = rule
        rule.knownIssue = "a second error says the document is empty"
        rule.bogus = ["but the document is empty"]
        try rule.run()
    }

    // MARK: - A rejected history row makes the rows after it look wrong

    /// `loadHistory` drops a rejected row, then judges contiguity and the last year on the rows
    /// left, and reports rows that exist as missing.
    static let historyCascades: [RuleCase] = [
        RuleCase(
            "text in a middle row", [.replace("2024,100,75,10,15", with: "2024,100,75,n/a,15", in: csv)],
            ["Data/markets/accelerators.csv:3:13: error: 'amd' must be a number, got 'n/a'"],
            knownIssue: "also: 'years must be contiguous and ascending: 2025 follows 2023'", bogus: ["years must be contiguous"]),
        RuleCase(
            "shares of the last row sum to 97", [.replace("2025,200,70,10,20", with: "2025,200,70,10,17", in: csv)],
            ["Data/markets/accelerators.csv:4:1: error: vendor shares for 2025 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize: true)"],
            knownIssue: "also: 'the history ends in 2024 but the market's base_year is 2025'", bogus: ["the history ends in"]),
        RuleCase(
            "every row rejected",
            [.write(csv, "year,total,nvidia,amd,google-tpu\n2023,50,80,10,x\n2024,100,75,10,x\n2025,200,70,10,x\n")],
            [
                "Data/markets/accelerators.csv:2:15: error: 'google-tpu' must be a number, got 'x'",
                "Data/markets/accelerators.csv:3:16: error: 'google-tpu' must be a number, got 'x'",
                "Data/markets/accelerators.csv:4:16: error: 'google-tpu' must be a number, got 'x'",
            ],
            knownIssue: "also: 'the history has no rows'", bogus: ["the history has no rows"]),
        RuleCase(
            "a vendor listed twice in the market",
            [.replace("vendors: [nvidia, amd, google-tpu]", with: "vendors: [nvidia, amd, google-tpu, amd]", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:7:36: error: vendor 'amd' is listed twice"],
            knownIssue: "the amd column is counted twice: every year 'sums to 110.0%', then 'the history has no rows'",
            bogus: ["sum to 110.0%", "the history has no rows"]),
    ]

    @Test(arguments: historyCascades) func historyRowErrorsStayInTheirRow(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - A file that fails to load makes its id unknown everywhere

    /// Ids of vendors, markets, scenarios and registry sources whose file (or entry) exists but
    /// has an error are reported as unknown wherever they are cited, and a dropped scenario
    /// makes its market's probabilities look wrong.
    static let crossFileCascades: [RuleCase] = [
        RuleCase(
            "a vendor with a bad colour", [.replace("color: \"#76b900\"", with: "color: green", in: "Data/vendors/nvidia.md")],
            ["Data/vendors/nvidia.md:6:8: error: 'color' must be written #RRGGBB, got 'green'"],
            knownIssue: "also: unknown vendor 'nvidia' in accelerators.yaml and in the event", bogus: ["unknown vendor 'nvidia'"]),
        RuleCase(
            "a market without a unit", [.replace("unit: billions\n", with: "", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:1:1: error: market is missing required key 'unit'"],
            knownIssue: "also: unknown market 'accelerators' in both scenarios and in the event", bogus: ["unknown market 'accelerators'"]),
        RuleCase(
            "a registry source without a kind", [.replace("  kind: estimate\n", with: "", in: "Data/sources.yaml")],
            ["Data/sources.yaml:1:3: error: source is missing required key 'kind'"],
            knownIssue: "also: unknown source 'research-2025' at each of its four citations", bogus: ["unknown source 'research-2025'"]),
        RuleCase(
            "a scenario with a misspelt curve type", [.replace("type: s-curve", with: "type: scurve", in: "Data/scenarios/base.yaml")],
            ["Data/scenarios/base.yaml:17:9: error: 'type' must be one of 'linear', 's-curve', got 'scurve'; did you mean 's-curve'?"],
            knownIssue: "also: 'midpoint' and 'steepness' are unknown keys, and probabilities of 'accelerators' sum to 0.4 (custom 0.4) although base.yaml says 0.6",
            bogus: ["unknown key 'midpoint'", "unknown key 'steepness'", "scenario probabilities for market"]),
    ]

    @Test(arguments: crossFileCascades) func brokenFilesDoNotMakeTheirIdsUnknown(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - Single bugs

    @Test func duplicateSourceIdIsOneError() throws {
        try RuleCase(
            "duplicate source id",
            [.replace("- id: team-shares", with: "- id: research-2025\n  publisher: A\n  title: B\n  kind: illustrative\n- id: team-shares", in: "Data/sources.yaml")],
            ["Data/sources.yaml:7:7: error: duplicate source id 'research-2025' (first defined at line 1)"],
            knownIssue: "the entry's other keys are reported as unknown: 'publisher', 'title', 'kind'", bogus: ["unknown key"]
        ).run()
    }

    @Test func anEmptySourceListIsAnError() throws {
        let fixture = try WorkspaceFixture()
        try fixture.write(
            "Data/events/2026-11-21-no-sources.md", "---\ndate: 2026-11-21\nheadline: Unsourced\nimportance: low\nsources: []\n---\nText.\n")
        let result = fixture.load()
        withKnownIssue("'sources: []' passes, while a missing 'sources' is 'an event needs at least one source'") {
            #expect(result.errorCount == 1)
            #expect(result.diagnostics.first?.file == "Data/events/2026-11-21-no-sources.md")
        }
    }

    @Test func integersBeyond64BitsHaveAClearMessage() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("horizon: 2030", with: "horizon: 99999999999999999999", in: "briefing.yaml")
        let messages = fixture.diagnostics()
        #expect(messages.count == 1)
        withKnownIssue("says: 'horizon' must be a whole number, got the number 99999999999999999999") {
            #expect(messages.allSatisfy { !$0.contains("got the number 99999999999999999999") })
        }
    }

    @Test func probabilitySumsPrintAsWritten() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("probability: 0.4", with: "probability: 0.3", in: "Data/scenarios/custom.yaml")
        withKnownIssue("prints 'sum to 0.8999999999999999'") {
            #expect(fixture.diagnostics() == [
                "Data/scenarios/base.yaml:5:14: error: scenario probabilities for market 'accelerators' sum to 0.9 (base 0.6, custom 0.3), expected 1"
            ])
        }
    }

    /// `FrontMatterFile.split` splits on the Character "\n", and "\r\n" is one Character in Swift,
    /// so a Markdown file saved with Windows line endings is one long line without front matter.
    @Test(arguments: ["Data/vendors/nvidia.md", "Data/events/2026-11-20-tpu-sales.md"])
    func crlfMarkdownLoads(_ path: String) throws {
        let fixture = try WorkspaceFixture()
        try fixture.write(path, try fixture.text(path).replacingOccurrences(of: "\n", with: "\r\n"))
        let result = fixture.load()
        withKnownIssue("'expected front matter: the file must start with a '---' line'") {
            #expect(result.diagnostics.map(\.description) == [])
        }
        if let nvidia = result.workspace?.vendor("nvidia") {
            #expect(nvidia.sections.map(\.key) == ["thesis", "catalysts", "risks", "what-we-watch"])
        }
    }

    @Test func aSignedYearIsNotADate() {
        withKnownIssue("Day(\"+026-11-20\") is 0026-11-20; a source dated +025-06-10 loads as year 25") {
            #expect(Day("+026-11-20") == nil)
        }
    }

    /// Found by LoaderFuzzTests (FUZZ_SEED=7, 10, 28, 32, 38): a quote that is never closed makes
    /// the cell run to the end of the file, and the message quotes all of it, newlines included.
    @Test func anUnclosedQuoteInTheCSVGivesAOneLineError() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("2024,100,75,10,15", with: "2024,100,75,10,\"15", in: Self.csv)
        let result = fixture.load()
        #expect(result.errorCount >= 1)
        #expect(result.diagnostics.first?.description.hasPrefix("Data/markets/accelerators.csv:3:16: error: ") == true)
        withKnownIssue("says: 'google-tpu' must be a number, got '15\\n2025,200,70,10,20\\n'") {
            #expect(result.diagnostics.allSatisfy { !$0.description.contains("\n") })
        }
    }

    /// `Validator.checkScenarios` computes `market.baseYear + 1` for the message, which traps on
    /// overflow; `base_year` has no range check (unlike `defaults.horizon`).
    @Test(.disabled("crashes the test process: arithmetic overflow in Validator.checkScenarios"))
    func aHugeBaseYearIsAnErrorNotACrash() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("base_year: 2025", with: "base_year: 9223372036854775807", in: "Data/markets/accelerators.yaml")
        let result = fixture.load()
        #expect(result.errorCount >= 1)
        #expect(result.diagnostics.contains { $0.file == "Data/markets/accelerators.yaml" && $0.line == 6 })
    }
}

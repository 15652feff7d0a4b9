import Foundation
import Testing
import Workspace

/// Loader bugs found while writing these tests, now fixed: each states the correct output. A new
/// bug found later goes here first, wrapped in `withKnownIssue` (or a `RuleCase` with
/// `knownIssue`) until it is fixed.
@Suite("Loader regressions")
struct LoaderRegressionTests {
    private static let event = "Data/events/2026-11-20-tpu-sales.md"
    private static let csv = "Data/markets/accelerators.csv"

    // MARK: - A YAML syntax error is reported once

    /// A document that failed to parse has no root; that is not also "the document is empty".
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
        RuleCase(
            "an empty document is still reported", [.write("Data/vendors/extra.md", "---\n---\nText.\n")],
            ["Data/vendors/extra.md:1:1: error: expected vendor front matter to be a mapping of keys to values, but the document is empty"]),
    ]

    @Test(arguments: syntaxErrors) func syntaxErrorIsReportedOnce(_ rule: RuleCase) throws { try rule.run() }

    /// libyaml's message for its nesting limit names its C API.
    @Test func deepNestingIsReportedWithoutLibraryInternals() throws {
        let depth = 1_100
        let deep = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        try RuleCase(
            "nested too deeply", [.replace("confidence: estimate", with: "confidence: \(deep)", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:15:14: error: invalid YAML: nested too deeply"]
        ).run()
    }

    /// libyaml places an error at the end of a text without a final line break on the line after
    /// it; the position is the end of the last line.
    @Test func anErrorAtTheEndOfAFileWithoutFinalNewlineIsOnItsLastLine() throws {
        try RuleCase(
            "unclosed bracket on the last line",
            [.replace("  note: The team's own split.\n", with: "  note: [The team's own split.", in: "Data/sources.yaml")],
            ["Data/sources.yaml:11:31: error: invalid YAML: did not find expected ',' or ']'"]
        ).run()
    }

    // MARK: - A rejected history row does not make the rows around it look wrong

    /// The years of rejected rows still count for contiguity and the last year when their `year`
    /// cell is valid; a vendor listed twice is one column.
    static let historyCascades: [RuleCase] = [
        RuleCase(
            "text in a middle row", [.replace("2024,100,75,10,15", with: "2024,100,75,n/a,15", in: csv)],
            ["Data/markets/accelerators.csv:3:13: error: 'amd' must be a number, got 'n/a'"]),
        RuleCase(
            "shares of the last row sum to 97", [.replace("2025,200,70,10,20", with: "2025,200,70,10,17", in: csv)],
            ["Data/markets/accelerators.csv:4:1: error: vendor shares for 2025 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize: true)"]),
        RuleCase(
            "every row rejected",
            [.write(csv, "year,total,nvidia,amd,google-tpu\n2023,50,80,10,x\n2024,100,75,10,x\n2025,200,70,10,x\n")],
            [
                "Data/markets/accelerators.csv:2:15: error: 'google-tpu' must be a number, got 'x'",
                "Data/markets/accelerators.csv:3:16: error: 'google-tpu' must be a number, got 'x'",
                "Data/markets/accelerators.csv:4:16: error: 'google-tpu' must be a number, got 'x'",
            ]),
        RuleCase(
            "a short last row", [.replace("2025,200,70,10,20", with: "2025,200,70,30", in: csv)],
            ["Data/markets/accelerators.csv:4:1: error: row has 4 values, the header has 5 columns"]),
        RuleCase(
            "a rejected row out of order is still out of order", [.replace("2024,100,75,10,15", with: "2022,100,75,n/a,15", in: csv)],
            [
                "Data/markets/accelerators.csv:3:1: error: years must be contiguous and ascending: 2022 follows 2023",
                "Data/markets/accelerators.csv:3:13: error: 'amd' must be a number, got 'n/a'",
                "Data/markets/accelerators.csv:4:1: error: years must be contiguous and ascending: 2025 follows 2022",
            ]),
        RuleCase(
            "a vendor listed twice in the market",
            [.replace("vendors: [nvidia, amd, google-tpu]", with: "vendors: [nvidia, amd, google-tpu, amd]", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:7:36: error: vendor 'amd' is listed twice"]),
        RuleCase(
            "an empty CSV file", [.write(csv, "")],
            ["Data/markets/accelerators.csv:1:1: error: the CSV file is empty (it needs a header row)"]),
    ]

    @Test(arguments: historyCascades) func historyRowErrorsStayInTheirRow(_ rule: RuleCase) throws { try rule.run() }

    /// Found by LoaderFuzzTests (FUZZ_SEED=7, 10, 28, 32, 38): a quote that is never closed made
    /// the cell run to the end of the file, and the message quoted all of it, newlines included.
    @Test func anUnclosedQuoteInTheCSVIsOneErrorAndTheRestIsRead() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("2024,100,75,10,15", with: "2024,100,75,10,\"15", in: Self.csv)
        #expect(fixture.diagnostics() == ["Data/markets/accelerators.csv:3:16: error: a value runs over several lines — is a quote unclosed?"])
        // The rows after it are still read and checked.
        try fixture.replace("2025,200,70,10,20", with: "2025,200,70,x,20", in: Self.csv)
        #expect(fixture.diagnostics() == [
            "Data/markets/accelerators.csv:3:16: error: a value runs over several lines — is a quote unclosed?",
            "Data/markets/accelerators.csv:4:13: error: 'amd' must be a number, got 'x'",
        ])
    }

    // MARK: - A file that fails to load does not make its id unknown

    /// Ids of vendors, markets, scenarios and registry sources whose file (or entry) exists but
    /// has an error are not reported as unknown where they are cited, and a scenario that failed
    /// to load does not make its market's probabilities look wrong.
    static let crossFileCascades: [RuleCase] = [
        RuleCase(
            "a vendor with a bad colour", [.replace("color: \"#76b900\"", with: "color: green", in: "Data/vendors/nvidia.md")],
            ["Data/vendors/nvidia.md:6:8: error: 'color' must be written #RRGGBB, got 'green'"]),
        RuleCase(
            "a market without a unit", [.replace("unit: billions\n", with: "", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:1:1: error: missing required key 'unit' in market"]),
        RuleCase(
            "a market whose YAML does not parse", [.replace("unit: billions", with: "unit: [billions", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:5:9: error: invalid YAML: did not find expected ',' or ']'"]),
        RuleCase(
            "a registry source without a kind", [.replace("  kind: estimate\n", with: "", in: "Data/sources.yaml")],
            ["Data/sources.yaml:1:3: error: missing required key 'kind' in source"]),
        RuleCase(
            "a scenario with a misspelt curve type", [.replace("type: s-curve", with: "type: scurve", in: "Data/scenarios/base.yaml")],
            ["Data/scenarios/base.yaml:17:9: error: 'type' must be one of 'linear', 's-curve', got 'scurve'; did you mean 's-curve'?"]),
        RuleCase(
            "a scenario without a market", [.replace("market: accelerators\n", with: "", in: "Data/scenarios/custom.yaml")],
            ["Data/scenarios/custom.yaml:1:1: error: missing required key 'market' in scenario"]),
        RuleCase(
            "a market's only scenarios failed to load",
            [.replace("rationale: Growth slows after 2026.\n", with: "", in: "Data/scenarios/base.yaml"),
             .replace("rationale: Custom parts take share.\n", with: "", in: "Data/scenarios/custom.yaml")],
            [
                "Data/scenarios/base.yaml:1:1: error: missing required key 'rationale' in scenario",
                "Data/scenarios/custom.yaml:1:1: error: missing required key 'rationale' in scenario",
            ]),
    ]

    @Test(arguments: crossFileCascades) func brokenFilesDoNotMakeTheirIdsUnknown(_ rule: RuleCase) throws { try rule.run() }

    /// An id that no file declares is still unknown when another file of its kind failed.
    @Test func anUnknownIdIsStillReportedNextToABrokenFile() throws {
        try RuleCase(
            "a broken vendor and a misspelt one",
            [
                .replace("color: \"#76b900\"", with: "color: green", in: "Data/vendors/nvidia.md"),
                .replace("vendors: [google-tpu, nvidia]", with: "vendors: [google-tpv, nvidia]", in: Self.event),
            ],
            [
                "Data/events/2026-11-20-tpu-sales.md:4:11: error: unknown vendor 'google-tpv'; did you mean 'google-tpu'?",
                "Data/vendors/nvidia.md:6:8: error: 'color' must be written #RRGGBB, got 'green'",
            ]
        ).run()
    }

    // MARK: - Single bugs

    @Test func duplicateSourceIdIsOneError() throws {
        try RuleCase(
            "duplicate source id",
            [.replace("- id: team-shares", with: "- id: research-2025\n  publisher: A\n  title: B\n  kind: illustrative\n- id: team-shares", in: "Data/sources.yaml")],
            ["Data/sources.yaml:7:7: error: duplicate source id 'research-2025' (first defined at line 1)"]
        ).run()
    }

    @Test(arguments: [("sources: []", 10), ("sources:", 9)])
    func anEmptySourceListIsAnError(_ line: String, _ column: Int) throws {
        let fixture = try WorkspaceFixture()
        try fixture.write(
            "Data/events/2026-11-21-no-sources.md", "---\ndate: 2026-11-21\nheadline: Unsourced\nimportance: low\n\(line)\n---\nText.\n")
        #expect(fixture.diagnostics() == ["Data/events/2026-11-21-no-sources.md:5:\(column): error: an event needs at least one source"])
    }

    @Test func integersBeyond64BitsHaveAClearMessage() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("horizon: 2030", with: "horizon: 99999999999999999999", in: "briefing.yaml")
        try fixture.replace("cagr_sigma: 0.04", with: "cagr_sigma: -99999999999999999999", in: "Data/scenarios/base.yaml")
        #expect(fixture.diagnostics() == [
            "Data/scenarios/base.yaml:21:15: error: 'cagr_sigma' is too small",
            "briefing.yaml:8:12: error: 'horizon' is too large",
        ])
    }

    @Test func probabilitySumsPrintAsWritten() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("probability: 0.4", with: "probability: 0.3", in: "Data/scenarios/custom.yaml")
        #expect(fixture.diagnostics() == [
            "Data/scenarios/base.yaml:5:14: error: scenario probabilities for market 'accelerators' sum to 0.9 (base 0.6, custom 0.3), expected 1"
        ])
    }

    /// "\r\n" is one Character in Swift; every file is read with "\n" line endings.
    @Test(arguments: ["Data/vendors/nvidia.md", "Data/events/2026-11-20-tpu-sales.md"])
    func crlfMarkdownLoads(_ path: String) throws {
        let fixture = try WorkspaceFixture()
        try fixture.write(path, try fixture.text(path).replacingOccurrences(of: "\n", with: "\r\n"))
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [])
        let workspace = try #require(result.workspace)
        #expect(workspace.vendor("nvidia")?.sections.map(\.key) == ["thesis", "catalysts", "risks", "what-we-watch"])
        #expect(workspace.vendor("nvidia")?.sections.allSatisfy { !$0.markdown.contains("\r") } == true)
        #expect(workspace.events.first?.body == "Google will sell TPUs to other companies.")
    }

    @Test(arguments: ["\r\n", "\r"])
    func everyFileLoadsWithOtherLineEndings(_ lineEnd: String) throws {
        let fixture = try WorkspaceFixture()
        for path in WorkspaceFixture.files.keys {
            try fixture.write(path, try fixture.text(path).replacingOccurrences(of: "\n", with: lineEnd))
        }
        #expect(fixture.diagnostics() == [])
        // Positions are those of the lines as written.
        try fixture.replace("amd:\(" ")15", with: "amd: 12", in: "Data/scenarios/base.yaml")
        try fixture.replace("2023,50,80,10,10", with: "2023,50,80,n/a,10", in: Self.csv)
        #expect(fixture.diagnostics() == [
            "Data/markets/accelerators.csv:2:12: error: 'amd' must be a number, got 'n/a'",
            "Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)",
        ])
    }

    @Test(arguments: ["+026-11-20", "2026-+1-20", "2026-11-+2", "2026- 1-20", "٢٠٢٦-11-20"])
    func aSignedYearIsNotADate(_ text: String) {
        #expect(Day(text) == nil)
    }

    /// `Validator.checkScenarios` computed `market.baseYear + 1`, which trapped on overflow;
    /// `base_year` and a scenario's `horizon` are now years in 1900…2200.
    @Test func aHugeBaseYearIsAnErrorNotACrash() throws {
        try RuleCase(
            "base_year Int.max",
            [.replace("base_year: 2025", with: "base_year: 9223372036854775807", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:6:12: error: 'base_year' must be a year between 1900 and 2200, got 9223372036854775807"]
        ).run()
        try RuleCase(
            "horizon and a growth year Int.max",
            [
                .replace("horizon: 2030", with: "horizon: 9223372036854775807", in: "Data/scenarios/base.yaml"),
                .replace("2026: 0.5", with: "9223372036854775807: 0.5", in: "Data/scenarios/base.yaml"),
            ],
            ["Data/scenarios/base.yaml:6:10: error: 'horizon' must be a year between 1900 and 2200, got 9223372036854775807"]
        ).run()
        try RuleCase(
            "a growth year Int.max", [.replace("2026: 0.5", with: "9223372036854775807: 0.5", in: "Data/scenarios/base.yaml")],
            ["Data/scenarios/base.yaml:9:26: error: growth for 9223372036854775807 lies outside 2026…2030 (after the base year, up to the horizon)"]
        ).run()
    }

    /// A value that runs over several lines is quoted by its first line only.
    @Test func messagesQuoteOneLine() throws {
        try RuleCase(
            "a block of text as a currency", [.replace("currency: USD", with: "currency: |\n  US\n  Dollars", in: "Data/markets/accelerators.yaml")],
            ["Data/markets/accelerators.yaml:5:11: error: 'currency' must be a three-letter code such as USD, got 'US…'"]
        ).run()
    }
}

import Foundation
import Testing
import Workspace

/// One change to the valid fixture.
enum Edit: Sendable {
    /// Replaces the one occurrence of `old` in `file`.
    case replace(String, with: String, in: String)
    case write(String, String)
    case remove(String)
}

/// A minimal violation of one rule and the exact diagnostics it gives (`file:line:col: severity:
/// message`, sorted as the loader sorts them).
///
/// `knownIssue` names a loader bug the row runs into, and `bogus` the text of the false
/// diagnostics it adds: the other diagnostics must still be exactly `expected`, and the bogus
/// ones are recorded as a known issue (the row fails once the bug is fixed, as a reminder to
/// drop `knownIssue`).
struct RuleCase: CustomTestStringConvertible, Sendable {
    let name: String
    let edits: [Edit]
    let expected: [String]
    var asOf: Day = WorkspaceFixture.asOf
    var knownIssue: String?
    var bogus: [String]

    init(
        _ name: String, _ edits: [Edit], _ expected: [String], asOf: Day = WorkspaceFixture.asOf, knownIssue: String? = nil,
        bogus: [String] = []
    ) {
        self.name = name
        self.edits = edits
        self.expected = expected
        self.asOf = asOf
        self.knownIssue = knownIssue
        self.bogus = bogus
    }

    var testDescription: String { name }

    func run(sourceLocation: SourceLocation = #_sourceLocation) throws {
        let fixture = try WorkspaceFixture()
        for edit in edits {
            switch edit {
            case .replace(let old, let new, let path): try fixture.replace(old, with: new, in: path, sourceLocation: sourceLocation)
            case .write(let path, let text): try fixture.write(path, text)
            case .remove(let path): try fixture.remove(path)
            }
        }
        let result = fixture.load(asOf: asOf)
        let actual = result.diagnostics.map(\.description)
        // Errors and only errors withhold the workspace.
        #expect((result.workspace == nil) == (result.errorCount > 0), sourceLocation: sourceLocation)
        guard let knownIssue else {
            #expect(actual == expected, sourceLocation: sourceLocation)
            return
        }
        let falseOnes = actual.filter { line in bogus.contains { line.contains($0) } }
        #expect(actual.filter { !falseOnes.contains($0) } == expected, sourceLocation: sourceLocation)
        withKnownIssue(Comment(rawValue: knownIssue)) {
            #expect(falseOnes == [], sourceLocation: sourceLocation)
        }
    }
}

private let base = "Data/scenarios/base.yaml"
private let custom = "Data/scenarios/custom.yaml"
private let market = "Data/markets/accelerators.yaml"
private let csv = "Data/markets/accelerators.csv"
private let event = "Data/events/2026-11-20-tpu-sales.md"
private let sources = "Data/sources.yaml"
private let manifest = "briefing.yaml"

/// A vendor narrative no market lists, so a broken one affects nothing else.
private func extraVendor(id: String = "extra", updated: String = "2026-11-01", extraKeys: String = "") -> String {
    "---\nid: \(id)\nname: Extra\nkind: other\ncolor: \"#000000\"\nstance: neutral\nupdated: \(updated)\n\(extraKeys)---\n## Thesis\nA.\n\n## Catalysts\nB.\n\n## Risks\nC.\n"
}

/// An event with every field valid, for file-name rules.
private let plainEvent = "---\ndate: 2026-11-20\nheadline: Something happened\nimportance: low\nsources: [research-2025]\n---\nText.\n"

@Suite("Validation rules")
struct ValidationRuleTests {
    // MARK: - Probabilities

    static let probabilityRules: [RuleCase] = [
        RuleCase(
            "probabilities of a market sum to 0.9", [.replace("probability: 0.6", with: "probability: 0.5", in: base)],
            ["Data/scenarios/base.yaml:5:14: error: scenario probabilities for market 'accelerators' sum to 0.9 (base 0.5, custom 0.4), expected 1"]),
        RuleCase("1e-7 off still sums to 1", [.replace("probability: 0.4", with: "probability: 0.4000001", in: custom)], []),
        RuleCase(
            "1e-5 off does not", [.replace("probability: 0.4", with: "probability: 0.40001", in: custom)],
            ["Data/scenarios/base.yaml:5:14: error: scenario probabilities for market 'accelerators' sum to 1.00001 (base 0.6, custom 0.40001), expected 1"]),
        RuleCase(
            "a probability outside 0…1",
            [.replace("probability: 0.6", with: "probability: 1.6", in: base), .replace("probability: 0.4", with: "probability: -0.6", in: custom)],
            [
                "Data/scenarios/base.yaml:5:14: error: 'probability' must be between 0 and 1, got 1.6",
                "Data/scenarios/custom.yaml:5:14: error: 'probability' must be between 0 and 1, got -0.6",
            ]),
        RuleCase(
            "a market without scenarios is a warning",
            [.remove(base), .remove(custom), .replace("scenarios: [custom]\n", with: "", in: event)],
            ["Data/markets/accelerators.yaml: warning: market 'accelerators' has no scenarios, so nothing can be projected"]),
    ]

    @Test(arguments: probabilityRules) func probabilities(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - Target shares

    static let shareRules: [RuleCase] = [
        RuleCase(
            "target shares sum to 97", [.replace("amd: 15", with: "amd: 12", in: base)],
            ["Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)"]),
        RuleCase("100.05 is inside the default tolerance", [.replace("amd: 15", with: "amd: 15.05", in: base)], []),
        RuleCase(
            "100.2 is outside it", [.replace("amd: 15", with: "amd: 15.2", in: base)],
            ["Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 100.2%, expected 100% ± 0.1 pp (or set normalize_shares: true)"]),
        RuleCase(
            "normalize_shares accepts 97",
            [.replace("amd: 15", with: "amd: 12", in: base), .replace("normalize_shares: false", with: "normalize_shares: true", in: base)], []),
        RuleCase(
            "normalize_shares with nothing to normalise",
            [
                .replace("nvidia: 60\n  amd: 15\n  google-tpu: 25", with: "nvidia: 0\n  amd: 0\n  google-tpu: 0", in: base),
                .replace("normalize_shares: false", with: "normalize_shares: true", in: base),
            ],
            ["Data/scenarios/base.yaml:12:3: error: target shares sum to 0: nothing to normalise"]),
        RuleCase(
            "a custom tolerance of 5 pp accepts 97",
            [.replace("share_tolerance_pp: 0.1", with: "share_tolerance_pp: 5", in: manifest), .replace("amd: 15", with: "amd: 12", in: base)], []),
        RuleCase(
            "and rejects 94",
            [.replace("share_tolerance_pp: 0.1", with: "share_tolerance_pp: 5", in: manifest), .replace("amd: 15", with: "amd: 9", in: base)],
            ["Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 94.0%, expected 100% ± 5 pp (or set normalize_shares: true)"]),
        RuleCase(
            "a tolerance of 0 rejects 100.05",
            [.replace("share_tolerance_pp: 0.1", with: "share_tolerance_pp: 0", in: manifest), .replace("amd: 15", with: "amd: 15.05", in: base)],
            ["Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 100.05%, expected 100% ± 0 pp (or set normalize_shares: true)"]),
        RuleCase(
            "a negative tolerance", [.replace("share_tolerance_pp: 0.1", with: "share_tolerance_pp: -1", in: manifest)],
            ["briefing.yaml:10:25: error: 'share_tolerance_pp' must not be negative, got -1"]),
        RuleCase(
            "every vendor of the market needs a target share", [.replace("  amd: 15\n", with: "", in: base)],
            [
                "Data/scenarios/base.yaml:12:3: error: no target share for 'amd' (every vendor of 'accelerators' needs one)",
                "Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 85.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)",
            ]),
        RuleCase(
            "a target share for a vendor outside the market", [.replace("amd: 15", with: "amdd: 15", in: base)],
            [
                "Data/scenarios/base.yaml:12:3: error: no target share for 'amd' (every vendor of 'accelerators' needs one)",
                "Data/scenarios/base.yaml:13:3: error: 'amdd' is not a vendor of market 'accelerators'; did you mean 'amd'?",
            ]),
        RuleCase(
            "a negative target share",
            [.replace("amd: 15\n  google-tpu: 25", with: "amd: -15\n  google-tpu: 55", in: base)],
            ["Data/scenarios/base.yaml:13:8: error: the target share of 'amd' is negative (-15)"]),
    ]

    @Test(arguments: shareRules) func targetShares(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - History

    static let historyRules: [RuleCase] = [
        RuleCase(
            "history shares of a year sum to 97", [.replace("2023,50,80,10,10", with: "2023,50,80,10,7", in: csv)],
            ["Data/markets/accelerators.csv:2:1: error: vendor shares for 2023 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize: true)"]),
        RuleCase(
            "normalize: true accepts them",
            [.replace("2023,50,80,10,10", with: "2023,50,80,10,7", in: csv), .replace("normalize: false", with: "normalize: true", in: market)], []),
        RuleCase(
            "the share tolerance applies to history",
            [.replace("2023,50,80,10,10", with: "2023,50,80,10,7", in: csv), .replace("share_tolerance_pp: 0.1", with: "share_tolerance_pp: 3", in: manifest)],
            []),
        RuleCase(
            "revenue history sums to the total",
            [
                .replace("values: share", with: "values: revenue", in: market),
                .write(csv, "year,total,nvidia,amd,google-tpu\n2023,50,40,5,4\n2024,100,75,10,15\n2025,200,140,20,40\n"),
            ],
            ["Data/markets/accelerators.csv:2:1: error: vendor revenue for 2023 sums to 49, expected the total 50 ± 0.1%"]),
        RuleCase(
            "revenue history within the tolerance",
            [
                .replace("values: share", with: "values: revenue", in: market),
                .write(csv, "year,total,nvidia,amd,google-tpu\n2023,50,40,5,5.04\n2024,100,75,10,15\n2025,200,140,20,40\n"),
            ], []),
        RuleCase(
            "years are contiguous", [.replace("2023,50,80,10,10", with: "2022,50,80,10,10", in: csv)],
            ["Data/markets/accelerators.csv:3:1: error: years must be contiguous and ascending: 2024 follows 2022"]),
        RuleCase(
            "years ascend", [.write(csv, "year,total,nvidia,amd,google-tpu\n2025,200,70,10,20\n2024,100,75,10,15\n")],
            [
                "Data/markets/accelerators.csv:3:1: error: years must be contiguous and ascending: 2024 follows 2025",
                "Data/markets/accelerators.yaml:9:9: error: the history ends in 2024 but the market's base_year is 2025",
            ]),
        RuleCase(
            "history ends at the base year", [.replace("2025,200,70,10,20\n", with: "", in: csv)],
            ["Data/markets/accelerators.yaml:9:9: error: the history ends in 2024 but the market's base_year is 2025"]),
        RuleCase(
            "a negative share in the CSV", [.replace("2023,50,80,10,10", with: "2023,50,80,-10,30", in: csv)],
            ["Data/markets/accelerators.csv:2:12: error: 'amd' must not be negative, got -10"]),
        RuleCase(
            "a negative total in the CSV", [.replace("2023,50,80,10,10", with: "2023,-50,80,10,10", in: csv)],
            ["Data/markets/accelerators.csv:2:6: error: 'total' must not be negative, got -50"]),
        RuleCase(
            "negative revenue",
            [
                .replace("values: share", with: "values: revenue", in: market),
                .write(csv, "year,total,nvidia,amd,google-tpu\n2023,50,55,-5,0\n2024,100,75,10,15\n2025,200,140,20,40\n"),
            ],
            ["Data/markets/accelerators.csv:2:12: error: 'amd' must not be negative, got -5"]),
        RuleCase(
            "text where a number belongs", [.replace("2023,50,80,10,10", with: "2023,50,80,n/a,10", in: csv)],
            ["Data/markets/accelerators.csv:2:12: error: 'amd' must be a number, got 'n/a'"]),
        RuleCase(
            "an empty cell", [.replace("2023,50,80,10,10", with: "2023,50,80,,20", in: csv)],
            ["Data/markets/accelerators.csv:2:12: error: 'amd' is empty"]),
        RuleCase(
            "a year that is not a year", [.replace("2023,50,80,10,10", with: "2023.5,50,80,10,10", in: csv)],
            ["Data/markets/accelerators.csv:2:1: error: 'year' must be a year, got '2023.5'"]),
        RuleCase(
            "a row with a value missing", [.replace("2023,50,80,10,10", with: "2023,50,80,20", in: csv)],
            ["Data/markets/accelerators.csv:2:1: error: row has 4 values, the header has 5 columns"]),
        RuleCase(
            "a vendor column missing", [.write(csv, "year,total,nvidia,amd\n2023,50,80,20\n2024,100,75,25\n2025,200,70,30\n")],
            ["Data/markets/accelerators.csv:1:1: error: the header has no column for vendor 'google-tpu'"]),
        RuleCase(
            "a misspelt vendor column",
            [.write(csv, "year,total,nvidia,amd,google-tp\n2023,50,80,10,10\n2024,100,75,10,15\n2025,200,70,10,20\n")],
            [
                "Data/markets/accelerators.csv:1:1: error: the header has no column for vendor 'google-tpu'",
                "Data/markets/accelerators.csv:1:23: error: column 'google-tp' is not a vendor of this market; did you mean 'google-tpu'?",
            ]),
        RuleCase(
            "a column twice", [.write(csv, "year,total,nvidia,amd,google-tpu,amd\n2023,50,80,10,10,10\n2024,100,75,10,15,10\n2025,200,70,10,20,10\n")],
            ["Data/markets/accelerators.csv:1:34: error: column 'amd' appears twice"]),
        RuleCase(
            "no year column", [.write(csv, "total,nvidia,amd,google-tpu\n50,80,10,10\n")],
            ["Data/markets/accelerators.csv:1:1: error: the header has no 'year' column"]),
        RuleCase(
            "a header without rows", [.write(csv, "year,total,nvidia,amd,google-tpu\n")],
            ["Data/markets/accelerators.csv:1:1: error: the history has no rows"]),
        RuleCase(
            "the history file is missing", [.remove(csv)],
            ["Data/markets/accelerators.yaml:9:9: error: history file 'Data/markets/accelerators.csv' does not exist"]),
        RuleCase(
            "the history file must stay next to the market",
            [.replace("file: accelerators.csv", with: "file: ../../briefing.yaml", in: market)],
            ["Data/markets/accelerators.yaml:9:9: error: 'file' must name a file next to the market's YAML (no absolute paths or '..'), got '../../briefing.yaml'"]),
        RuleCase(
            "CRLF line endings and a blank line keep CSV positions",
            [.write(csv, "year,total,nvidia,amd,google-tpu\r\n2023,50,80,10,10\r\n\r\n2024,100,75,10,15\r\n2025,200,70,10,20\r\n")], []),
    ]

    @Test(arguments: historyRules) func history(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - References between files

    static let referenceRules: [RuleCase] = [
        RuleCase(
            "a market lists an unknown vendor",
            [
                .replace("vendors: [nvidia, amd, google-tpu]", with: "vendors: [nvidia, amd, google-tpv]", in: market),
                .replace("google-tpu\n", with: "google-tpv\n", in: csv),
                .replace("google-tpu: 25", with: "google-tpv: 25", in: base),
                .replace("google-tpu: 45", with: "google-tpv: 45", in: custom),
            ],
            ["Data/markets/accelerators.yaml:7:24: error: unknown vendor 'google-tpv'; did you mean 'google-tpu'?"]),
        RuleCase(
            "a scenario names an unknown market", [.replace("market: accelerators", with: "market: accelerator", in: base)],
            [
                "Data/scenarios/base.yaml:4:9: error: unknown market 'accelerator'; did you mean 'accelerators'?",
                "Data/scenarios/custom.yaml:5:14: error: scenario probabilities for market 'accelerators' sum to 0.4 (custom 0.4), expected 1",
            ]),
        RuleCase(
            "an event names an unknown vendor", [.replace("vendors: [google-tpu, nvidia]", with: "vendors: [google-tpu, nvdia]", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:4:23: error: unknown vendor 'nvdia'; did you mean 'nvidia'?"]),
        RuleCase(
            "an event names an unknown market", [.replace("markets: [accelerators]", with: "markets: [acelerators]", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:5:11: error: unknown market 'acelerators'; did you mean 'accelerators'?"]),
        RuleCase(
            "an event names an unknown scenario", [.replace("scenarios: [custom]", with: "scenarios: [costum]", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:6:13: error: unknown scenario 'costum'; did you mean 'custom'?"]),
        RuleCase(
            "an unknown id without a close match", [.replace("scenarios: [custom]", with: "scenarios: [bear]", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:6:13: error: unknown scenario 'bear'"]),
        RuleCase(
            "a scenario cites an unknown source", [.replace("sources: [research-2025]", with: "sources: [research-2026]", in: base)],
            ["Data/scenarios/base.yaml:25:11: error: unknown source 'research-2026'; did you mean 'research-2025'?"]),
        RuleCase(
            "a source id without a close match", [.replace("sources: [research-2025]", with: "sources: [gartner]", in: base)],
            ["Data/scenarios/base.yaml:25:11: error: unknown source 'gartner' (sources are listed in Data/sources.yaml)"]),
        RuleCase(
            "a market cites an unknown source", [.replace("total: research-2025", with: "total: research-2024", in: market)],
            ["Data/markets/accelerators.yaml:13:10: error: unknown source 'research-2024'; did you mean 'research-2025'?"]),
        RuleCase(
            "per-vendor sources of a market",
            [.replace("vendors: team-shares", with: "vendors:\n    nvidia: team-shares\n    amd: team-shares\n    intel: team-shares", in: market)],
            [
                "Data/markets/accelerators.yaml:15:5: error: no source for vendor 'google-tpu'",
                "Data/markets/accelerators.yaml:17:5: error: vendor 'intel' is not one of this market's vendors",
            ]),
        RuleCase(
            "a narrative cites an unknown source", [.replace("sources: [research-2025]", with: "sources: [reserch-2025]", in: "Data/vendors/nvidia.md")],
            ["Data/vendors/nvidia.md:9:11: error: unknown source 'reserch-2025'; did you mean 'research-2025'?"]),
        RuleCase(
            "an event cites an unknown source",
            [.write("Data/events/2026-11-21-more.md", plainEvent.replacingOccurrences(of: "2026-11-20", with: "2026-11-21").replacingOccurrences(of: "[research-2025]", with: "[team-share]"))],
            ["Data/events/2026-11-21-more.md:5:11: error: unknown source 'team-share'; did you mean 'team-shares'?"]),
        RuleCase(
            "an event needs a source",
            [
                .write(
                    "Data/events/2026-11-21-more.md",
                    plainEvent.replacingOccurrences(of: "2026-11-20", with: "2026-11-21").replacingOccurrences(of: "sources: [research-2025]\n", with: ""))
            ],
            ["Data/events/2026-11-21-more.md:2:1: error: an event needs at least one source"]),
    ]

    @Test(arguments: referenceRules) func references(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - Years, horizon and growth

    static let yearRules: [RuleCase] = [
        RuleCase(
            "a growth year at the base year", [.replace("2026: 0.5", with: "2025: 0.5", in: base)],
            ["Data/scenarios/base.yaml:9:11: error: growth for 2025 lies outside 2026…2030 (after the base year, up to the horizon)"]),
        RuleCase(
            "a growth year after the horizon", [.replace("2026: 0.5", with: "2031: 0.5", in: base)],
            ["Data/scenarios/base.yaml:9:11: error: growth for 2031 lies outside 2026…2030 (after the base year, up to the horizon)"]),
        RuleCase(
            "a growth year that is not a year", [.replace("2026: 0.5", with: "next: 0.5", in: base)],
            ["Data/scenarios/base.yaml:9:5: error: growth years must be years, got 'next'"]),
        RuleCase(
            "the horizon comes after the base year",
            [.replace("horizon: 2030", with: "horizon: 2025", in: base), .replace("  by_year:\n    2026: 0.5\n", with: "", in: base)],
            ["Data/scenarios/base.yaml:6:10: error: the horizon 2025 must come after the market's base year 2025"]),
        RuleCase(
            "the configured horizon must be a plausible year", [.replace("horizon: 2030", with: "horizon: 1999", in: manifest)],
            ["briefing.yaml:8:12: error: 'horizon' must be a year between 2000 and 2100, got 1999"]),
        RuleCase(
            "growth of -100% in a named year", [.replace("2026: 0.5", with: "2026: -1", in: base)],
            ["Data/scenarios/base.yaml:9:11: error: growth for 2026 is -100.0%: it must be more than -100%"]),
        RuleCase("growth of -99% is allowed", [.replace("2026: 0.5", with: "2026: -0.99", in: base)], []),
        RuleCase(
            "a CAGR of -150%", [.replace("cagr: 0.2", with: "cagr: -1.5", in: base)],
            ["Data/scenarios/base.yaml:10:9: error: 'cagr' is -150.0%: it must be more than -100%"]),
        RuleCase(
            "a CAGR of exactly -100%", [.replace("cagr: 0.25", with: "cagr: -1", in: custom)],
            ["Data/scenarios/custom.yaml:7:9: error: 'cagr' is -100.0%: it must be more than -100%"]),
        RuleCase(
            "an s-curve needs a positive steepness", [.replace("steepness: 1.5", with: "steepness: 0", in: base)],
            ["Data/scenarios/base.yaml:19:14: error: 'steepness' must be more than 0, got 0"]),
        RuleCase(
            "a negative sigma", [.replace("cagr_sigma: 0.04", with: "cagr_sigma: -0.04", in: base)],
            ["Data/scenarios/base.yaml:21:15: error: 'cagr_sigma' must not be negative, got -0.04"]),
    ]

    @Test(arguments: yearRules) func yearsAndGrowth(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - Dates

    static let dateRules: [RuleCase] = [
        RuleCase(
            "an event dated 2026-02-30", [.replace("date: 2026-11-20\nheadline", with: "date: 2026-02-30\nheadline", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:2:7: error: 'date' must be a real date written YYYY-MM-DD, got '2026-02-30'"]),
        RuleCase(
            "a narrative updated 2026-02-30", [.write("Data/vendors/extra.md", extraVendor(updated: "2026-02-30"))],
            ["Data/vendors/extra.md:7:10: error: 'updated' must be a real date written YYYY-MM-DD, got '2026-02-30'"]),
        RuleCase(
            "a narrative updated 'last week'", [.write("Data/vendors/extra.md", extraVendor(updated: "last week"))],
            ["Data/vendors/extra.md:7:10: error: 'updated' must be a real date written YYYY-MM-DD, got 'last week'"]),
        RuleCase(
            "a source dated 2026-02-30", [.replace("  kind: illustrative\n", with: "  date: 2026-02-30\n  kind: illustrative\n", in: sources)],
            ["Data/sources.yaml:10:9: error: 'date' must be a real date written YYYY-MM-DD, got '2026-02-30'"]),
        RuleCase(
            "a date without zero padding", [.replace("date: 2026-11-20\nheadline", with: "date: 2026-11-2\nheadline", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:2:7: error: 'date' must be a real date written YYYY-MM-DD, got '2026-11-2'"]),
        RuleCase(
            "a date as a list", [.replace("date: 2026-11-20\nheadline", with: "date: [2026, 11, 20]\nheadline", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:2:7: error: 'date' must be a date (YYYY-MM-DD), got a list"]),
        // As-of is a point in time: an event after it loads (the briefing leaves it for later periods).
        RuleCase(
            "an event after the as-of date loads",
            [.remove(event), .write("Data/events/2026-11-28-tpu-sales.md", WorkspaceFixture.event.replacingOccurrences(of: "date: 2026-11-20\nheadline", with: "date: 2026-11-28\nheadline"))],
            []),
        RuleCase(
            "an event after today is a warning",
            [.remove(event), .write("Data/events/2099-11-28-tpu-sales.md", WorkspaceFixture.event.replacingOccurrences(of: "date: 2026-11-20\nheadline", with: "date: 2099-11-28\nheadline"))],
            ["Data/events/2099-11-28-tpu-sales.md:2:7: warning: the event is dated 2099-11-28, after today; is the date mistyped?"]),
        RuleCase(
            "is fine once the as-of date has come",
            [.remove(event), .write("Data/events/2026-11-28-tpu-sales.md", WorkspaceFixture.event.replacingOccurrences(of: "date: 2026-11-20\nheadline", with: "date: 2026-11-28\nheadline"))],
            [], asOf: Day("2026-11-28")!),
        RuleCase(
            "the file name date differs", [.replace("date: 2026-11-20\nheadline", with: "date: 2026-11-19\nheadline", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:2:7: error: 'date' is 2026-11-19 but the file name says 2026-11-20"]),
        RuleCase(
            "a narrative updated after the as-of date is used with a warning", [.write("Data/vendors/extra.md", extraVendor(updated: "2026-11-28"))],
            ["Data/vendors/extra.md:7:10: warning: 'updated' is 2026-11-28, after the as-of date 2026-11-27: the narrative is used as it is now"]),
        RuleCase(
            "a narrative updated after today is a warning", [.write("Data/vendors/extra.md", extraVendor(updated: "2099-11-28"))],
            ["Data/vendors/extra.md:7:10: warning: 'updated' is 2099-11-28, after today; is the date mistyped?"]),
    ]

    @Test(arguments: dateRules) func dates(_ rule: RuleCase) throws { try rule.run() }

    @Test(arguments: [
        "2026-11-20_tpu.md", "2026-13-01-tpu.md", "2026-02-30-tpu.md", "tpu.md", "2026-11-20-Bad_Slug.md", "2026-11-20-.md",
        "2026-11-20-a--b.md", "2026-11-20.md", "26-11-20-tpu.md",
    ])
    func eventFileNames(_ name: String) throws {
        try RuleCase(
            name, [.write("Data/events/\(name)", plainEvent)],
            ["Data/events/\(name): error: event files are named YYYY-MM-DD-slug.md (a real date, then a slug), got '\(name)'"]
        ).run()
    }

    // MARK: - Ids

    @Test(arguments: ["AI_Accel", "-x", "a--b", "ab-", "9lives", "über", "a b"])
    func idsAreSlugs(_ id: String) throws {
        try RuleCase(
            id, [.write("Data/vendors/extra.md", extraVendor(id: "'\(id)'"))],
            ["Data/vendors/extra.md:2:5: error: '\(id)' is not a valid id: use lowercase letters, digits and single hyphens, starting with a letter"]
        ).run()
    }

    static let idRules: [RuleCase] = [
        RuleCase("a slug with digits and hyphens", [.write("Data/vendors/extra-9.md", extraVendor(id: "extra-9"))], []),
        RuleCase(
            "a vendor's file name is its id", [.write("Data/vendors/extra.md", extraVendor(id: "extra-one"))],
            ["Data/vendors/extra.md:2:5: error: vendor 'extra-one' must be in a file named extra-one.md"]),
        RuleCase(
            "a scenario's file name is its id", [.replace("id: custom", with: "id: bull", in: custom)],
            [
                "Data/events/2026-11-20-tpu-sales.md:6:13: error: unknown scenario 'custom'",
                "Data/scenarios/custom.yaml:1:5: error: scenario 'bull' must be in a file named bull.yaml",
            ]),
        RuleCase(
            "vendor ids are unique", [.write("Data/vendors/extra.md", extraVendor(id: "amd"))],
            [
                "Data/vendors/extra.md:2:5: error: vendor 'amd' must be in a file named amd.md",
                "Data/vendors/extra.md:2:5: error: duplicate vendor id 'amd' (also in Data/vendors/amd.md)",
            ]),
        RuleCase(
            "source ids are slugs and unique",
            [.replace("- id: team-shares", with: "- id: team-shares\n  publisher: A\n  title: B\n  kind: illustrative\n- id: Team_Shares", in: sources)],
            ["Data/sources.yaml:11:7: error: 'Team_Shares' is not a valid id: use lowercase letters, digits and single hyphens, starting with a letter"]),
    ]

    @Test(arguments: idRules) func ids(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - Unknown keys, types and required keys

    static let keyRules: [RuleCase] = [
        RuleCase(
            "probabilty", [.replace("probability: 0.6", with: "probabilty: 0.6", in: base)],
            [
                "Data/scenarios/base.yaml:1:1: error: missing required key 'probability' in scenario",
                "Data/scenarios/base.yaml:5:1: error: unknown key 'probabilty' in scenario; did you mean 'probability'?",
            ]),
        RuleCase(
            "growth: {cgar: …}", [.replace("cagr: 0.25", with: "cgar: 0.25", in: custom)],
            [
                "Data/scenarios/custom.yaml:7:3: error: missing required key 'cagr' in growth assumptions",
                "Data/scenarios/custom.yaml:7:3: error: unknown key 'cgar' in growth assumptions; did you mean 'cagr'?",
            ]),
        RuleCase(
            "a misspelt section of briefing.yaml", [.replace("  validation:", with: "  validaton:", in: manifest)],
            ["briefing.yaml:9:3: error: unknown key 'validaton' in defaults; did you mean 'validation'?"]),
        RuleCase(
            "a misspelt key two levels down", [.replace("share_tolerance_pp", with: "share_tolerence_pp", in: manifest)],
            ["briefing.yaml:10:5: error: unknown key 'share_tolerence_pp' in validation settings; did you mean 'share_tolerance_pp'?"]),
        RuleCase(
            "a misspelt key of the history settings", [.replace("normalize: false", with: "normalise: false", in: market)],
            ["Data/markets/accelerators.yaml:11:3: error: unknown key 'normalise' in history settings; did you mean 'normalize'?"]),
        RuleCase(
            "a misspelt key in front matter", [.replace("tickers: [AMD]", with: "ticker: [AMD]", in: "Data/vendors/amd.md")],
            ["Data/vendors/amd.md:4:1: error: unknown key 'ticker' in vendor front matter; did you mean 'tickers'?"]),
        RuleCase(
            "an unknown key without a close match", [.replace("tickers: [AMD]", with: "tickers: [AMD]\nanalyst: Jane", in: "Data/vendors/amd.md")],
            ["Data/vendors/amd.md:5:1: error: unknown key 'analyst' in vendor front matter"]),
        RuleCase(
            "a misspelt key of an inline source", [.replace("    title: Google", with: "    titel: Google", in: event)],
            [
                "Data/events/2026-11-20-tpu-sales.md:9:5: error: missing required key 'title' in source",
                "Data/events/2026-11-20-tpu-sales.md:10:5: error: unknown key 'titel' in source; did you mean 'title'?",
            ]),
        RuleCase(
            "a linear curve takes no other keys", [.replace("type: linear", with: "type: linear\n  midpoint: 2028", in: custom)],
            ["Data/scenarios/custom.yaml:14:3: error: unknown key 'midpoint' in curve"]),
        RuleCase(
            "a value outside a list of choices", [.replace("cadence: weekly", with: "cadence: weakly", in: manifest)],
            ["briefing.yaml:3:10: error: 'cadence' must be one of 'weekly', 'monthly', 'quarterly', got 'weakly'; did you mean 'weekly'?"]),
        RuleCase(
            "probability: \"half\"", [.replace("probability: 0.6", with: "probability: \"half\"", in: base)],
            ["Data/scenarios/base.yaml:5:14: error: 'probability' must be a number, got the text 'half'"]),
        RuleCase(
            "shares: [1, 2]", [.replace("shares:\n  nvidia: 60\n  amd: 15\n  google-tpu: 25", with: "shares: [1, 2]", in: base)],
            [
                "Data/scenarios/base.yaml:11:9: error: expected target shares to be a mapping of keys to values, got a list",
                "Data/scenarios/base.yaml:11:9: error: no target share for 'nvidia', 'amd', 'google-tpu' (every vendor of 'accelerators' needs one)",
                "Data/scenarios/base.yaml:11:9: error: target shares for 2030 sum to 0.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)",
            ]),
        RuleCase(
            "a share as text", [.replace("amd: 15", with: "amd: \"15\"", in: base)],
            [
                "Data/scenarios/base.yaml:12:3: error: no target share for 'amd' (every vendor of 'accelerators' needs one)",
                "Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 85.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)",
                "Data/scenarios/base.yaml:13:8: error: 'amd' must be a number, got the text '15'",
            ]),
        RuleCase(
            "a whole number with a fraction", [.replace("horizon: 2030", with: "horizon: 2030.5", in: base)],
            ["Data/scenarios/base.yaml:6:10: error: 'horizon' must be a whole number, got the number 2030.5"]),
        RuleCase(
            "a flag as text", [.replace("normalize_shares: false", with: "normalize_shares: \"no\"", in: base)],
            ["Data/scenarios/base.yaml:15:19: error: 'normalize_shares' must be true or false, got the text 'no'"]),
        RuleCase(
            "a list of strings as a mapping", [.replace("tickers: [AMD]", with: "tickers: {nasdaq: AMD}", in: "Data/vendors/amd.md")],
            ["Data/vendors/amd.md:4:10: error: 'tickers' must be a list of strings, got a mapping"]),
        RuleCase(
            "text as a list", [.replace("headline: Google", with: "headline:\n  - Google", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:4:3: error: 'headline' must be text, got a list"]),
        RuleCase(
            "an infinite number", [.replace("share_tolerance_pp: 0.1", with: "share_tolerance_pp: .inf", in: manifest)],
            ["briefing.yaml:10:25: error: 'share_tolerance_pp' must be a finite number"]),
        RuleCase(
            "a mapping where a list of sources belongs", [.write(sources, "research-2025:\n  publisher: Research Firm\n  title: Accelerator market sizes\n  kind: estimate\n")],
            ["Data/sources.yaml:1:1: error: expected a list of sources, got a mapping"]),
        RuleCase(
            "briefing.yaml without a team", [.replace("team: Infrastructure Research\n", with: "", in: manifest)],
            ["briefing.yaml:1:1: error: missing required key 'team' in workspace configuration"]),
        RuleCase(
            "an event without a headline", [.replace("headline: Google offers TPUs for customers' own data centers\n", with: "", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:2:1: error: missing required key 'headline' in event front matter"]),
        RuleCase(
            "a required key without a value", [.replace("headline: Google offers TPUs for customers' own data centers", with: "headline:", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:3:10: error: 'headline' must have a value"]),
        RuleCase(
            "a scenario without a name", [.replace("name: Base case\n", with: "", in: base)],
            ["Data/scenarios/base.yaml:1:1: error: missing required key 'name' in scenario"]),
        RuleCase("no briefing.yaml", [.remove(manifest)], ["briefing.yaml: error: cannot read the file: No such file or directory"]),
        RuleCase(
            "an unknown time zone", [.replace("timezone: UTC", with: "timezone: Mars/Olympus", in: manifest)],
            ["briefing.yaml:4:11: error: 'Mars/Olympus' is not a known time zone (use an IANA name such as America/New_York)"]),
        RuleCase(
            "a relative base URL", [.replace("base_url: https://research.example.internal/briefing", with: "base_url: research/briefing", in: manifest)],
            ["briefing.yaml:5:11: error: 'base_url' must be an absolute http(s) address, got 'research/briefing'"]),
        RuleCase(
            "a source URL that is not http(s)", [.replace("url: https://example.com/research", with: "url: example.com/research", in: sources)],
            ["Data/sources.yaml:5:8: error: 'url' must be an http(s) address, got 'example.com/research'"]),
        RuleCase(
            "a colour that is not #RRGGBB", [.write("Data/vendors/extra.md", extraVendor().replacingOccurrences(of: "\"#000000\"", with: "black"))],
            ["Data/vendors/extra.md:5:8: error: 'color' must be written #RRGGBB, got 'black'"]),
        RuleCase(
            "a currency that is not a code", [.replace("currency: USD", with: "currency: dollars", in: market)],
            ["Data/markets/accelerators.yaml:5:11: error: 'currency' must be a three-letter code such as USD, got 'dollars'"]),
    ]

    @Test(arguments: keyRules) func keysAndTypes(_ rule: RuleCase) throws { try rule.run() }

    // MARK: - Warnings

    static let warningRules: [RuleCase] = [
        RuleCase(
            "a stale narrative", [.replace("updated: 2026-10-01", with: "updated: 2026-06-01", in: "Data/vendors/amd.md")],
            ["Data/vendors/amd.md:8:10: warning: narrative last updated 2026-06-01, 179 days before 2026-11-27"]),
        RuleCase("90 days is not stale", [.replace("updated: 2026-10-01", with: "updated: 2026-08-29", in: "Data/vendors/amd.md")], []),
        RuleCase(
            "91 days is", [.replace("updated: 2026-10-01", with: "updated: 2026-08-28", in: "Data/vendors/amd.md")],
            ["Data/vendors/amd.md:8:10: warning: narrative last updated 2026-08-28, 91 days before 2026-11-27"]),
        RuleCase(
            "stale_narrative_days sets the limit", [.replace("stale_narrative_days: 90", with: "stale_narrative_days: 30", in: manifest)],
            [
                "Data/vendors/amd.md:8:10: warning: narrative last updated 2026-10-01, 57 days before 2026-11-27",
                "Data/vendors/google-tpu.md:8:10: warning: narrative last updated 2026-09-15, 73 days before 2026-11-27",
            ]),
        RuleCase(
            "a source without url", [.replace("  url: https://example.com/research\n", with: "", in: sources)],
            ["Data/sources.yaml:1:3: warning: source 'research-2025' has no url: readers cannot check it"]),
        RuleCase(
            "a source without date", [.replace("  date: 2025-06-10\n", with: "", in: sources)],
            ["Data/sources.yaml:1:3: warning: source 'research-2025' has no date"]),
        RuleCase(
            "an inline source without url", [.replace("    url: https://example.com/article\n", with: "", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:9:5: warning: source 'Google to sell TPUs to other companies' has no url: readers cannot check it"]),
        RuleCase(
            "a narrative without a Risks section", [.replace("## Risks\n- Software.\n", with: "", in: "Data/vendors/amd.md")],
            ["Data/vendors/amd.md:10:1: warning: the narrative has no '## Risks' section"]),
        RuleCase(
            "a narrative without any expected section",
            [.write("Data/vendors/extra.md", "---\nid: extra\nname: Extra\nkind: other\ncolor: \"#000000\"\nstance: neutral\nupdated: 2026-11-01\n---\nJust a paragraph.\n")],
            [
                "Data/vendors/extra.md:9:1: warning: the narrative has no '## Thesis' section",
                "Data/vendors/extra.md:9:1: warning: the narrative has no '## Catalysts' section",
                "Data/vendors/extra.md:9:1: warning: the narrative has no '## Risks' section",
            ]),
        RuleCase(
            "a stray file in Data/vendors", [.write("Data/vendors/notes.txt", "to do\n")],
            ["Data/vendors/notes.txt: warning: ignored: Data/vendors holds only .md"]),
        RuleCase(
            "a stray file in Data/markets", [.write("Data/markets/accelerators.xlsx", "binary\n")],
            ["Data/markets/accelerators.xlsx: warning: ignored: Data/markets holds only .yaml and .csv"]),
        RuleCase(
            "a scenario citing no sources", [.replace("sources: [research-2025]\n", with: "", in: base)],
            ["Data/scenarios/base.yaml:1:1: warning: the scenario cites no sources"]),
        RuleCase(
            "an event without text", [.replace("Google will sell TPUs to other companies.\n", with: "", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:15:1: warning: the event has no text after its front matter"]),
    ]

    @Test(arguments: warningRules) func warnings(_ rule: RuleCase) throws { try rule.run() }

    @Test func warningsAloneKeepTheWorkspace() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("updated: 2026-10-01", with: "updated: 2026-06-01", in: "Data/vendors/amd.md")
        try fixture.replace("## Risks\n- Software.\n", with: "", in: "Data/vendors/amd.md")
        try fixture.replace("  url: https://example.com/research\n", with: "", in: sources)
        try fixture.write("Data/vendors/notes.txt", "to do\n")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [
            "Data/sources.yaml:1:3: warning: source 'research-2025' has no url: readers cannot check it",
            "Data/vendors/amd.md:8:10: warning: narrative last updated 2026-06-01, 179 days before 2026-11-27",
            "Data/vendors/amd.md:10:1: warning: the narrative has no '## Risks' section",
            "Data/vendors/notes.txt: warning: ignored: Data/vendors holds only .md",
        ])
        #expect(result.errorCount == 0)
        #expect(result.warningCount == 4)
        let workspace = try #require(result.workspace)
        #expect(workspace.vendor("amd")?.updated == Day("2026-06-01"))
    }

    @Test func oneErrorWithholdsTheWorkspace() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("updated: 2026-10-01", with: "updated: 2026-06-01", in: "Data/vendors/amd.md")
        try fixture.replace("amd: 15", with: "amd: 12", in: base)
        let result = fixture.load()
        #expect(result.errorCount == 1)
        #expect(result.warningCount == 1)
        #expect(result.workspace == nil)
    }

    // MARK: - Everything in one run

    @Test func everyProblemIsReportedInOneRun() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("cadence: weekly", with: "cadence: weakly", in: manifest)
        try fixture.replace("amd: 15", with: "amd: 12", in: base)
        try fixture.replace("2026: 0.5", with: "2031: 0.5", in: base)
        try fixture.replace("vendors: [google-tpu, nvidia]", with: "vendors: [google-tpu, nvdia]", in: event)
        try fixture.replace("tickers: [AMD]", with: "tickerz: [AMD]", in: "Data/vendors/amd.md")
        let result = fixture.load()
        #expect(result.diagnostics.map(\.description) == [
            "Data/events/2026-11-20-tpu-sales.md:4:23: error: unknown vendor 'nvdia'; did you mean 'nvidia'?",
            "Data/scenarios/base.yaml:9:11: error: growth for 2031 lies outside 2026…2030 (after the base year, up to the horizon)",
            "Data/scenarios/base.yaml:12:3: error: target shares for 2030 sum to 97.0%, expected 100% ± 0.1 pp (or set normalize_shares: true)",
            "Data/vendors/amd.md:4:1: error: unknown key 'tickerz' in vendor front matter; did you mean 'tickers'?",
            "briefing.yaml:3:10: error: 'cadence' must be one of 'weekly', 'monthly', 'quarterly', got 'weakly'; did you mean 'weekly'?",
        ])
        #expect(result.errorCount == 5)
        #expect(Set(result.diagnostics.map(\.file)).count == 4)
        #expect(result.workspace == nil)
    }
}

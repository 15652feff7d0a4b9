import Foundation
import TestSupport
import Testing
import Workspace

/// Data that once crashed, hung, exhausted memory or passed `check` and then broke the briefing.
/// Each is now a located error, found within seconds.
@Suite("Hostile data")
struct HostileDataTests {
    private static let base = "Data/scenarios/base.yaml"
    private static let csv = "Data/markets/accelerators.csv"
    private static let event = "Data/events/2026-11-20-tpu-sales.md"
    private static let nvidia = "Data/vendors/nvidia.md"

    /// Nine levels of nine aliases each: about 387 million values once expanded, in 400 bytes.
    static func aliasBomb(key: String = "bomb") -> String {
        var lines = ["\(key)0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]"]
        for level in 1...9 {
            lines.append("\(key)\(level): &l\(level) [" + Array(repeating: "*l\(level - 1)", count: 9).joined(separator: ", ") + "]")
        }
        return lines.joined(separator: "\n")
    }

    // MARK: - YAML anchors and aliases

    static let aliasCases: [RuleCase] = [
        RuleCase(
            "an alias bomb in a scenario", [.replace("rationale: Growth slows after 2026.", with: aliasBomb(), in: base)],
            ["Data/scenarios/base.yaml:24:8: error: \(YAMLPreflight.anchorMessage)"]),
        RuleCase(
            "an alias bomb used as a mapping key (the parser hashes keys as it builds)",
            [.replace("rationale: Growth slows after 2026.", with: aliasBomb() + "\nkeyed: {*l9 : 1}", in: base)],
            ["Data/scenarios/base.yaml:24:8: error: \(YAMLPreflight.anchorMessage)"]),
        RuleCase(
            "an anchor and alias in briefing.yaml", [.replace("title: Test Briefing", with: "title: &t Test Briefing\nteam2: *t", in: "briefing.yaml")],
            ["briefing.yaml:1:8: error: \(YAMLPreflight.anchorMessage)"]),
        RuleCase(
            "an alias in event front matter", [.replace("markets: [accelerators]", with: "markets: *m", in: event)],
            ["Data/events/2026-11-20-tpu-sales.md:5:10: error: \(YAMLPreflight.anchorMessage)"]),
        RuleCase(
            "an anchor in a list item of the source registry",
            [.replace("- id: team-shares", with: "- &x\n  id: team-shares", in: "Data/sources.yaml")],
            ["Data/sources.yaml:7:3: error: \(YAMLPreflight.anchorMessage)"]),
    ]

    @Test(arguments: aliasCases) func anchorsAndAliasesAreRefusedAtTheirPosition(_ rule: RuleCase) throws {
        try withWatchdog(seconds: 20) { try rule.run() }
    }

    /// `*`, `&` and `#` inside text are text: no false alarm.
    @Test func asterisksAndAmpersandsInTextAreNotAliases() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace(
            "rationale: Growth slows after 2026.",
            with: "rationale: 5 * 3 at AT&T, *not* an alias # &comment\nstory2: x", in: Self.base)
        try fixture.replace("story: Custom silicon grows steadily.", with: "story: \"*quoted* &text\"", in: Self.base)
        try fixture.replace("name: Base case", with: "name: 'Base *case* & more'", in: Self.base)
        try fixture.replace("story2: x", with: "confidence2: |\n  *block* &scalar\n  - *x", in: Self.base)
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics == [
            "Data/scenarios/base.yaml:25:1: error: unknown key 'confidence2' in scenario; did you mean 'confidence'?"
        ])
    }

    @Test(arguments: [
        ("plain alias", "a: *x", TextPosition(line: 1, column: 4)),
        ("anchor on a list item", "- &a 1\n- 2", TextPosition(line: 1, column: 3)),
        ("alias in a flow list", "a: [1, *b]", TextPosition(line: 1, column: 8)),
        ("alias as a flow mapping value", "a: {k: *v}", TextPosition(line: 1, column: 8)),
        ("anchor after a tag", "a: !!str &x b", TextPosition(line: 1, column: 10)),
        ("alias as an implicit key", "*k : 1", TextPosition(line: 1, column: 1)),
        ("after a multi-line quoted scalar", "a: \"x\n  y\"\nb: &z 1", TextPosition(line: 3, column: 4)),
    ])
    func theScanFindsEveryTokenForm(_ name: String, _ yaml: String, _ position: TextPosition) {
        #expect(YAMLPreflight.check(yaml)?.position == position, Comment(rawValue: name))
    }

    @Test(arguments: [
        "a: 5 * 3", "a: AT&T", "a: '*x'", "a: \"&y\"", "a: b # *c", "a: |\n  *x\n  &y\nb: 1", "a: >\n  *x\n", "a: [x*y, 'z']",
        "url: https://example.com/?a=1&b=2", "a: x\n# *comment\nb: y", "rationale: grows\n  *after* 2026\nb: 1",
        "- first item\n  *continued* text\n- second",
    ])
    func textIsNotAToken(_ yaml: String) {
        #expect(YAMLPreflight.check(yaml) == nil, Comment(rawValue: yaml))
    }

    // MARK: - Control characters and invalid UTF-8 have a position

    static let encodingCases: [RuleCase] = [
        RuleCase(
            "a NUL inside a CSV cell (once read as 207)", [.replace("2025,200,70,10,20", with: "2025,200\u{0}999,70,10,20", in: csv)],
            ["Data/markets/accelerators.csv:4:9: error: the control character U+0000 is not allowed"]),
        RuleCase(
            "a control character in YAML", [.replace("name: Base case", with: "name: Base\u{7}case", in: base)],
            ["Data/scenarios/base.yaml:2:11: error: the control character U+0007 is not allowed"]),
        RuleCase(
            "a control character in a narrative", [.replace("Keeps two thirds of the market.", with: "Keeps two\u{1B}[31m thirds.", in: nvidia)],
            ["Data/vendors/nvidia.md:14:10: error: the control character U+001B is not allowed"]),
        RuleCase(
            "trailing junk after a number in a CSV cell", [.replace("2024,100,75,10,15", with: "2024,100,75x,10,15", in: csv)],
            ["Data/markets/accelerators.csv:3:10: error: 'nvidia' must be a number, got '75x'"]),
        RuleCase(
            "a hexadecimal number in a CSV cell", [.replace("2024,100,75,10,15", with: "2024,0x64,75,10,15", in: csv)],
            ["Data/markets/accelerators.csv:3:6: error: 'total' must be a number, got '0x64'"]),
        RuleCase(
            "nan in a CSV cell", [.replace("2024,100,75,10,15", with: "2024,nan,75,10,15", in: csv)],
            ["Data/markets/accelerators.csv:3:6: error: 'total' must be a number, got 'nan'"]),
    ]

    @Test(arguments: encodingCases) func controlCharactersAndJunkAreLocated(_ rule: RuleCase) throws { try rule.run() }

    @Test func invalidUTF8IsReportedAtItsByte() throws {
        let fixture = try WorkspaceFixture()
        var bytes = Array(WorkspaceFixture.baseScenario.utf8)
        let at = Array(WorkspaceFixture.baseScenario.utf8).firstIndex(of: UInt8(ascii: "C"))!  // "Custom" on line 3
        bytes.insert(contentsOf: [0xC3, 0x28], at: at)
        try fixture.write(Self.base, bytes: Data(bytes))
        #expect(fixture.diagnostics() == [
            "Data/scenarios/base.yaml:3:8: error: the file is not valid UTF-8 text (byte 0xC3 at offset \(at))"
        ])
    }

    // MARK: - Values that would make a projection non-finite

    static let projectionCases: [RuleCase] = [
        RuleCase(
            "cagr 1e300 (once printed $nanB)", [.replace("  cagr: 0.2", with: "  cagr: 1e300", in: base)],
            ["Data/scenarios/base.yaml:10:9: error: 'cagr' is +1e+302%: it must be at most +1,000% a year (growth is written as a fraction: 0.15 is +15%)"]),
        RuleCase(
            "growth for a year above +1,000%", [.replace("    2026: 0.5", with: "    2026: 15", in: base)],
            ["Data/scenarios/base.yaml:9:11: error: growth for 2026 is +1500.0%: it must be at most +1,000% a year (growth is written as a fraction: 0.15 is +15%)"]),
        RuleCase(
            "cagr_sigma 1e308 (once failed weekly with an EncodingError)", [.replace("cagr_sigma: 0.04", with: "cagr_sigma: 1e308", in: base)],
            ["Data/scenarios/base.yaml:21:15: error: 'cagr_sigma' must be at most 1, got 1e+308"]),
        RuleCase(
            "share_log_sigma above 5", [.replace("share_log_sigma: 0.15", with: "share_log_sigma: 50", in: base)],
            ["Data/scenarios/base.yaml:22:20: error: 'share_log_sigma' must be at most 5, got 50"]),
        RuleCase(
            "a target share of 1e300 with normalize_shares",
            [.replace("  nvidia: 60\n  amd: 15\n  google-tpu: 25\nnormalize_shares: false", with: "  nvidia: 1e300\n  amd: 15\n  google-tpu: 25\nnormalize_shares: true", in: base)],
            ["Data/scenarios/base.yaml:12:11: error: the target share of 'nvidia' is 1e+300: shares are percentages, at most 100"]),
        RuleCase(
            "a history total of 1e300", [.replace("2025,200,70,10,20", with: "2025,1e300,70,10,20", in: csv)],
            ["Data/markets/accelerators.csv:4:6: error: 'total' is 1e300, more than 1e+15 (is the unit right?)"]),
        RuleCase(
            "an s-curve midpoint far from any year", [.replace("midpoint: 2028", with: "midpoint: 1e300", in: base)],
            ["Data/scenarios/base.yaml:18:13: error: 'midpoint' must be a year between 1900 and 2200, got 1e+300"]),
        RuleCase(
            "growth that compounds beyond 1e15 by the horizon",
            [.replace("horizon: 2030", with: "horizon: 2200", in: base), .replace("  cagr: 0.2", with: "  cagr: 9", in: base)],
            ["Data/scenarios/base.yaml:10:9: error: the projected market size reaches 3e+15 billions by 2039, beyond 1e+15: 'cagr' 9 compounded from 2025 to the horizon 2200 is too large"]),
        RuleCase(
            "Monte Carlo spread that compounds beyond 1e15",
            [.replace("horizon: 2030", with: "horizon: 2150", in: base), .replace("cagr_sigma: 0.04", with: "cagr_sigma: 0.9", in: base)],
            [
                "Data/scenarios/base.yaml:21:15: error: Monte Carlo paths (cagr_sigma 0.9) can take the market size to 4.14e+15 billions by 2039, "
                    + "beyond 1e+15: lower the uncertainty, the growth or the horizon"
            ]),
        RuleCase(
            "a sensitivity step above 1", [.replace("  validation:", with: "  sensitivity:\n    cagr_step: 1e300\n  validation:", in: "briefing.yaml")],
            ["briefing.yaml:10:16: error: 'cagr_step' must be at most 1, got 1e+300"]),
    ]

    @Test(arguments: projectionCases) func valuesThatBreakProjectionsAreRejected(_ rule: RuleCase) throws { try rule.run() }

    /// A long horizon with ordinary growth and uncertainty stays within bounds.
    @Test func aLongOrdinaryProjectionIsAccepted() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("horizon: 2030", with: "horizon: 2060", in: Self.base)
        #expect(fixture.diagnostics() == [])
    }

    // MARK: - A workspace without data

    @Test func aMissingDataFolderIsAnError() throws {
        let fixture = try WorkspaceFixture()
        try FileManager.default.removeItem(at: fixture.url("Data"))
        let result = fixture.load()
        #expect(result.workspace == nil)
        #expect(result.diagnostics.map(\.description) == [
            "Data: error: the workspace has no Data/ folder: a workspace keeps its markets, vendors, scenarios and events there (create one with briefing init DIR)"
        ])
    }

    @Test func aDataFolderWithoutMarketsIsAnError() throws {
        let fixture = try WorkspaceFixture()
        for path in ["Data/markets/accelerators.yaml", "Data/markets/accelerators.csv", Self.base, "Data/scenarios/custom.yaml", Self.event] {
            try fixture.remove(path)
        }
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics.contains(
            "Data/markets: error: the workspace has no market: add Data/markets/<id>.yaml and its history CSV (see docs/data.md)"))
        #expect(fixture.load().workspace == nil)
    }

    /// A market that fails to load is reported for itself, not also as "no market".
    @Test func aBrokenOnlyMarketIsNotAlsoAMissingOne() throws {
        let fixture = try WorkspaceFixture()
        try fixture.replace("unit: billions", with: "unit: [", in: "Data/markets/accelerators.yaml")
        #expect(!fixture.diagnostics().contains { $0.contains("has no market") })
    }

    // MARK: - Symbolic links

    @Test func aLinkedFileOutsideTheWorkspaceIsNotRead() throws {
        let fixture = try WorkspaceFixture()
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: outside) }
        let secret = "---\nid: secret\n---\nTOP SECRET CONTENTS\n"
        try secret.write(to: outside, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(at: fixture.url("Data/vendors/secret.md"), withDestinationURL: outside)
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics == [
            "Data/vendors/secret.md: error: Data/vendors/secret.md is a symbolic link that leads outside the workspace; it is not read (copy the file into the workspace instead)"
        ])
        #expect(!diagnostics.joined().contains("SECRET"))
        #expect(!diagnostics.joined().contains(outside.path))
    }

    @Test func aLinkedFolderOutsideTheWorkspaceIsNotListed() throws {
        let fixture = try WorkspaceFixture()
        let outside = try TemporaryDirectory(prefix: "outside-events").url
        defer { try? FileManager.default.removeItem(at: outside) }
        try WorkspaceFixture.event.write(to: outside.appendingPathComponent("2026-11-20-leak.md"), atomically: true, encoding: .utf8)
        try "stray".write(to: outside.appendingPathComponent("private-notes.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: fixture.url("Data/events"))
        try FileManager.default.createSymbolicLink(at: fixture.url("Data/events"), withDestinationURL: outside)
        let diagnostics = fixture.diagnostics()
        #expect(diagnostics == [
            "Data/events: error: Data/events/ is a symbolic link that leads outside the workspace; it is not read (copy the file into the workspace instead)"
        ])
    }

    @Test func aLinkInsideTheWorkspaceIsFollowed() throws {
        let fixture = try WorkspaceFixture()
        try fixture.write("Shared/amd.md", WorkspaceFixture.amd)
        try fixture.remove("Data/vendors/amd.md")
        try FileManager.default.createSymbolicLink(atPath: fixture.url("Data/vendors/amd.md").path, withDestinationPath: "../../Shared/amd.md")
        #expect(fixture.diagnostics() == [])
    }

    @Test func boundaryJudgesFilesNotYetCreated() throws {
        let fixture = try WorkspaceFixture()
        #expect(WorkspaceBoundary.contains("Data/events/2026-12-01-new.md", root: fixture.root))
        #expect(WorkspaceBoundary.contains("Data/new-folder/deeper/file.md", root: fixture.root))
        #expect(!WorkspaceBoundary.contains("../elsewhere.md", root: fixture.root))
        let outside = try TemporaryDirectory(prefix: "outside").url
        defer { try? FileManager.default.removeItem(at: outside) }
        try FileManager.default.removeItem(at: fixture.url("Data/events"))
        try FileManager.default.createSymbolicLink(at: fixture.url("Data/events"), withDestinationURL: outside)
        #expect(!WorkspaceBoundary.contains("Data/events/2026-12-01-new.md", root: fixture.root))
        // A dangling link is judged by where it points.
        try FileManager.default.createSymbolicLink(atPath: fixture.url("Data/dangling").path, withDestinationPath: "/nonexistent-\(UUID().uuidString)/x")
        #expect(!WorkspaceBoundary.contains("Data/dangling", root: fixture.root))
    }

    // MARK: - As-of dates at the ends of the calendar

    @Test(arguments: ["9999-12-31", "0001-01-01", "2200-01-01", "1899-12-31"])
    func anAsOfDateOutsideTheSupportedRangeIsAnError(_ text: String) throws {
        let fixture = try WorkspaceFixture()
        let result = fixture.load(asOf: Day(text)!)
        #expect(result.workspace == nil)
        #expect(result.diagnostics.map(\.description).contains(
            "briefing.yaml: error: the as-of date \(text) lies outside the dates briefings can cover (1900-01-01 to 2199-12-31)"))
    }
}

/// Runs `body` on another thread and fails the test if it has not finished within `seconds`
/// (the thread is left running: a hang cannot be cancelled, only reported).
func withWatchdog(seconds: Double, sourceLocation: SourceLocation = #_sourceLocation, _ body: @escaping @Sendable () throws -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    let failure = LockedBox<(any Error)?>(nil)
    Thread.detachNewThread {
        do { try body() } catch { failure.set(error) }
        done.signal()
    }
    guard done.wait(timeout: .now() + seconds) == .success else {
        Issue.record("did not finish within \(seconds) s", sourceLocation: sourceLocation)
        return
    }
    if let error = failure.get() { throw error }
}

final class LockedBox<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()
    init(_ value: Value) { self.value = value }
    func set(_ newValue: Value) { lock.lock(); value = newValue; lock.unlock() }
    func get() -> Value { lock.lock(); defer { lock.unlock() }; return value }
}

// Golden files: each folder in Fixtures/cases/ holds the files that differ from the valid
// workspace in Fixtures/base/ (briefing.yaml and Data/), with realistic mistakes, and its
// expected.txt holds the diagnostics exactly as `briefing check` prints them from inside the
// combined workspace (one per line, paths like `Data/...`), checked as of 2026-11-27. Each case is
// written to a temporary folder (base, then the case's files over it) and loaded there; the
// fixture folders are never written to, except expected.txt when re-recording.
//
// Re-record after an intended change of messages or positions, then read the diff line by line:
//
//     RECORD_GOLDEN=1 swift test --filter GoldenFixtureTests
//
// Cases in `GoldenFixtures.loaderBugs` hold hand-corrected output (the loader is wrong there);
// recording skips them. Once the bug is fixed, remove the entry, re-record and compare.
//
// To add a case, create a folder in cases/ with the files that carry the mistake (copied from
// base/ and edited), an empty expected.txt, and record.

import Foundation
import TestSupport
import Testing
import Workspace

enum GoldenFixtures {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    /// The valid workspace every case starts from.
    static let base = fixtures.appendingPathComponent("base")
    /// One folder per case: the files it changes or adds, and expected.txt.
    static let directory = fixtures.appendingPathComponent("cases")
    static let asOf = Day("2026-11-27")!
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

    /// Case → the loader bug its expected.txt was corrected for. Recording leaves these alone.
    static let loaderBugs: [String: String] = [:]

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    static func output(of name: String) throws -> (text: String, result: WorkspaceLoadResult) {
        let workspace = try FixtureOverlay(base: base, excluding: ["expected.txt"])
            .adding(directory.appendingPathComponent(name))
            .materialize(prefix: "golden-\(name)")
        defer { workspace.remove() }
        let result = WorkspaceLoader(root: workspace.url, displayPrefix: "").load(asOf: asOf)
        return (result.diagnostics.map { $0.description + "\n" }.joined(), result)
    }
}

@Suite("Golden workspaces")
struct GoldenFixtureTests {
    @Test func thereAreEnoughCases() {
        #expect(GoldenFixtures.cases.count >= 8)
        for name in GoldenFixtures.loaderBugs.keys { #expect(GoldenFixtures.cases.contains(name), "\(name) has no folder") }
    }

    @Test(arguments: GoldenFixtures.cases)
    func diagnosticsMatchExpected(_ name: String) throws {
        let (actual, result) = try GoldenFixtures.output(of: name)
        let expectedURL = GoldenFixtures.directory.appendingPathComponent(name).appendingPathComponent("expected.txt")
        if GoldenFixtures.recording && GoldenFixtures.loaderBugs[name] == nil {
            try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        #expect(!expected.isEmpty, "\(name)/expected.txt is empty: record it")
        if let bug = GoldenFixtures.loaderBugs[name] {
            // The correct lines must all be there; the extra ones are the bug.
            let actualLines = actual.split(separator: "\n")
            for line in expected.split(separator: "\n") { #expect(actualLines.contains(line), "missing: \(line)") }
            withKnownIssue(Comment(rawValue: bug)) { #expect(actual == expected) }
        } else {
            #expect(actual == expected)
        }
        // A workspace comes back exactly when nothing is an error.
        #expect((result.workspace == nil) == expected.contains(": error: "))
    }
}

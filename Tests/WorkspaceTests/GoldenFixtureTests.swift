// Golden files: each folder in Fixtures/ is a whole workspace (briefing.yaml and Data/) with
// realistic mistakes, and its expected.txt holds the diagnostics exactly as `briefing check`
// prints them from inside that folder (one per line, paths like `Data/...`), checked as of
// 2026-11-27. The folders are loaded in place and never written to, except expected.txt when
// re-recording.
//
// Re-record after an intended change of messages or positions, then read the diff line by line:
//
//     RECORD_GOLDEN=1 swift test --filter GoldenFixtureTests
//
// Cases in `GoldenFixtures.loaderBugs` hold hand-corrected output (the loader is wrong there);
// recording skips them. Once the bug is fixed, remove the entry, re-record and compare.
//
// To add a case, copy a folder, introduce the mistake, create an empty expected.txt and record.

import Foundation
import Testing
import Workspace

enum GoldenFixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let asOf = Day("2026-11-27")!
    static let recording = ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1"

    /// Case → the loader bug its expected.txt was corrected for. Recording leaves these alone.
    static let loaderBugs: [String: String] = [:]

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted()
    }()

    static func output(of name: String) -> (text: String, result: WorkspaceLoadResult) {
        let result = WorkspaceLoader(root: directory.appendingPathComponent(name), displayPrefix: "").load(asOf: asOf)
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
        let (actual, result) = GoldenFixtures.output(of: name)
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

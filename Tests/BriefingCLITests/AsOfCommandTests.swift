import Foundation
import TestSupport
import Testing

/// `--as-of` is a point in time: a period is built from what was known on that date, so last
/// week's briefing can be rebuilt (`--force`), reported on or backfilled after this week's first
/// event is logged. Subprocess runs on a copy of the frozen weekly workspace with every week-2
/// edit already in place (an event dated 2026-12-02, a narrative updated 2026-12-02).
@Suite("--as-of a past date")
struct AsOfCommandTests {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("BriefingTests/Fixtures")

    /// The weekly workspace, the shipped templates and all the week-2 edits.
    private func workspaceWithLaterEdits() throws -> TemporaryDirectory {
        try FixtureOverlay(base: Self.fixtures.appendingPathComponent("weekly-workspace"))
            .adding(Self.fixtures.appendingPathComponent("weekly-edits"))
            .materialize(prefix: "briefing-test")
    }

    private func text(_ directory: TemporaryDirectory, _ path: String) -> String {
        (try? String(contentsOf: directory.url.appendingPathComponent(path), encoding: .utf8)) ?? ""
    }

    @Test("a backfill of two past periods in order, then a forced rebuild of the first")
    func backfillAndForcedRebuild() throws {
        let directory = try workspaceWithLaterEdits()
        defer { directory.remove() }
        let first = try BriefingProcess.run(["weekly", "--as-of", "2026-11-27"], in: directory.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("briefing: 1 event dated after 2026-11-27 is left for later periods\n"), "\(first.stderr)")
        #expect(first.stderr.contains("Data/vendors/aws-trainium.md:8:10: warning: 'updated' is 2026-12-02, after the as-of date 2026-11-27: the narrative is used as it is now"),
                "\(first.stderr)")
        #expect(!text(directory, "Reports/2026-W48/briefing.md").contains("Amazon names a first customer"))

        let second = try BriefingProcess.run(["weekly", "--as-of", "2026-12-04", "--quiet"], in: directory.url)
        #expect(second.status == 0, "\(second.stderr)")
        let week2 = text(directory, "Reports/2026-W49/briefing.md")
        #expect(week2.contains("### Amazon names a first customer for Trainium in its own data center"))
        // The event the first period left out is new in the second.
        #expect(week2.contains("new event: Amazon names a first customer for Trainium in its own data center (2026-12-02)"))

        // 2026-W48 now has a later briefing: rebuilt only with --force, and then without the later event.
        let refused = try BriefingProcess.run(["weekly", "--as-of", "2026-11-27", "--quiet"], in: directory.url)
        #expect(refused.status == 0)
        #expect(refused.stderr.contains("already has a later briefing (2026-W49)"))
        let forced = try BriefingProcess.run(["weekly", "--as-of", "2026-11-27", "--force", "--quiet"], in: directory.url)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!text(directory, "Reports/2026-W48/briefing.md").contains("Amazon names a first customer"))
    }

    @Test("report --as-of a past date renders that period's page")
    func reportAsOfAPastDate() throws {
        let directory = try workspaceWithLaterEdits()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["report", "scenario", "base", "--as-of", "2026-11-27"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("# Scenario: Base case"))
        #expect(result.stdout.contains("2026-W48"))
        #expect(!result.stdout.contains("Amazon names a first customer"))
    }
}

import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `briefing discard`, the workspace lock, and what killed runs leave behind.
@Suite("discard, lock and leftovers")
struct WorkspaceSafetyTests {
    @Test func discardRemovesAnUnpublishedDraftOnly() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20", "2027-02-19"])
        defer { workspace.remove() }
        #expect(try workspace.run(["publish", "--to", "../test-build", "--quiet"]).status == 0)
        // A mistaken future briefing was written; it can be taken back.
        let discarded = try workspace.run(["discard", "2027-02"])
        #expect(discarded.status == 0, "\(discarded.stderr)")
        #expect(discarded.stderr == "briefing: discarded Reports/2027-02\n")
        #expect(!workspace.exists("Reports/2027-02"))
        #expect(workspace.exists("Reports/2026-11/briefing.html"))

        #expect(try workspace.run(["publish", "--as-of", "2026-11-21", "--quiet"]).status == 0)
        let before = workspace.everything()
        let refusals: [([String], String)] = [
            (["discard", "2026-11"], "2026-11 was published on 2026-11-21, so readers have seen it; it was left alone (use --force"),
            (["discard", "2027-02"], "Reports/2027-02 does not exist"),
            (["discard", "README.md"], "'README.md' is not a period"),
            (["discard", "../Data"], "'../Data' is not a period"),
            (["discard", "2026-1"], "'2026-1' is not a period"),
        ]
        for (arguments, says) in refusals {
            let result = try workspace.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(says), "\(arguments): \(result.stderr)")
        }
        #expect(workspace.everything() == before)

        // A folder named like a period that weekly did not write is not ours to remove.
        try workspace.write("notes\n", to: "Reports/2026-10/notes.md")
        let foreign = try workspace.run(["discard", "2026-10", "--force"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("Reports/2026-10 is not a briefing written by briefing weekly"), "\(foreign.stderr)")
        #expect(workspace.exists("Reports/2026-10/notes.md"))

        // --force takes a published period out, and out of the record.
        let forced = try workspace.run(["discard", "2026-11", "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(!workspace.exists("Reports/2026-11"))
        #expect(try workspace.record().periods.isEmpty)
    }

    @Test func aSecondRunWaitsForTheLockThenFailsClearly() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        let descriptor = open(workspace.url.appendingPathComponent(".briefing.lock").path, O_RDWR | O_CREAT, 0o644)
        try #require(descriptor >= 0 && flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        let before = workspace.everything()
        for arguments in [["weekly", "--as-of", "2026-12-18"], ["publish"], ["discard", "2026-11"]] {
            let result = try workspace.run(arguments)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stderr.contains("another briefing weekly, publish or discard is running in this workspace"), "\(result.stderr)")
        }
        #expect(workspace.everything() == before)
        flock(descriptor, LOCK_UN)
        close(descriptor)
        try workspace.weekly("2026-12-18")
        #expect(workspace.exists("Reports/2026-12/briefing.html"))
    }

    /// The process id of a process that has ended.
    private func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func leftoversOfKilledRunsAreRemovedAndLiveOnesKept() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        let dead = try deadProcessID()
        let alive = getpid()
        let stale = ["Reports/.2026-12.tmp-\(dead)/briefing.md", "Reports/.published.json.tmp-\(dead)", ".Site.tmp-\(dead)/index.html",
                     ".Site.tmp-\(dead).old/index.html", "Reports/.2026-11.tmp-\(dead)/snapshot.json"]
        let live = ["Reports/.2026-12.tmp-\(alive)/briefing.md", ".Site.tmp-\(alive)/index.html"]
        let unrelated = ["Reports/.notes.txt", ".Data.tmp-\(dead)/x"]
        for path in stale + live + unrelated { try workspace.write("partial\n", to: path) }
        try workspace.weekly("2026-12-18")
        #expect(!workspace.exists("Reports/.2026-12.tmp-\(dead)") && !workspace.exists("Reports/.published.json.tmp-\(dead)"))
        #expect(try workspace.run(["publish", "--quiet"]).status == 0)
        for path in stale { #expect(!workspace.exists(path), "\(path) was left") }
        for path in live + unrelated { #expect(workspace.exists(path), "\(path) was removed") }
    }
}

import Foundation
import TestSupport
import Testing

/// `briefing weekly` as the operator runs it: a subprocess on a copy of the frozen weekly workspace
/// (Tests/BriefingTests/Fixtures/weekly-workspace, with the repository's Templates/), checking exit status, standard error and what
/// `Reports/` holds afterwards: byte for byte, and by inode and modification time, so that a
/// rewrite with identical bytes still counts as a rewrite.
@Suite("briefing weekly")
struct WeeklyCommandTests {
    private static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("BriefingTests/Fixtures")
    private static let wrote48 =
        "briefing: wrote Reports/2026-W48/ — briefing.md, briefing.html, 4 charts, figures, snapshot; open Reports/2026-W48/briefing.html\n"
    private static let periodFiles = [
        "briefing.html", "briefing.md", "charts/ai-accelerators-fan.svg", "charts/ai-accelerators-horizon-shares.svg",
        "charts/ai-accelerators-shares.svg", "charts/ai-accelerators-tornado.svg", "figures.json", "manifest.json",
        "methodology.html", "site.json", "snapshot.json", "summary.json",
    ]

    /// A copy of the frozen weekly workspace with the shipped templates.
    private func workspace() throws -> TemporaryDirectory {
        try FixtureOverlay(base: Self.fixtures.appendingPathComponent("weekly-workspace"))
            .adding(Repository.url("Templates"), at: "Templates")
            .materialize(prefix: "briefing-test")
    }

    /// Copies the week-2 edits over it: `all` also copies the new event and the edited narrative,
    /// which are dated 2026-12-02 and so are errors for an as-of date in 2026-W48; otherwise only
    /// the scenario files (probabilities 0.45 / 0.30 / 0.25 and the base targets).
    private func applyEdits(_ directory: TemporaryDirectory, all: Bool = false) throws {
        try FixtureOverlay.apply(Self.fixtures.appendingPathComponent("weekly-edits"), to: directory.url) { path in
            all || path.hasPrefix("Data/scenarios/")
        }
    }

    private func weekly(_ directory: TemporaryDirectory, _ arguments: String...) throws -> BriefingProcess.Result {
        try BriefingProcess.run(["weekly"] + arguments, in: directory.url)
    }

    /// One entry of a recursive listing: what a file holds and which file it is.
    struct Entry: Equatable, CustomStringConvertible {
        var bytes: Data?
        var inode: UInt64
        var modified: Date?
        var description: String { "\(bytes.map { "\($0.count) bytes" } ?? "folder"), inode \(inode), modified \(modified.map { "\($0.timeIntervalSince1970)" } ?? "?")" }
    }

    /// Every entry under `Reports/` (hidden ones included, folders too), by relative path.
    private func listing(_ directory: TemporaryDirectory) -> [String: Entry] {
        let reports = directory.url.appendingPathComponent("Reports")
        var entries: [String: Entry] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: reports.path) else { return entries }
        for case let path as String in enumerator {
            let url = reports.appendingPathComponent(path)
            let attributes = (try? FileManager.default.attributesOfItem(atPath: url.path)) ?? [:]
            let isDirectory = attributes[.type] as? FileAttributeType == .typeDirectory
            entries[path] = Entry(
                bytes: isDirectory ? nil : FileManager.default.contents(atPath: url.path),
                inode: (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0,
                modified: attributes[.modificationDate] as? Date)
        }
        return entries
    }

    private func expectUnchanged(_ before: [String: Entry], _ after: [String: Entry], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(after.keys.sorted() == before.keys.sorted(), sourceLocation: sourceLocation)
        for (path, entry) in before where after[path] != entry {
            Issue.record("Reports/\(path) changed: \(entry) → \(after[path].map(\.description) ?? "missing")", sourceLocation: sourceLocation)
        }
    }

    /// Nothing hidden is left behind: no `.2026-W48.tmp-<pid>` or `.old` folder.
    private func expectNoLeftovers(_ directory: TemporaryDirectory, sourceLocation: SourceLocation = #_sourceLocation) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("Reports").path)) ?? []
        #expect(names.filter { $0.hasPrefix(".") || $0.contains(".tmp-") || $0.hasSuffix(".old") } == [], sourceLocation: sourceLocation)
    }

    private func text(_ directory: TemporaryDirectory, _ path: String) -> String {
        String(decoding: FileManager.default.contents(atPath: directory.url.appendingPathComponent(path).path) ?? Data(), as: UTF8.self)
    }

    // MARK: - Success

    @Test func writesThePeriodFolderAndSaysWhere() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try weekly(directory, "--as-of", "2026-11-27")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("briefing: loading the workspace\n"))
        #expect(result.stderr.hasSuffix(Self.wrote48))
        for line in ["briefing: projecting 1 market(s) with 10000 Monte Carlo paths", "briefing: comparing with no earlier briefing",
                     "briefing: rendering Templates/weekly.md", "briefing: writing Reports/2026-W48/"] {
            #expect(result.stderr.contains(line + "\n"), "\(line)")
        }
        // Warnings are printed and do not fail the run.
        #expect(result.stderr.contains("Data/vendors/intel.md:8:10: warning: narrative last updated 2026-07-15"))
        #expect(FileTree.files(under: directory.url.appendingPathComponent("Reports/2026-W48")) == Self.periodFiles)
        expectNoLeftovers(directory)
    }

    /// `--quiet` drops the progress lines and the warnings; the final "wrote" line stays.
    @Test func quietPrintsOnlyTheWroteLine() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try weekly(directory, "--as-of", "2026-11-27", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr == Self.wrote48)
    }

    /// The stages scripts/bench-weekly reads, in order, then the total.
    @Test func timingsNameEveryStage() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try weekly(directory, "--as-of", "2026-11-27", "--quiet", "--timings")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        let timings = lines.filter { $0.hasPrefix("timing: ") }
        // "timing: 0.0163 s  loading the workspace"
        let stages = timings.map { String($0.split(separator: " ", maxSplits: 3).last ?? "").trimmingCharacters(in: .whitespaces) }
        #expect(stages == [
            "loading the workspace", "projecting 1 market(s) with 10000 Monte Carlo paths", "comparing with no earlier briefing",
            "drawing charts", "rendering Templates/weekly.md", "rendering HTML", "writing figures", "writing Reports/2026-W48/", "total",
        ])
        #expect(lines.last == String(Self.wrote48.dropLast()))
    }

    /// The weekly routine: last week's briefing is in Reports/, the analyst edits Data/, and this
    /// week's run compares with it, leaving last week's folder as it was.
    @Test func theNextWeekComparesWithThePreviousOne() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        try applyEdits(directory, all: true)
        let before = listing(directory)
        let result = try weekly(directory, "--as-of", "2026-12-04")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("briefing: comparing with 2026-W48\n"))
        #expect(result.stderr.hasSuffix(
            "briefing: wrote Reports/2026-W49/ — briefing.md, briefing.html, 4 charts, figures, snapshot; open Reports/2026-W49/briefing.html\n"))
        #expect(FileTree.files(under: directory.url.appendingPathComponent("Reports/2026-W49")) == Self.periodFiles)
        #expect(text(directory, "Reports/2026-W49/briefing.md").contains("## What changed since [2026-W48](../2026-W48/briefing.html)\n"))
        let after = listing(directory)
        for (path, entry) in before {
            #expect(after[path] == entry, "Reports/\(path)")
        }
        expectNoLeftovers(directory)
    }

    // MARK: - Determinism

    /// Every file, not only the Markdown: the same inputs and --as-of give the same bytes when the
    /// run rewrites the folder in place…
    @Test func twoRunsWriteByteIdenticalFiles() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        let once = listing(directory)
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        let twice = listing(directory)
        #expect(once.compactMapValues(\.bytes).keys.sorted() == Self.periodFiles.map { "2026-W48/" + $0 })
        #expect(twice.keys.sorted() == once.keys.sorted())
        for (path, entry) in once where entry.bytes != nil {
            #expect(twice[path]?.bytes == entry.bytes, "\(path) differs on the second run")
        }
        // It was rewritten (a new folder swapped in), not skipped.
        #expect(twice["2026-W48"]?.inode != once["2026-W48"]?.inode)
        expectNoLeftovers(directory)
    }

    /// …and when it starts in another workspace folder.
    @Test func sameAsOfInAnotherFolderWritesTheSameBytes() throws {
        let first = try workspace()
        let second = try workspace()
        defer { first.remove(); second.remove() }
        #expect(try weekly(first, "--as-of", "2026-11-27", "--quiet").status == 0)
        #expect(try weekly(second, "--as-of", "2026-11-27", "--quiet").status == 0)
        let a = listing(first).compactMapValues(\.bytes)
        let b = listing(second).compactMapValues(\.bytes)
        #expect(a.keys.sorted() == b.keys.sorted())
        for (path, bytes) in a {
            #expect(b[path] == bytes, "\(path) depends on the workspace folder")
        }
    }

    // MARK: - Failures leave Reports/ as it was

    enum Target: String, CaseIterable, CustomTestStringConvertible {
        /// A new period (2026-W49) next to an existing one.
        case newPeriod = "2026-12-04"
        /// Regenerating the existing draft period (2026-W48).
        case existingPeriod = "2026-11-27"
        var testDescription: String { self == .newPeriod ? "a new period" : "the existing period" }
    }

    @Test(arguments: Target.allCases)
    func templateErrorLeavesReportsUntouched(_ target: Target) throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        let before = listing(directory)

        // Break the market partial in the middle of the briefing with an undefined variable.
        let partial = directory.url.appendingPathComponent("Templates/partials/market.md")
        let original = try String(contentsOf: partial, encoding: .utf8)
        try #require(original.contains("{{ market.definition }}"))
        try Data(original.replacingOccurrences(of: "{{ market.definition }}", with: "{{ market_definition }}").utf8).write(to: partial)

        let result = try weekly(directory, "--as-of", target.rawValue)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Templates/partials/market.md:6:4: error: 'market_definition' is undefined\n"), "\(result.stderr)")
        #expect(result.stderr.contains("Templates/weekly.md:32:4: note: in template included or extended from here\n"))
        #expect(!result.stderr.contains("briefing: wrote"))
        expectUnchanged(before, listing(directory))
        expectNoLeftovers(directory)
    }

    /// Runs `briefing weekly …` under `ulimit -f` (file size limit in KiB), the way a full disk
    /// fails a write part-way: briefing.html, the first file written, is larger than the limit.
    private func weeklyWithFileSizeLimit(_ directory: TemporaryDirectory, kilobytes: Int, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -f \(kilobytes) && exec \"$0\" \"$@\"", BriefingProcess.executable.path, "weekly"] + arguments
        process.currentDirectoryURL = directory.url
        let scratch = try TemporaryDirectory(prefix: "briefing-stderr")
        let errors = try scratch.write("", to: "stderr")
        let handle = try FileHandle(forWritingTo: errors)
        defer { try? handle.close(); scratch.remove() }
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: FileManager.default.contents(atPath: errors.path) ?? Data(), as: UTF8.self))
    }

    @Test func aFailedWriteLeavesReportsUntouched() throws {
        let directory = try workspace()
        defer { directory.remove() }
        // A new period: no folder appears.
        let fresh = try weeklyWithFileSizeLimit(directory, kilobytes: 16, ["--as-of", "2026-11-27", "--quiet"])
        #expect(fresh.status == 3)
        #expect(fresh.stderr.hasPrefix("briefing: error: cannot write Reports/2026-W48"), "\(fresh.stderr)")
        #expect(fresh.stderr.hasSuffix("; Reports/ was left as it was\n"))
        #expect(FileTree.files(under: directory.url.appendingPathComponent("Reports")) == [])
        expectNoLeftovers(directory)

        // Regenerating an existing period: the old folder stays exactly as it was.
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        try applyEdits(directory)
        let before = listing(directory)
        let again = try weeklyWithFileSizeLimit(directory, kilobytes: 16, ["--as-of", "2026-11-27", "--quiet"])
        #expect(again.status == 3)
        #expect(again.stderr.hasSuffix("; Reports/ was left as it was\n"), "\(again.stderr)")
        expectUnchanged(before, listing(directory))
        expectNoLeftovers(directory)
    }

    /// Diagnostics read like a compiler's: the file that could not be written and why, not a
    /// Foundation error dump with the temporary folder's absolute path.
    @Test func aFailedWriteSaysWhatFailedInPlainWords() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try weeklyWithFileSizeLimit(directory, kilobytes: 16, ["--as-of", "2026-11-27", "--quiet"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("File too large"))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result.stderr)")
        #expect(!result.stderr.contains(directory.url.path), "absolute temporary path in: \(result.stderr)")
    }

    @Test func invalidWorkspaceWritesNothing() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let scenario = directory.url.appendingPathComponent("Data/scenarios/merchant.yaml")
        let original = try String(contentsOf: scenario, encoding: .utf8)
        try Data(original.replacingOccurrences(of: "probability: 0.25", with: "probability: 0.40").utf8).write(to: scenario)

        let first = try weekly(directory, "--as-of", "2026-11-27")
        #expect(first.status == 1)
        #expect(first.stderr.contains("Data/scenarios/base.yaml:7:14: error: scenario probabilities for market 'ai-accelerators' sum to 1.15"), "\(first.stderr)")
        #expect(first.stderr.hasSuffix("briefing: error: the workspace has 1 error(s); nothing was written\n"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("Reports").path))

        // The same with an earlier period in place: it stays as it was.
        try Data(original.utf8).write(to: scenario)
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        let before = listing(directory)
        try Data(original.replacingOccurrences(of: "probability: 0.25", with: "probability: lots").utf8).write(to: scenario)
        for asOf in ["2026-11-27", "2026-12-04"] {
            let again = try weekly(directory, "--as-of", asOf)
            #expect(again.status == 1)
            #expect(again.stderr.contains("Data/scenarios/merchant.yaml:7:14: error: 'probability' must be a number, got the text 'lots'"))
            expectUnchanged(before, listing(directory))
        }
        expectNoLeftovers(directory)
    }

    /// Refused while parsing, so nothing runs and nothing is written.
    @Test func aBadAsOfDateIsRejectedBeforeAnythingRuns() {
        let refused = ArgumentErrors.message(["weekly", "--as-of", "2026-02-30"])
        #expect(refused?.contains("The value '2026-02-30' is invalid for '--as-of <yyyy-mm-dd>'") == true, "\(refused ?? "parsed")")
    }

    // MARK: - Protection

    /// The draft period can be rebuilt as often as the analyst likes; it picks up the new data.
    @Test func theDraftPeriodCanBeRegenerated() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        #expect(text(directory, "Reports/2026-W48/briefing.md").contains("#### Hyperscaler silicon goes merchant\n\n**25%** · "))
        try applyEdits(directory)
        let again = try weekly(directory, "--as-of", "2026-11-29")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.hasSuffix(Self.wrote48))
        #expect(text(directory, "Reports/2026-W48/briefing.md").contains("#### Hyperscaler silicon goes merchant\n\n**30%** · "))
        expectNoLeftovers(directory)
    }

    /// 2026-W48, then the scenario edits and 2026-W49: W48 now has a later briefing.
    @Test func aPeriodWithALaterOneIsLeftAloneUnlessForced() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        try applyEdits(directory)
        let next = try weekly(directory, "--as-of", "2026-12-04", "--quiet")
        #expect(next.status == 0, "\(next.stderr)")
        let before = listing(directory)

        let refused = try weekly(directory, "--as-of", "2026-11-27")
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix(
            "briefing: 2026-W48 already has a later briefing (2026-W49), so it is left as it is; read it at Reports/2026-W48/briefing.html (use --force to rebuild it)\n"))
        #expect(!refused.stderr.contains("briefing: wrote"))
        expectUnchanged(before, listing(directory))

        let forced = try weekly(directory, "--as-of", "2026-11-27", "--force")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr.hasSuffix(Self.wrote48))
        let after = listing(directory)
        #expect(text(directory, "Reports/2026-W48/briefing.md").contains("#### Hyperscaler silicon goes merchant\n\n**30%** · "))
        #expect(after["2026-W48/briefing.md"]?.inode != before["2026-W48/briefing.md"]?.inode)
        // The later period is not touched.
        for (path, entry) in before where path.hasPrefix("2026-W49") {
            #expect(after[path] == entry, "Reports/\(path)")
        }
        expectNoLeftovers(directory)
    }

    @Test func aPublishedPeriodIsLeftAloneUnlessForced() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        try directory.write(#"{"periods": {"2026-W48": "2026-11-28T09:00:00Z"}}"# + "\n", to: "Reports/published.json")
        try applyEdits(directory)
        let before = listing(directory)

        let refused = try weekly(directory, "--as-of", "2026-11-27")
        #expect(refused.status == 0, "\(refused.stderr)")
        #expect(refused.stderr.hasSuffix(
            "briefing: 2026-W48 was published on 2026-11-28T09:00:00Z, so it is left as it is; read it at Reports/2026-W48/briefing.html (use --force to rebuild it)\n"))
        expectUnchanged(before, listing(directory))

        // --quiet still says why nothing was written.
        let quiet = try weekly(directory, "--as-of", "2026-11-27", "--quiet")
        #expect(quiet.status == 0)
        #expect(quiet.stderr.hasPrefix("briefing: 2026-W48 was published on 2026-11-28T09:00:00Z, so it is left as it is"))
        #expect(quiet.stderr.split(separator: "\n").count == 1)
        expectUnchanged(before, listing(directory))

        let forced = try weekly(directory, "--as-of", "2026-11-27", "--force", "--quiet")
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stderr == Self.wrote48)
        #expect(text(directory, "Reports/2026-W48/briefing.md").contains("#### Hyperscaler silicon goes merchant\n\n**30%** · "))
        #expect(listing(directory)["published.json"] == before["published.json"])
        expectNoLeftovers(directory)
    }

    /// Data added after a published period (an event dated later) no longer validates for that
    /// period's date; the period is still simply left alone, not a failure.
    @Test func aPublishedPeriodIsLeftAloneEvenWhenLaterDataNoLongerValidatesForIt() throws {
        let directory = try workspace()
        defer { directory.remove() }
        #expect(try weekly(directory, "--as-of", "2026-11-27", "--quiet").status == 0)
        try directory.write(#"{"periods": {"2026-W48": "2026-11-28"}}"# + "\n", to: "Reports/published.json")
        try applyEdits(directory, all: true)
        let before = listing(directory)
        let result = try weekly(directory, "--as-of", "2026-11-27", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("briefing: 2026-W48 was published on 2026-11-28, so it is left as it is"))
        expectUnchanged(before, listing(directory))
    }

    /// A period listed as published but never built here is not protected: there is nothing to keep.
    @Test func aPublishedPeriodWithoutAFolderIsBuilt() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try directory.write(#"{"periods": {"2026-W48": "2026-11-28T09:00:00Z"}}"#, to: "Reports/published.json")
        let result = try weekly(directory, "--as-of", "2026-11-27", "--quiet")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == Self.wrote48)
    }
}

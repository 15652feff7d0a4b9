import Foundation
import TestSupport
import Testing

/// `briefing archive migrate`, run as an operator runs it, on a workspace made by `briefing init`
/// (the older layout itself is covered in Tests/BriefingTests/LeanArchiveTests.swift).
@Suite("briefing archive migrate")
struct ArchiveCommandTests {
    static let asOf = "2026-11-27"

    /// A workspace from `briefing init` with this week's briefing in `Reports/`.
    private func workspace() throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        #expect(try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url).status == 0)
        let weekly = try BriefingProcess.run(["weekly", "--workspace", "ws", "--as-of", Self.asOf, "--quiet"], in: directory.url)
        #expect(weekly.status == 0, "\(weekly.stderr)")
        return (directory, directory.url.appendingPathComponent("ws"))
    }

    private func contents(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        for path in FileTree.files(under: folder) { out[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return out
    }

    @Test func aLeanPeriodIsLeftUntouched() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let before = try contents(root.appendingPathComponent("Reports"))
        #expect(before["2026-W48/figures.json"] != nil && before["2026-W48/figures.csv"] == nil)
        let result = try BriefingProcess.run(["archive", "migrate", "--workspace", "ws"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("ws/Reports/2026-W48: already lean"))
        #expect(result.stderr.hasSuffix("briefing: migrated 0 of 1 period(s)\n"))
        #expect(try contents(root.appendingPathComponent("Reports")) == before)
    }

    @Test(arguments: [
        (["2026-W4"], "'2026-W4' is not a period"),
        ([], "Reports/2026-W47: not a briefing written by briefing weekly (no manifest.json for 2026-W47); it was left alone"),
    ])
    func foreignNamesAndFoldersAreRefused(_ periods: [String], _ message: String) throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Reports/2026-W47"), withIntermediateDirectories: true)
        try Data("notes\n".utf8).write(to: root.appendingPathComponent("Reports/2026-W47/notes.md"))
        let before = try contents(root.appendingPathComponent("Reports"))
        let result = try BriefingProcess.run(["archive", "migrate", "--workspace", "ws", "--dry-run"] + periods, in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was migrated; Reports/ was left as it was"))
        #expect(try contents(root.appendingPathComponent("Reports")) == before)
    }
}

import Foundation
import Testing

/// `publish --to` and `serve --to` never replace the workspace, a folder holding it, the folders the
/// site is built from, or a folder that a publish did not write.
@Suite("guarded site destinations")
struct GuardedDestinationTests {
    struct Case: CustomStringConvertible, Sendable {
        var to: String
        var clean: Bool
        var says: String
        var description: String { "--to \(to)\(clean ? " --clean" : "")" }
    }

    static let refused: [Case] = [
        Case(to: "Data", clean: true, says: "is the workspace's Data/ folder"),
        Case(to: "Data", clean: false, says: "is the workspace's Data/ folder"),
        Case(to: "Reports", clean: true, says: "is the workspace's Reports/ folder"),
        Case(to: "Templates", clean: false, says: "is the workspace's Templates/ folder"),
        Case(to: "Data/site", clean: false, says: "is inside the workspace's Data/ folder"),
        Case(to: "Site/../Reports/2026-11", clean: true, says: "is inside the workspace's Reports/ folder"),
        Case(to: ".", clean: true, says: "is the workspace itself"),
        Case(to: "..", clean: true, says: "contains the workspace"),
        Case(to: "../..", clean: false, says: "contains the workspace"),
        Case(to: "data-link/site", clean: true, says: "is inside the workspace's Data/ folder"),
        // The kernel follows the link before `..`: this is Data/site, not the workspace's own site.
        Case(to: "markets-link/../site", clean: true, says: "is inside the workspace's Data/ folder"),
        Case(to: "../foreign", clean: true, says: "did not write"),
        Case(to: "../foreign", clean: false, says: "did not write"),
    ]

    @Test(arguments: refused)
    func publishRefusesAndChangesNothing(_ refusal: Case) throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        try FileManager.default.createSymbolicLink(atPath: workspace.url.appendingPathComponent("data-link").path, withDestinationPath: "Data")
        try FileManager.default.createSymbolicLink(atPath: workspace.url.appendingPathComponent("markets-link").path, withDestinationPath: "Data/markets")
        try workspace.outer.write("the team's notes\n", to: "foreign/notes.txt")
        let before = workspace.everything()
        let result = try workspace.run(["publish", "--to", refusal.to, "--quiet"] + (refusal.clean ? ["--clean"] : []))
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("briefing: error: --to "), "\(result.stderr)")
        #expect(result.stderr.contains(refusal.says), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("nothing was written\n"), "\(result.stderr)")
        #expect(workspace.everything() == before)
    }

    @Test func anEmptyFolderOrAnEarlierSiteIsReplacedAndMarked() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        _ = try workspace.outer.makeDirectory("empty")
        #expect(try workspace.run(["publish", "--to", "../empty", "--quiet"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: workspace.outer.url.appendingPathComponent("empty/.briefing-site").path))
        // Once marked, it is the site's: --clean may replace it.
        try workspace.outer.write("stale\n", to: "empty/old-page.html")
        #expect(try workspace.run(["publish", "--to", "../empty", "--clean", "--quiet"]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: workspace.outer.url.appendingPathComponent("empty/old-page.html").path))
        // A site written before the marker existed carries only the manifest: upgrades work.
        try workspace.write("{}", to: "Site/.site-manifest.json")
        try workspace.write("<p>old</p>", to: "Site/index.html")
        let upgraded = try workspace.run(["publish", "--quiet"])
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        #expect(workspace.exists("Site/.briefing-site") && workspace.exists("Site/periods/2026-11/briefing.html"))
    }

    @Test func aConfiguredSiteFolderIsGuardedToo() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        try workspace.edit("briefing.yaml") { $0 + "site:\n  dir: Templates/site\n" }
        let before = workspace.everything()
        let result = try workspace.run(["publish", "--quiet"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("briefing: error: the site folder Templates/site is inside the workspace's Templates/ folder"), "\(result.stderr)")
        #expect(workspace.everything() == before)
    }

    @Test func anEmptySiteFolderSettingIsALocatedError() throws {
        let workspace = try GuardedWorkspace(months: [])
        defer { workspace.remove() }
        try workspace.edit("briefing.yaml") { $0 + "site:\n  dir: \"\"\n" }
        let lines = try workspace.text("briefing.yaml").split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let result = try workspace.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("briefing.yaml:\(lines):8: error: 'dir' must name the site's folder"), "\(result.stderr)")
    }

    static let refusedPreviews: [(to: String, says: String)] = [
        ("../foreign", "did not write"),
        ("markets-link/../preview", "is inside the workspace's Data/ folder"),
        ("Data", "is the workspace's Data/ folder"),
        ("..", "contains the workspace"),
        ("Site", "is the workspace's Site/ folder"),
    ]

    /// `serve --to` refuses at once (a serve that accepted would run until killed: a watchdog ends it).
    @Test(arguments: refusedPreviews)
    func serveRefusesBeforeCleaningAnything(_ to: String, _ says: String) throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        try workspace.outer.write("the team's notes\n", to: "foreign/notes.txt")
        try FileManager.default.createSymbolicLink(atPath: workspace.url.appendingPathComponent("markets-link").path, withDestinationPath: "Data/markets")
        let before = workspace.everything()
        let serve = try BackgroundBriefing(["serve", "--to", to, "--port", "0"], in: workspace.url)
        let status = serve.exitStatus(within: 60)
        #expect(status == 1, "serve did not refuse --to \(to): \(serve.stderr)")
        #expect(serve.stderr.contains(says) && serve.stderr.contains("the preview needs a folder of its own"), "\(serve.stderr)")
        #expect(workspace.everything() == before)
    }
}

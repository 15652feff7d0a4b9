import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// "Published means published": only a publish to the workspace's site records periods, a dry run
/// writes nothing, a damaged record protects everything, and a failed record write says what happened.
@Suite("published periods record")
struct PublishedRecordTests {
    @Test func aPublishElsewhereRecordsNothingUnlessAskedTo() throws {
        let workspace = try GuardedWorkspace()
        defer { workspace.remove() }
        let test = try workspace.run(["publish", "--to", "../test-build", "--as-of", "2026-12-19"])
        #expect(test.status == 0, "\(test.stderr)")
        #expect(test.stderr.contains("not recorded in Reports/published.json"), "\(test.stderr)")
        #expect(!workspace.exists("Reports/published.json"))
        // The draft can still be rebuilt.
        let rebuilt = try workspace.run(["weekly", "--as-of", "2026-12-18"])
        #expect(rebuilt.stderr.contains("briefing: wrote Reports/2026-12/"), "\(rebuilt.stderr)")

        let recorded = try workspace.run(["publish", "--to", "../test-build", "--record", "--as-of", "2026-12-19", "--quiet"])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(try workspace.record().periods == ["2026-11": "2026-12-19", "2026-12": "2026-12-19"])
    }

    @Test func theConfiguredSiteFolderIsTheOneThatRecords() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        try workspace.edit("briefing.yaml") { $0 + "site:\n  dir: public/briefings\n" }
        #expect(try workspace.run(["publish", "--to", "Site", "--quiet"]).status == 0)
        #expect(try workspace.record().periods.isEmpty)
        let result = try workspace.run(["publish", "--as-of", "2026-11-21"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("published public/briefings/"), "\(result.stderr)")
        #expect(workspace.exists("public/briefings/periods/2026-11/briefing.html"))
        #expect(try workspace.record().periods == ["2026-11": "2026-11-21"])
    }

    @Test func aDryRunListsWhatWouldChangeAndWritesNothing() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        #expect(try workspace.run(["publish", "--as-of", "2026-11-21", "--quiet"]).status == 0)
        try workspace.write("by hand\n", to: "Site/extra/notes.txt")
        try workspace.weekly("2026-12-18")
        let before = workspace.everything()
        let result = try workspace.run(["publish", "--dry-run", "--clean", "--as-of", "2026-12-19"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = Set(result.stdout.split(separator: "\n").map(String.init))
        #expect(lines.contains("build   periods/2026-12/briefing.html"))
        #expect(lines.contains("build   index.html"))
        #expect(lines.contains("reuse   periods/2026-11/charts/edge-inference-fan.svg"))
        #expect(lines.contains("remove  extra/notes.txt"))
        #expect(lines.contains("record  2026-12") && !lines.contains("record  2026-11"))
        #expect(result.stderr.contains("would record as published: 2026-12; nothing was written"), "\(result.stderr)")
        #expect(workspace.everything() == before)
    }

    static let corruptRecords: [(text: String, located: String)] = [
        ("garbage", "Reports/published.json:1:1: error: not valid JSON"),
        ("{\n  \"periods\" : {\n    \"2026-11\" : 20261121\n  }\n}\n",
         "Reports/published.json:3:17: error: the date of 2026-11 must be a string written YYYY-MM-DD, got a number"),
        ("{\n  \"periods\" : [\"2026-11\"]\n}\n", "Reports/published.json:2:15: error: \"periods\" must be an object of period → date, got an array"),
        ("{\"periods\": {\"2026-11\": \"someday\"}}", "Reports/published.json:1:25: error: the date of 2026-11 must be a real date"),
        ("{\"periods\": {\"latest\": \"2026-11-21\"}}", "Reports/published.json:1:14: error: \"latest\" is not a period"),
        ("[]", "Reports/published.json:1:1: error: expected an object with \"periods\", got an array"),
    ]

    /// A record that cannot be read protects every period: weekly (even --force), publish to the
    /// site, discard and report --out all refuse, with the error located in the file.
    @Test(arguments: corruptRecords)
    func aDamagedRecordIsALocatedErrorThatProtectsEverything(_ text: String, _ located: String) throws {
        let workspace = try GuardedWorkspace()
        defer { workspace.remove() }
        try workspace.write(text, to: "Reports/published.json")
        let before = workspace.everything()
        for arguments in [["weekly", "--as-of", "2026-12-18"], ["weekly", "--as-of", "2026-12-18", "--force"],
                          ["weekly", "--as-of", "2027-01-15"], ["publish"], ["discard", "2026-12"]] {
            let result = try workspace.run(arguments)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr.contains(located), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("every period counts as published until it is fixed"))
        }
        let report = try workspace.run(["report", "--template", "weekly.md", "--out", "Reports/2026-12/briefing.md"])
        #expect(report.status == 1)
        #expect(workspace.everything() == before)
    }

    @Test func reportOutNeverWritesIntoReports() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        try FileManager.default.createSymbolicLink(atPath: workspace.url.appendingPathComponent("latest").path, withDestinationPath: "Reports/2026-11")
        try FileManager.default.createSymbolicLink(atPath: workspace.url.appendingPathComponent("deep").path, withDestinationPath: "Reports/2026-11/charts")
        let before = workspace.everything()
        for out in ["Reports/2026-11/briefing.md", "latest/briefing.html", "Data/../Reports/2026-11/figures.csv", "Reports/new.md", "deep/../summary.json"] {
            let result = try workspace.run(["report", "vendor", "example-custom", "--as-of", "2026-11-20", "--out", out])
            #expect(result.status == 1, "\(out)")
            #expect(result.stderr.contains("is inside Reports/, which only briefing weekly writes"), "\(result.stderr)")
        }
        #expect(workspace.everything() == before)
        let elsewhere = try workspace.run(["report", "vendor", "example-custom", "--as-of", "2026-11-20", "--out", "custom.md"])
        #expect(elsewhere.status == 0, "\(elsewhere.stderr)")
    }

    /// With `Reports/` read-only the pending record cannot be written: the old site stays, and the
    /// message says so truthfully.
    @Test func aReadOnlyReportsFolderFailsBeforeTheSwap() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        #expect(try workspace.run(["publish", "--as-of", "2026-11-21", "--quiet"]).status == 0)
        try workspace.weekly("2026-12-18")
        let site = GuardedWorkspace.listing(workspace.url.appendingPathComponent("Site"))
        let record = try workspace.text("Reports/published.json")
        let undo = try workspace.makeReadOnly("Reports")
        let result = try workspace.run(["publish", "--as-of", "2026-12-19", "--quiet"])
        undo()
        #expect(result.status == 3)
        #expect(result.stderr.contains("cannot record the periods as pending"), "\(result.stderr)")
        #expect(result.stderr.contains("the site and Reports/published.json were left as they were"), "\(result.stderr)")
        #expect(GuardedWorkspace.listing(workspace.url.appendingPathComponent("Site")) == site)
        #expect(try workspace.text("Reports/published.json") == record)
        #expect(try FileManager.default.contentsOfDirectory(atPath: workspace.outer.url.path).allSatisfy { !$0.contains(".tmp-") })
    }

    /// When `Reports/` turns read-only after the swap, the new site is live and its periods stay
    /// protected as pending; the message says exactly that, and the next publish confirms them.
    @Test func aFailedConfirmationSaysTheSiteIsLiveAndKeepsItProtected() throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        let publish = try BackgroundBriefing(["publish", "--as-of", "2026-11-21", "--quiet"], in: workspace.url, pauseAt: "swapped")
        try #require(publish.waitUntilPaused(), "publish never reached the swap: \(publish.stderr)")
        let undo = try workspace.makeReadOnly("Reports")
        publish.resume()
        let status = publish.exitStatus()
        undo()
        #expect(status == 3)
        #expect(publish.stderr.contains("the new site is in place, but confirming it in Reports/published.json failed"), "\(publish.stderr)")
        #expect(workspace.periodsOnSite() == ["2026-11"])
        #expect(try workspace.record().pending == ["2026-11": "2026-11-21"])
        let weekly = try workspace.run(["weekly", "--as-of", "2026-11-20"])
        #expect(weekly.stderr.contains("2026-11 was published on 2026-11-21, so it is left as it is"), "\(weekly.stderr)")
        #expect(try workspace.run(["publish", "--as-of", "2026-11-22", "--quiet"]).status == 0)
        let record = try workspace.record()
        #expect(record.periods == ["2026-11": "2026-11-21"] && record.pending.isEmpty)
    }
}

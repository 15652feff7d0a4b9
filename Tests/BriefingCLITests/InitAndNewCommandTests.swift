import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing
@testable import BriefingCLI

/// `briefing init` and `briefing new event`, run as analysts run them.
@Suite("briefing init and briefing new event")
struct InitAndNewCommandTests {
    static let asOf = "2026-11-27"

    /// Every file and folder under `directory`, relative and sorted, with each file's contents.
    private func listing(_ directory: URL) -> [String] {
        let enumerator = FileManager.default.enumerator(atPath: directory.path)
        return (enumerator?.compactMap { $0 as? String } ?? []).sorted().map { path in
            let url = directory.appendingPathComponent(path)
            if let data = FileManager.default.contents(atPath: url.path), !FileManager.default.isDirectory(url.path) {
                return path + ": " + String(decoding: data, as: UTF8.self)
            }
            return path + "/"
        }
    }

    /// A folder holding a new workspace `ws/` made by `briefing init`.
    private func initialized() throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return (directory, directory.url.appendingPathComponent("ws"))
    }

    // MARK: - init

    @Test func initCreatesAWorkspaceThatPassesCheck() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == """
            created ws/briefing.yaml
            created ws/Data/sources.yaml
            created ws/Data/markets/example-market.yaml
            created ws/Data/markets/example-market.csv
            created ws/Data/vendors/example-merchant.md
            created ws/Data/vendors/example-custom.md
            created ws/Data/scenarios/base.yaml
            created ws/Data/scenarios/custom-gains.yaml
            created ws/Data/events/2026-11-27-workspace-created.md
            created ws/Templates/README.md
            created ws/Reports/README.md
            Check it with: briefing check --workspace ws

            """)

        let check = try BriefingProcess.run(["check", "--workspace", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(check.status == 0)
        #expect(check.stderr == "briefing: checked as of 2026-11-27: 0 errors, 0 warnings\n")

        // Files are readable by others (umask applies) and no temporary file is left behind.
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.url.appendingPathComponent("ws/briefing.yaml").path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o600 } == 0o600)
        #expect(!listing(directory.url).contains { $0.contains(".tmp") })
    }

    @Test func initWithoutAsOfUsesTodayInUTC() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["init", "."], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let today = Day.today(in: "UTC")
        #expect(result.stdout.contains("created Data/events/\(today)-workspace-created.md\n"))
        #expect(result.stdout.hasSuffix("Check it with: briefing check --workspace .\n"))
        let check = try BriefingProcess.run(["check", "--as-of", today.description], in: directory.url)
        #expect(check.status == 0)
        #expect(check.stderr.hasSuffix("0 errors, 0 warnings\n"))
    }

    @Test func initKeepsTheFilesOfAFreshRepository() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("notes\n", to: "ws/README.md")
        try directory.write(".build/\n", to: "ws/.gitignore")
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOf: directory.url.appendingPathComponent("ws/README.md"), encoding: .utf8) == "notes\n")
        #expect(try String(contentsOf: directory.url.appendingPathComponent("ws/.gitignore"), encoding: .utf8) == ".build/\n")
    }

    struct Clash: CustomTestStringConvertible, Sendable {
        let existing: String
        let message: String
        var testDescription: String { existing }
    }

    @Test(arguments: [
        Clash(existing: "ws/briefing.yaml",
              message: "briefing: error: ws/briefing.yaml already exists: ws is a workspace already; init never overwrites files\n"),
        Clash(existing: "ws/Templates/README.md",
              message: "briefing: error: ws is not empty (it holds Templates); init creates a workspace in a new or empty folder\n"),
        Clash(existing: "ws/Data/events/2026-11-27-workspace-created.md",
              message: "briefing: error: ws is not empty (it holds Data); init creates a workspace in a new or empty folder\n"),
        Clash(existing: "ws", message: "briefing: error: ws exists and is not a folder\n"),
    ])
    func initNeverOverwritesAndWritesNothing(_ clash: Clash) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("title: Ours\n", to: clash.existing)
        let before = listing(directory.url)
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == clash.message)
        #expect(listing(directory.url) == before)
    }

    /// Refused while parsing, before anything is written.
    @Test func initRejectsABadDate() {
        #expect(ArgumentErrors.message(["init", "ws", "--as-of", "2026-02-30"])?.hasPrefix("The value '2026-02-30' is invalid for '--as-of <yyyy-mm-dd>'") == true)
    }

    // MARK: - new event

    static let headline = #"Nvidia: "Blackwell" ramps — Ü"#

    @Test func newEventWritesTheFileAndItPassesCheck() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let result = try BriefingProcess.run([
            "new", "event", Self.headline, "--vendor", "example-merchant", "--vendor", "example-custom", "--market", "example-market",
            "--scenario", "base", "--importance", "high", "--date", "2026-11-26", "--source-url", "https://example.com/blackwell",
            "--publisher", "The Information",
        ], in: workspace)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "Data/events/2026-11-26-nvidia-blackwell-ramps-u.md\n")
        let written = try String(contentsOf: workspace.appendingPathComponent("Data/events/2026-11-26-nvidia-blackwell-ramps-u.md"), encoding: .utf8)
        #expect(written == #"""
            ---
            date: 2026-11-26
            headline: "Nvidia: \"Blackwell\" ramps — Ü"
            vendors: [example-merchant, example-custom]
            markets: [example-market]
            scenarios: [base]
            importance: high
            sources:
              - publisher: "The Information"
                title: "Nvidia: \"Blackwell\" ramps — Ü"
                date: 2026-11-26
                url: "https://example.com/blackwell"
                kind: reported
            ---
            What happened and why it matters.

            """#)

        // Until the analyst writes the text, check refuses the placeholder.
        let path = workspace.appendingPathComponent("Data/events/2026-11-26-nvidia-blackwell-ramps-u.md")
        let unedited = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: workspace)
        #expect(unedited.status == 1)
        #expect(unedited.stderr.hasPrefix("Data/events/2026-11-26-nvidia-blackwell-ramps-u.md:15:1: error: the event's text is still the placeholder"))
        try Data(written.replacingOccurrences(of: "What happened and why it matters.", with: "Volume shipments began.").utf8).write(to: path)
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: workspace)
        #expect(check.status == 0)
        #expect(check.stderr == "briefing: checked as of 2026-11-27: 0 errors, 0 warnings\n")

        // The headline round-trips through YAML exactly.
        let loaded = WorkspaceLoader(root: workspace).load(asOf: Day(Self.asOf))
        let event = try #require(loaded.workspace?.events.first { $0.slug == "nvidia-blackwell-ramps-u" })
        #expect(event.headline == Self.headline)
        #expect(event.sources.first?.title == Self.headline)
        #expect(event.sources.first?.publisher == "The Information")
        #expect(event.importance == .high)
        #expect(event.vendorIDs == ["example-merchant", "example-custom"])
    }

    @Test func newEventDefaultsAndFindsTheWorkspaceFromASubfolder() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        // "Today" is the workspace's: UTC+14 is a day ahead of UTC for ten hours of every day.
        let manifest = workspace.appendingPathComponent("briefing.yaml")
        let settings = try String(contentsOf: manifest, encoding: .utf8)
        try Data(settings.replacingOccurrences(of: "timezone: UTC", with: "timezone: Pacific/Kiritimati").utf8).write(to: manifest)
        let today = Day.today(in: "Pacific/Kiritimati")
        let result = try BriefingProcess.run(["new", "event", "  Capex   guidance raised "], in: workspace.appendingPathComponent("Data/vendors"))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == workspace.path + "/Data/events/\(today)-capex-guidance-raised.md\n")
        let written = try String(contentsOf: workspace.appendingPathComponent("Data/events/\(today)-capex-guidance-raised.md"), encoding: .utf8)
        #expect(written == """
            ---
            date: \(today)
            headline: "Capex guidance raised"
            vendors: []
            markets: []
            scenarios: []
            importance: medium
            sources:
              - publisher: "TODO"
                title: "Capex guidance raised"
                date: \(today)
                kind: reported
            ---
            What happened and why it matters.

            """)
    }

    @Test func aSecondIdenticalEventFailsAndLeavesTheFirstAlone() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let arguments = ["new", "event", Self.headline, "--date", "2026-11-26", "--vendor", "example-merchant"]
        let first = try BriefingProcess.run(arguments, in: workspace)
        #expect(first.status == 0, "\(first.stderr)")
        let path = workspace.appendingPathComponent("Data/events/2026-11-26-nvidia-blackwell-ramps-u.md")
        try Data("---\nedited by the analyst\n".utf8).write(to: path)
        let before = listing(workspace)

        let second = try BriefingProcess.run(arguments + ["--importance", "low"], in: workspace)
        #expect(second.status == 1)
        #expect(second.stdout == "")
        #expect(second.stderr == "briefing: error: Data/events/2026-11-26-nvidia-blackwell-ramps-u.md already exists\n")
        #expect(listing(workspace) == before)
    }

    @Test func unknownIdsFailWithASuggestionAndWriteNothing() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let before = listing(workspace)
        let result = try BriefingProcess.run([
            "new", "event", "Custom silicon wins", "--vendor", "example-merchnt", "--vendor", "custom", "--market", "ai-accelerators",
            "--scenario", "custom-gain",
        ], in: workspace)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            briefing: error: unknown vendor 'example-merchnt'; did you mean 'example-merchant'?
            briefing: error: unknown vendor 'custom'; did you mean 'example-custom'?
            briefing: error: unknown market 'ai-accelerators'
            briefing: error: unknown scenario 'custom-gain'; did you mean 'custom-gains'?

            """)
        #expect(listing(workspace) == before)
    }

    @Test func idsAreCheckedEvenWhenTheWorkspaceHasErrors() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        try Data("---\nid: aws-trainium\n---\n".utf8).write(to: workspace.appendingPathComponent("Data/vendors/aws-trainium.md"))
        let unknown = try BriefingProcess.run(["new", "event", "Trainium sold direct", "--vendor", "aws", "--date", Self.asOf], in: workspace)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "briefing: error: unknown vendor 'aws'; did you mean 'aws-trainium'?\n")
        let known = try BriefingProcess.run(["new", "event", "Trainium sold direct", "--vendor", "aws-trainium", "--date", Self.asOf], in: workspace)
        #expect(known.status == 0, "\(known.stderr)")
        #expect(known.stdout == "Data/events/2026-11-27-trainium-sold-direct.md\n")
    }

    @Test(arguments: [
        (["new", "event", "   "], "the headline is empty"),
        (["new", "event", "日本"], "the headline has no ASCII letter or digit (after accents are removed) to name the file with"),
        (["new", "event", "x", "--date", "26-11-2026"], "--date must be a real date written YYYY-MM-DD, got '26-11-2026'"),
        (["new", "event", "x", "--source-url", "example.com"], "--source-url must be an http(s) address, got 'example.com'"),
        (["new", "event", "x", "--importance", "urgent"], "The value 'urgent' is invalid for '--importance <importance>'"),
    ])
    func badArgumentsAreRefusedWhileParsing(_ arguments: [String], _ message: String) {
        let refused = ArgumentErrors.message(arguments)
        #expect(refused?.hasPrefix(message) == true, "\(refused ?? "parsed")")
    }

    @Test func newEventOutsideAWorkspaceFails() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["new", "event", "Anything", "--workspace", directory.url.path], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == "briefing: error: this folder is not a workspace (no briefing.yaml); create one with briefing init DIR\n")
    }

    // MARK: - Slugs and suggestions

    @Test(arguments: [
        (#"Nvidia: "Blackwell" ramps — Ü"#, "nvidia-blackwell-ramps-u"),
        ("Amazon in talks to sell Trainium chips for customers' own data centers", "amazon-in-talks-to-sell-trainium-chips-for-customers-own"),
        ("Nvidia's Q3: revenue +62%", "nvidias-q3-revenue-62"),
        ("Straße & Café déjà vu", "strasse-and-cafe-deja-vu"),
        ("2nm ramp at TSMC", "event-2nm-ramp-at-tsmc"),
        ("  --Broadcom--  ", "broadcom"),
        (String(repeating: "a", count: 70), String(repeating: "a", count: 60)),
        ("日本 TPU", "tpu"),
        ("日本", nil),
    ] as [(String, String?)])
    func slugsComeFromHeadlines(_ headline: String, _ slug: String?) {
        #expect(EventDraft.slug(for: headline) == slug)
        if let slug {
            #expect(slug.count <= EventDraft.maximumSlugLength)
            #expect(!slug.hasSuffix("-") && !slug.contains("--"))
        }
    }

    @Test(arguments: [
        ("aws", "aws-trainium"), ("tpu", "google-tpu"), ("nvdia", "nvidia"), ("amd", nil), ("intel", nil), ("maia", "microsoft-maia"),
    ] as [(String, String?)])
    func suggestionsForUnknownIds(_ id: String, _ expected: String?) {
        #expect(EventDraft.suggestion(for: id, among: ["aws-trainium", "google-tpu", "nvidia", "microsoft-maia"]) == expected)
    }

    @Test(arguments: [
        ("plain", #""plain""#), (#"a "b" \c"#, #""a \"b\" \\c""#), ("line\nbreak\ttab", #""line\nbreak\ttab""#),
        ("bell\u{7}", #""bell\u0007""#), ("ü — ✓", #""ü — ✓""#), ("#not a comment: x", ##""#not a comment: x""##),
    ])
    func yamlQuoting(_ text: String, _ quoted: String) {
        #expect(EventDraft.quoted(text) == quoted)
    }
}

extension FileManager {
    fileprivate func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

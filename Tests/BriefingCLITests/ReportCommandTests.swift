import Foundation
import TestSupport
import Testing
@testable import BriefingCLI

/// `briefing report` on a copy of the bundled workspace, as of the first briefing week.
@Suite("briefing report")
struct ReportCommandTests {
    static let repository = Repository.root
    static let asOf = ["--as-of", "2026-11-27"]

    /// The bundled `briefing.yaml`, `Data/` and `Templates/`, without any briefing in `Reports/`.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try Repository.copy(["briefing.yaml", "Data", "Templates"], to: directory.url)
        return directory
    }

    private func report(_ arguments: [String], in directory: TemporaryDirectory) throws -> BriefingProcess.Result {
        try BriefingProcess.run(["report"] + arguments + Self.asOf, in: directory.url)
    }

    /// Ids of the bundled vendors or scenarios (file names without the extension).
    private static func ids(_ folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent(folder).path)) ?? []
        return names.filter { !$0.hasPrefix(".") }.map { ($0 as NSString).deletingPathExtension }.sorted()
    }

    private static func text(_ relativePath: String) throws -> String {
        try String(contentsOf: repository.appendingPathComponent(relativePath), encoding: .utf8)
    }

    @Test("every bundled vendor's page has its name, its thesis and a table", arguments: ids("Data/vendors"))
    func vendorPage(id: String) throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try report(["vendor", id], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let file = try Self.text("Data/vendors/\(id).md")
        let name = try #require(file.split(separator: "\n").first { $0.hasPrefix("name: ") }).dropFirst("name: ".count)
        #expect(result.stdout.hasPrefix("# \(name)"))
        // The thesis's first line appears as written (narratives are printed as Markdown, unescaped).
        let lines = file.components(separatedBy: "\n")
        let thesis = try #require(lines.firstIndex(of: "## Thesis"))
        let firstLine = try #require(lines[(thesis + 1)...].first { !$0.isEmpty })
        #expect(result.stdout.contains("### Thesis\n\n" + firstLine))
        #expect(result.stdout.split(separator: "\n").contains { $0.hasPrefix("|:--|") || $0.hasPrefix("|--:|") })
        #expect(result.stdout.hasSuffix(
            "Not investment advice. Vendor shares and scenario assumptions are the team's illustrative figures and are labelled as such; "
                + "every other figure names its published source.\n"))
    }

    @Test("every bundled scenario's page has its probability", arguments: ids("Data/scenarios"))
    func scenarioPage(id: String) throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try report(["scenario", id], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let file = try Self.text("Data/scenarios/\(id).yaml")
        let line = try #require(file.split(separator: "\n").first { $0.hasPrefix("probability: ") })
        let probability = try #require(Double(line.dropFirst("probability: ".count).trimmingCharacters(in: .whitespaces)))
        #expect(result.stdout.contains("| Probability | **\(Int((probability * 100).rounded()))%** |"))
        #expect(result.stdout.contains("## Market size path"))
        #expect(result.stdout.contains("This is the first briefing"))
    }

    @Test func htmlIsACompletePageWithTheVendorInItsTitle() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try report(["vendor", "nvidia", "--format", "html"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("<!doctype html>\n"))
        #expect(result.stdout.contains("<title>AI Infrastructure Briefing — Nvidia</title>"))
        #expect(result.stdout.contains("<h1"))
        #expect(result.stdout.contains("<table>"))
        #expect(result.stdout.contains("class=\"footnotes\""))
        #expect(result.stdout.hasSuffix("</html>\n"))
    }

    @Test func outWritesTheFileAndNothingElse() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let expected = try report(["scenario", "merchant"], in: directory)
        let written = try report(["scenario", "merchant", "--out", "pages/merchant.md"], in: directory)
        // The folder must exist: the command does not create it.
        #expect(written.status == 3)
        #expect(written.stderr == "briefing: error: cannot write 'pages/merchant.md': No such file or directory\n")
        _ = try directory.makeDirectory("pages")
        try directory.write("old contents", to: "pages/merchant.md")
        let result = try report(["scenario", "merchant", "--out", "pages/merchant.md"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "")
        #expect(result.stderr == "")
        let file = try String(contentsOf: directory.url.appendingPathComponent("pages/merchant.md"), encoding: .utf8)
        #expect(file == expected.stdout)
        // No temporary file left beside it, and nothing written to Reports/.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("pages").path) == ["merchant.md"])
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("Reports").path))
    }

    @Test func outRefusesADirectory() throws {
        let directory = try workspace()
        defer { directory.remove() }
        _ = try directory.makeDirectory("pages")
        let result = try report(["vendor", "nvidia", "--out", "pages"], in: directory)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("briefing: error: --out must name a file, not a directory: 'pages'\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("pages").path) == [])
    }

    @Test(arguments: [
        (["vendor", "nvidai"], "briefing: error: unknown vendor 'nvidai'; did you mean 'nvidia'?\n"),
        (["vendor", "aws"], "briefing: error: unknown vendor 'aws'; did you mean 'aws-trainium'?\n"),
        (["scenario", "merchnt"], "briefing: error: unknown scenario 'merchnt'; did you mean 'merchant'?\n"),
        (["scenario", "zzz"], "briefing: error: unknown scenario 'zzz'; valid: base, merchant, nvidia-holds\n"),
    ])
    func unknownIDsFailWithASuggestion(arguments: [String], expected: String) throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try report(arguments, in: directory)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == expected)
    }

    @Test func templateErrorsAreLocated() throws {
        let directory = try workspace()
        defer { directory.remove() }
        // A typo in the vendor page's title.
        let page = directory.url.appendingPathComponent("Templates/vendor.md")
        var lines = try String(contentsOf: page, encoding: .utf8).components(separatedBy: "\n")
        let header = try #require(lines.firstIndex { $0.hasPrefix("# {{ vendor.name") })
        lines[header] = "# {{ vendor.nmae }}"
        try Data(lines.joined(separator: "\n").utf8).write(to: page)
        let result = try report(["vendor", "amd"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "Templates/vendor.md:\(header + 1):13: error: 'vendor' has no attribute 'nmae'; did you mean 'name'?\n")

        // Any template given with --template, by its path from the workspace.
        try directory.write("# {{ briefing.title }}\n\n{{ vendorz }}\n", to: "Templates/custom/one.md")
        let custom = try report(["--template", "Templates/custom/one.md"], in: directory)
        #expect(custom.status == 1)
        #expect(custom.stderr.hasPrefix("Templates/custom/one.md:3:4: error: 'vendorz' is undefined; did you mean 'vendors'?"), "\(custom.stderr)")
    }

    @Test func anyTemplateRendersWithTheWeeklyContext() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try directory.write("{{ briefing.period }}: {% for v in vendors %}{{ v.id }}={{ v.events|length }} {% endfor %}\n", to: "Templates/custom.md")
        let result = try report(["--template", "Templates/custom.md"], in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("2026-W48: "))
        // `vendors[].events` holds every event that mentions the vendor, not only this period's.
        let mentions = try Self.ids("Data/events").filter { id in
            try Self.text("Data/events/\(id).md").split(separator: "\n").contains { $0.hasPrefix("vendors:") && $0.contains("aws-trainium") }
        }
        #expect(result.stdout.contains("aws-trainium=\(mentions.count) "))
        // From inside Templates/, the path is relative to the current folder.
        let inside = try BriefingProcess.run(["report", "--template", "custom.md"] + Self.asOf, in: directory.url.appendingPathComponent("Templates"))
        #expect(inside.stdout == result.stdout)
        // A vendor with another template, such as the weekly partial.
        let partial = try report(["vendor", "amd", "--template", "partials/vendor.md"], in: directory)
        #expect(partial.status == 0, "\(partial.stderr)")
        #expect(partial.stdout.hasPrefix("### AMD"))
        #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("Reports").path))
    }

    @Test func anInvalidWorkspaceIsReportedWithDiagnostics() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("Data/scenarios/base.yaml")
        let yaml = try String(contentsOf: path, encoding: .utf8).components(separatedBy: "\n")
            .map { $0.hasPrefix("probability:") ? "probability: often" : $0 }.joined(separator: "\n")
        try Data(yaml.utf8).write(to: path)
        let result = try report(["vendor", "nvidia"], in: directory)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Data/scenarios/base.yaml:"))
        #expect(result.stderr.hasSuffix("error(s); run briefing check\n"))
    }

    @Test func rerunsAreByteIdentical() throws {
        let directory = try workspace()
        defer { directory.remove() }
        for arguments in [["vendor", "google-tpu", "--format", "html"], ["scenario", "base"]] {
            let first = try report(arguments, in: directory)
            let second = try report(arguments, in: directory)
            #expect(first.status == 0)
            #expect(first.stdout == second.stdout)
        }
    }
}

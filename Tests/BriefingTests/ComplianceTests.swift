import Foundation
import Testing
import Workspace
@testable import Briefing

/// The `compliance:` block of briefing.yaml reaches the briefing's Markdown and its HTML page, and
/// `briefing check` warns about vendor colours a chart reader cannot tell apart.
struct ComplianceTests {
    static let block = """
        compliance:
          disclaimer: Internal research. Not investment advice; figures are illustrative.
          author: Jane Doe, CFA
          marking: For internal use only
          certification: >
            The analyst certifies that the views expressed accurately reflect her personal views.

        """

    /// The fixture with the block appended to its briefing.yaml.
    static func workspace(with block: String) throws -> URL {
        let root = try WeeklyFixture.copy()
        let manifest = root.appendingPathComponent("briefing.yaml")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        try Data((text + block).utf8).write(to: manifest)
        return root
    }

    @Test func theBlockIsRenderedOnTheBriefingAndItsPage() throws {
        let root = try Self.workspace(with: Self.block)
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try WeeklyFixture.build(root, asOf: WeeklyFixture.week1, write: false)
        let markdown = String(decoding: try #require(build.files["briefing.md"]), as: UTF8.self)
        #expect(markdown.contains("\n**For internal use only**\n"))
        #expect(markdown.contains(" · by Jane Doe, CFA*\n"))
        #expect(markdown.contains("**Analyst certification.** The analyst certifies that the views expressed accurately reflect her personal views."))
        // The block's disclaimer replaces the top-level one.
        #expect(markdown.hasSuffix("Internal research. Not investment advice; figures are illustrative.\n"))
        #expect(!markdown.contains("For internal discussion only"))

        let html = String(decoding: try #require(build.files["briefing.html"]), as: UTF8.self)
        // The footer, which repeats on every printed page, carries the marking and the disclaimer.
        let footer = try #require(html.range(of: "<tfoot>").map { String(html[$0.lowerBound...]) })
        #expect(footer.contains("<span class=\"marking\">For internal use only</span>"))
        #expect(footer.contains("Jane Doe, CFA"))
        #expect(footer.contains("Internal research. Not investment advice; figures are illustrative."))
        #expect(html.contains("<p class=\"marking\">For internal use only</p>"))
    }

    @Test func withoutTheBlockNothingIsAdded() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let build = try WeeklyFixture.build(root, asOf: WeeklyFixture.week1, write: false)
        let markdown = String(decoding: try #require(build.files["briefing.md"]), as: UTF8.self)
        #expect(!markdown.contains("Analyst certification") && !markdown.contains(" · by "))
        let html = String(decoding: try #require(build.files["briefing.html"]), as: UTF8.self)
        #expect(!html.contains("class=\"marking\""))
        #expect(html.contains("<p class=\"disclaimer\">For internal discussion only. Not investment advice."))
    }

    @Test func unknownKeysInTheBlockAreLocatedErrors() throws {
        let root = try Self.workspace(with: "compliance:\n  marking: Internal\n  autor: Jane\n")
        defer { try? FileManager.default.removeItem(at: root) }
        let result = WorkspaceLoader(root: root).load(asOf: WeeklyFixture.week1)
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 1)
        #expect(errors.first?.hasPrefix("briefing.yaml:") == true)
        #expect(errors.first?.contains("unknown key 'autor'") == true)
        #expect(errors.first?.contains("did you mean 'author'") == true)
    }

    @Test func checkWarnsAboutNearIdenticalVendorColours() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        // Intel listed after AMD (#ED1C24) in the one market, given a red a reader cannot tell from it.
        let intel = root.appendingPathComponent("Data/vendors/intel.md")
        let text = try String(contentsOf: intel, encoding: .utf8)
        let colorLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("color:") })
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        lines[colorLine] = "color:   \"#E8202A\""
        try Data(lines.joined(separator: "\n").utf8).write(to: intel)

        let report = WorkspaceCheck.run(root: root, displayPrefix: "", asOf: WeeklyFixture.week1)
        let warnings = report.diagnostics.filter { $0.message.contains("CIEDE2000") }
        #expect(warnings.count == 1)
        let warning = try #require(warnings.first)
        #expect(warning.severity == .warning)
        #expect(warning.file == "Data/vendors/intel.md")
        #expect(warning.line == colorLine + 1)
        #expect(warning.column == 10)
        #expect(warning.message.contains("too close to 'AMD' (#ED1C24)"))
        #expect(report.errors == 0)
    }

    @Test func checkIsQuietAboutDistinctColours() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let report = WorkspaceCheck.run(root: root, displayPrefix: "", asOf: WeeklyFixture.week1)
        #expect(!report.diagnostics.contains { $0.message.contains("CIEDE2000") })
    }
}

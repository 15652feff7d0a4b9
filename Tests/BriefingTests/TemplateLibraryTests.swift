import Foundation
import Templating
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// The built-in templates and the workspace's overrides: the embedded copy is the repository's
/// `Templates/`, a workspace file replaces the default of its name, and includes look in the
/// workspace first.
@Suite("Built-in templates and overrides")
struct TemplateLibraryTests {
    static let repositoryTemplates = Repository.url("Templates")

    /// A monthly two-market workspace made from the scaffold, in a temporary folder.
    static func teamWorkspace(asOf: Day = Day("2026-11-27")!) throws -> URL {
        let root = try TemporaryDirectory(prefix: "library").url
        for file in Scaffold.files(asOf: asOf) {
            var contents = file.contents
            if file.path == "briefing.yaml" {
                contents = contents.replacingOccurrences(of: "cadence: weekly", with: "cadence: monthly")
                    .replacingOccurrences(of: "title: Research Briefing", with: "title: Optics Desk Monthly")
            }
            try write(contents, to: root.appendingPathComponent(file.path))
        }
        let years = Scaffold.Years(asOf: asOf)
        func optics(_ text: String) -> String {
            text.replacingOccurrences(of: "id: example-market\n", with: "id: optical-interconnect\n")
                .replacingOccurrences(of: "name: Example market\n", with: "name: Optical interconnect\n")
                .replacingOccurrences(of: "file: example-market.csv", with: "file: optical-interconnect.csv")
                .replacingOccurrences(of: "market: example-market\n", with: "market: optical-interconnect\n")
                .replacingOccurrences(of: "id: base\n", with: "id: optics-base\n")
                .replacingOccurrences(of: "id: custom-gains\n", with: "id: optics-shift\n")
        }
        try write(optics(Scaffold.market(years: years)), to: root.appendingPathComponent("Data/markets/optical-interconnect.yaml"))
        try write(Scaffold.history(years: years), to: root.appendingPathComponent("Data/markets/optical-interconnect.csv"))
        try write(optics(Scaffold.baseScenario(years: years)), to: root.appendingPathComponent("Data/scenarios/optics-base.yaml"))
        try write(optics(Scaffold.customGainsScenario(years: years)), to: root.appendingPathComponent("Data/scenarios/optics-shift.yaml"))
        return root
    }

    static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    @Test func theEmbeddedCopyIsTheRepositorysTemplatesByteForByte() throws {
        let onDisk = FileTree.files(under: Self.repositoryTemplates).filter { $0 != "README.md" }
        #expect(BuiltinTemplates.names == onDisk, "the EmbedTemplates plugin embeds every file of Templates/")
        for name in onDisk {
            let bytes = try Data(contentsOf: Self.repositoryTemplates.appendingPathComponent(name))
            #expect(BuiltinTemplates.data(name) == bytes, "\(name) differs from Templates/\(name)")
        }
        #expect(BuiltinTemplates.names.contains(MethodologyPage.template))
        #expect(BuiltinTemplates.names.contains("assets/site.css"))
    }

    @Test func aWorkspaceWithoutTemplatesWritesItsBriefingFromTheDefaults() throws {
        let root = try Self.teamWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Templates/weekly.md").path))
        let loaded = WorkspaceLoader(root: root).load(asOf: Day("2026-11-27"))
        let workspace = try #require(loaded.workspace, "\(loaded.diagnostics)")
        let build = try WeeklyBuilder(workspace: workspace, root: root, asOf: loaded.asOf, toolVersion: "test").build(previous: nil)
        let markdown = String(decoding: try #require(build.files["briefing.md"]), as: UTF8.self)
        #expect(markdown.hasPrefix("# Optics Desk Monthly — 2026-11\n"))
        #expect(markdown.contains("## Market outlook: Optical interconnect\n"))
        #expect(markdown.contains("[methodology](methodology.html)"))
        let html = String(decoding: try #require(build.files["briefing.html"]), as: UTF8.self)
        #expect(html.contains("--accent"), "the built-in style sheet is inlined")
        let methodology = String(decoding: try #require(build.files["methodology.html"]), as: UTF8.self)
        #expect(methodology.contains("How to read the figures"))
        #expect(methodology.contains("Optical interconnect"))
        #expect(methodology.contains(String(workspace.config.defaults.monteCarloSeed)))
        #expect(!methodology.contains("Sources/"), "the readers' page cites no source file")
        #expect(build.files["methodology.md"] == nil, "the page once: no Markdown copy in the lean archive")
    }

    @Test func oneOverriddenFileIsUsedAndIncludesLookInTheWorkspaceFirst() throws {
        let root = try Self.teamWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        // Only the vendor partial is overridden; the built-in weekly.md includes it.
        try Self.write("- OPTICS DESK NOTE for {{ vendor.name }}\n", to: root.appendingPathComponent("Templates/partials/vendor.md"))
        let loaded = WorkspaceLoader(root: root).load(asOf: Day("2026-11-27"))
        let workspace = try #require(loaded.workspace)
        let build = try WeeklyBuilder(workspace: workspace, root: root, asOf: loaded.asOf, toolVersion: "test").build(previous: nil)
        let markdown = String(decoding: try #require(build.files["briefing.md"]), as: UTF8.self)
        #expect(markdown.contains("- OPTICS DESK NOTE for Example Merchant\n"))
        #expect(markdown.contains("- OPTICS DESK NOTE for Example Custom Silicon\n"))
        #expect(markdown.hasPrefix("# Optics Desk Monthly"), "weekly.md itself is still the built-in one")

        let entries = TemplateLibrary(workspaceRoot: root).entries()
        #expect(entries.first { $0.name == "partials/vendor.md" }?.origin == .override)
        #expect(entries.first { $0.name == "partials/vendor.md" }?.sameAsBuiltIn == false)
        #expect(entries.first { $0.name == "weekly.md" }?.origin == .builtIn)
        #expect(entries.map(\.name) == BuiltinTemplates.names)
    }

    @Test func errorsInABuiltInTemplateNameIt() throws {
        let root = try Self.teamWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = TemplateLibrary(workspaceRoot: root).environment()
        let error = try #require(throws: TemplateError.self) { try environment.render(name: "weekly.md", context: [:]) }
        #expect(error.description.hasPrefix("<built-in>/weekly.md:2:"), "\(error)")
        #expect(error.message.hasPrefix("'briefing' is undefined"))
    }

    @Test(arguments: ["../briefing.yaml", "/etc/passwd", "site/../../Data/sources.yaml"])
    func namesOutsideTheFolderAreRefusedNotLookedUpInTheDefaults(_ name: String) throws {
        let root = try Self.teamWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let library = TemplateLibrary(workspaceRoot: root)
        let error = try #require(throws: TemplateError.self) { try library.environment().render(name: name, context: [:]) }
        #expect(error.kind == .refused)
        #expect(throws: TemplateError.self) { try library.data(name) }
    }

    @Test func aWorkspaceStyleSheetReplacesTheBuiltInOne() throws {
        let root = try Self.teamWorkspace()
        defer { try? FileManager.default.removeItem(at: root) }
        let library = TemplateLibrary(workspaceRoot: root)
        #expect(try library.data("assets/site.css") == BuiltinTemplates.data("assets/site.css"))
        try Self.write("body { color: teal; }\n", to: root.appendingPathComponent("Templates/assets/site.css"))
        #expect(try library.data("assets/site.css") == Data("body { color: teal; }\n".utf8))
        #expect(throws: TemplateError.self) { try library.data("assets/missing.css") }
    }
}

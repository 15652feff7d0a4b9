import ArgumentParser
import Briefing
import Foundation
import Workspace

/// `briefing report`: one vendor's or scenario's page, or any template, with this period's figures.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Render one vendor's or scenario's page, or any template, with this period's figures.",
        usage: """
            briefing report vendor <id> [--template <path>] [<options>]
            briefing report scenario <id> [--template <path>] [<options>]
            briefing report --template <path> [<options>]
            """,
        discussion: """
            Projects the workspace as briefing weekly does, compares with the latest earlier briefing in \
            Reports/, and renders Templates/vendor.md (with `vendor` set), Templates/scenario.md (with \
            `scenario` and `market` set) or the template given with --template, to standard output or \
            --out FILE (never inside Reports/). With --format html the Markdown becomes a complete page through \
            Templates/layout.html. Nothing is written to Reports/.
            """
    )

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case vendor, scenario
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case markdown, html
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("What to report on: vendor or scenario (leave out with --template).", valueName: "kind"))
    var kind: Kind?

    @Argument(help: ArgumentHelp("The vendor's or scenario's id.", valueName: "id"))
    var id: String?

    @Option(help: ArgumentHelp("A template under Templates/ to render instead of vendor.md or scenario.md.", valueName: "path"))
    var template: String?

    @Option(help: AsOfDate.help("The as-of date (default: today in the workspace's time zone)."))
    var asOf: AsOfDate?

    @Option(help: "Output format: markdown, or html for a complete page.")
    var format: Format = .markdown

    @Option(help: ArgumentHelp("Write to this file (replaced atomically) instead of standard output.", valueName: "file"))
    var out: String?

    func validate() throws {
        if let kind, id == nil { throw ValidationError("say which \(kind): briefing report \(kind) <id>") }
        if kind == nil, template == nil {
            throw ValidationError("say what to render: briefing report vendor <id>, report scenario <id> or report --template <path>")
        }
        if template?.isEmpty == true { throw ValidationError("the template path is empty") }
        if let out, out.isEmpty || FileSystem.isDirectory(out) { throw ValidationError("--out must name a file, not a directory: '\(out)'") }
    }

    func run() throws {
        if let out {
            // Reports/ holds the briefings weekly wrote (and published ones readers have seen).
            let reports = ReportsFolder(workspaceRoot: URL(fileURLWithPath: global.workspaceDirectory()))
            let target = URL(fileURLWithPath: out.hasPrefix("/") ? out : FileSystem.join(FileSystem.currentDirectory(), out))
            if reports.contains(target) {
                throw CommandFailure(
                    .data, "--out \(out) is inside Reports/, which only briefing weekly writes; choose a file outside Reports/ (nothing was written)")
            }
        }
        let session = WorkspaceSession(global, asOf: asOf?.day)
        let workspace = try session.workspace(closing: nil, hint: .runCheck)
        let root = session.root.path
        let result = session.result
        let subject: ReportSubject = switch (kind, id) {
        case (.vendor, let id?): .vendor(id)
        case (.scenario, let id?): .scenario(id)
        default: .briefing
        }
        let templates = FileSystem.join(root, "Templates")
        var renderer = ReportRenderer(
            workspace: workspace, root: URL(fileURLWithPath: root), asOf: result.asOf, toolVersion: BriefingCLI.version)
        renderer.templatesDisplayPath = RenderCommand.displayPath(templates)
        let name = template.map {
            ReportRenderer.templateName(
                for: $0, templates: URL(fileURLWithPath: templates), currentDirectory: URL(fileURLWithPath: FileSystem.currentDirectory()))
        }
        try renderer.check(subject)
        let previous = ReportsFolder(workspaceRoot: URL(fileURLWithPath: root)).previous(before: renderer.period)
        let output = try renderer.render(subject, template: name, format: format == .html ? .html : .markdown, previous: previous)
        if let out {
            try ReportRenderer.write(output, toPath: out)
        } else {
            try FileSystem.writeStandardOutput(output)
        }
    }
}

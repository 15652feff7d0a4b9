import ArgumentParser
import Briefing
import Foundation
import Templating

/// `briefing render TEMPLATE`: any template with any data, to standard output.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template with data files and values to standard output.",
        discussion: """
            TEMPLATE is a name under the template roots, e.g. weekly.md or partials/vendor.md. \
            The top-level keys of each --data document become template variables; later files \
            override earlier ones and --set overrides both. A --set value is read as JSON when it \
            is valid JSON (2026, true, [1, 2], "text") and as text otherwise. Templates whose name \
            ends in .html are autoescaped. See docs/templates.md for the language.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The template to render, by name under the template roots.", valueName: "template"))
    var template: String

    @Option(name: .long, help: ArgumentHelp("A JSON or YAML data file (repeatable).", valueName: "file"))
    var data: [String] = []

    @Option(name: .long, help: ArgumentHelp("A template root, searched in order (repeatable; default: the workspace's Templates/).", valueName: "dir"))
    var templates: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Set one variable: key=value (repeatable).", valueName: "key=value"))
    var assignments: [String] = []

    func validate() throws {
        if template.isEmpty { throw ValidationError("the template name is empty") }
        for assignment in assignments where assignment.firstIndex(of: "=").map({ $0 == assignment.startIndex }) ?? true {
            throw ValidationError("--set expects key=value, got '\(assignment)'")
        }
    }

    func run() throws {
        let roots = templates
        for root in roots where !FileSystem.isDirectory(root) {
            throw CLIError.cannotRead(path: root, reason: "not a template folder")
        }
        var context: [String: Value] = [:]
        for file in data {
            for (key, value) in try DataDocument.load(URL(fileURLWithPath: file), displayPath: file) { context[key] = value }
        }
        for assignment in assignments {
            let (key, value) = try DataDocument.assignment(assignment)
            context[key] = value
        }
        // The workspace's templates over the built-in defaults, unless folders are named.
        let environment: Environment
        if roots.isEmpty {
            let folder = FileSystem.join(global.workspaceDirectory(), "Templates")
            environment = TemplateLibrary(folder: URL(fileURLWithPath: folder), displayFolder: Self.displayPath(folder)).environment()
        } else {
            environment = TemplateLibrary.environment(roots: roots.map { URL(fileURLWithPath: $0) }, displayRoots: roots.map(Self.displayPath))
        }
        let output = try environment.render(name: template, context: context)
        try FileSystem.writeStandardOutput(output)
    }

    /// How a template root appears in diagnostics: relative to the current folder when inside it
    /// (`Templates/weekly.md:14:9`), as given otherwise.
    static func displayPath(_ root: String) -> String {
        let relative = DisplayPath.relative(root)
        return relative.isEmpty ? "." : relative
    }
}

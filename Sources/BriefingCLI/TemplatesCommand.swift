import ArgumentParser
import Briefing
import Foundation
import Workspace

/// `briefing templates list|copy`: the templates a workspace uses (its own `Templates/` over the
/// built-in defaults) and copying a default into the workspace to customise it.
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the templates the workspace uses, or copy built-in ones into Templates/ to customise them.",
        discussion: """
            A file in the workspace's Templates/ replaces the built-in template of the same name, file \
            by file; include and extends look in Templates/ first, then in the built-in templates.
            """,
        subcommands: [List.self, Copy.self]
    )

    /// Only a workspace's templates can be listed or copied into: a folder with briefing.yaml.
    static func workspaceRoot(_ global: GlobalOptions) throws -> String {
        let root = global.workspaceDirectory()
        guard FileSystem.isRegularFile(FileSystem.join(root, WorkspaceLocator.manifestName)) else {
            let shown = DisplayPath.relative(root)
            throw CommandFailure(
                .data, "\(shown.isEmpty ? "this folder" : shown) is not a workspace (no \(WorkspaceLocator.manifestName)); create one with briefing init DIR")
        }
        return root
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show every template and asset, and whether it comes from the workspace or is built in.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let root = try TemplatesCommand.workspaceRoot(global)
            let entries = TemplateLibrary(workspaceRoot: URL(fileURLWithPath: root)).entries()
            let width = max(4, entries.map(\.name.count).max() ?? 0)
            func padded(_ text: String) -> String { text + String(repeating: " ", count: width - text.count + 2) }
            var text = padded("NAME") + "SOURCE\n"
            for entry in entries {
                let source = switch entry.origin {
                case .builtIn: "built-in"
                case .workspace: "workspace (Templates/\(entry.name))"
                case .override:
                    "workspace (Templates/\(entry.name), overrides the built-in\(entry.sameAsBuiltIn ? "; same as the built-in" : ""))"
                }
                text += padded(entry.name) + source + "\n"
            }
            try FileSystem.writeStandardOutput(text)
        }
    }

    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write built-in templates into the workspace's Templates/ to customise them.",
            discussion: """
                Each NAME is a built-in template's name as briefing templates list shows it \
                (weekly.md, partials/vendor.md, site/layout.html, assets/site.css). A file that \
                already exists is left alone unless --force is given; then it is replaced atomically. \
                When any name is refused, nothing is written.
                """)

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("Built-in templates to copy.", valueName: "name"))
        var names: [String]

        @Flag(help: "Replace a file the workspace already has with the built-in template.")
        var force = false

        func validate() throws {
            if names.isEmpty { throw ValidationError("name the templates to copy (see briefing templates list)") }
        }

        func run() throws {
            let root = try TemplatesCommand.workspaceRoot(global)
            let plan = TemplateLibrary(workspaceRoot: URL(fileURLWithPath: root))
                .copies(of: names, workspaceRoot: URL(fileURLWithPath: root), force: force)
            let prefix = DisplayPath.relative(root)
            func shown(_ path: String) -> String { prefix.isEmpty ? path : FileSystem.join(prefix, path) }
            if !plan.problems.isEmpty {
                throw CommandFailure(plan.problems.flatMap { problem -> [Problem] in
                    switch problem {
                    case .exists(let path): TemplateLibrary.CopyProblem.exists(path: shown(path)).problems
                    default: problem.problems
                    }
                })
            }
            var text = ""
            if force {
                for file in plan.files {
                    let path = FileSystem.join(root, file.path)
                    let existed = FileSystem.isRegularFile(path)
                    do {
                        try FileManager.default.createDirectory(
                            atPath: FileSystem.parent(of: path) ?? root, withIntermediateDirectories: true)
                        try ReportRenderer.write(String(decoding: file.data, as: UTF8.self), toPath: path)
                    } catch {
                        throw CommandFailure(.environment, "cannot write \(shown(file.path)): \(error)")
                    }
                    text += "\(existed ? "replaced" : "created") \(shown(file.path))\n"
                }
            } else {
                do {
                    try NewFiles.create(
                        plan.files.map { (path: FileSystem.join(root, $0.path), contents: String(decoding: $0.data, as: UTF8.self)) },
                        clash: { TemplateLibrary.CopyProblem.exists(path: DisplayPath.relative($0)).problems[0] })
                } catch let error as NewFiles.Failure {
                    throw CommandFailure([error.problem])
                }
                text = plan.files.map { "created \(shown($0.path))\n" }.joined()
            }
            try FileSystem.writeStandardOutput(text)
        }
    }
}

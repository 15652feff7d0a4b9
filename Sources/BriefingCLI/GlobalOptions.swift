import ArgumentParser
import Foundation

/// Options every subcommand takes: `@OptionGroup var global: GlobalOptions`.
struct GlobalOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The workspace folder (default: the nearest folder up from the current one that holds \(WorkspaceLocator.manifestName), else the current folder).",
            valueName: "dir"
        )
    )
    var workspace: String?

    @Option(name: .long, help: ArgumentHelp("Colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never.", valueName: "when"))
    var color: ColorChoice = .auto

    func validate() throws {
        if let workspace, !FileSystem.isDirectory(workspace) {
            throw ValidationError("workspace '\(workspace)' is not a directory")
        }
    }

    /// Prints this command's diagnostics, in colour when `--color` and standard error allow it.
    var printer: DiagnosticPrinter {
        DiagnosticPrinter(colour: color.isEnabled(for: STDERR_FILENO))
    }

    /// The workspace the command works in: `--workspace`, else the discovered one.
    func workspaceDirectory() -> String {
        workspace ?? WorkspaceLocator.discover(from: FileSystem.currentDirectory())
    }
}

/// A command that takes the global options; `BriefingCLI.main` reads `--color` through it.
protocol GlobalOptionsCommand {
    var global: GlobalOptions { get }
}

extension RootCommand: GlobalOptionsCommand {}
extension MarkdownCommand: GlobalOptionsCommand {}
extension RenderCommand: GlobalOptionsCommand {}
extension CheckCommand: GlobalOptionsCommand {}
extension ProjectCommand: GlobalOptionsCommand {}
extension WeeklyCommand: GlobalOptionsCommand {}
extension ReportCommand: GlobalOptionsCommand {}
extension TemplatesCommand.List: GlobalOptionsCommand {}
extension TemplatesCommand.Copy: GlobalOptionsCommand {}
extension PublishCommand: GlobalOptionsCommand {}
extension DiscardCommand: GlobalOptionsCommand {}
extension ServeCommand: GlobalOptionsCommand {}
extension InitCommand: GlobalOptionsCommand {}
extension NewEventCommand: GlobalOptionsCommand {}

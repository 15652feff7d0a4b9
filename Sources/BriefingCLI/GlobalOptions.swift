import ArgumentParser

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

    func validate() throws {
        if let workspace, !FileSystem.isDirectory(workspace) {
            throw ValidationError("workspace '\(workspace)' is not a directory")
        }
    }

    /// The workspace the command works in: `--workspace`, else the discovered one.
    func workspaceDirectory() -> String {
        workspace ?? WorkspaceLocator.discover(from: FileSystem.currentDirectory())
    }
}

import ArgumentParser

/// The root command. Subcommands are listed in ``subcommands``, in the order `--help` shows them.
struct RootCommand: AsyncParsableCommand {
    /// Every `briefing` subcommand. Add new ones here.
    static let subcommands: [any ParsableCommand.Type] = [
        MarkdownCommand.self,
        RenderCommand.self,
        CheckCommand.self,
        ProjectCommand.self,
        WeeklyCommand.self,
        ReportCommand.self,
        TemplatesCommand.self,
        PublishCommand.self,
        ExportCommand.self,
        DiscardCommand.self,
        ArchiveCommand.self,
        ServeCommand.self,
        InitCommand.self,
        NewCommand.self,
    ]

    /// Parsed here so that `briefing --workspace DIR markdown …` works as well as
    /// `briefing markdown --workspace DIR …`; subcommands read their own copy.
    @OptionGroup var global: GlobalOptions

    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "Turn market data and analyst narratives into investor briefings.",
        version: BriefingCLI.version,
        subcommands: subcommands
    )
}

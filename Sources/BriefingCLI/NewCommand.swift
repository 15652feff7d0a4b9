import ArgumentParser
import Briefing
import Foundation
import Workspace

/// `briefing new KIND …`: a new data file with its front matter filled in.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Create a new data file (an event) with its fields filled in.",
        subcommands: [NewEventCommand.self]
    )
}

/// `briefing new event "Headline" …`: `Data/events/<date>-<slug>.md`.
struct NewEventCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "event",
        abstract: "Log an event: write Data/events/<date>-<slug>.md.",
        discussion: """
            The file name comes from the date and the headline (lowercase ASCII letters and digits \
            joined by hyphens, at most 60 characters). The front matter lists the vendors, markets \
            and scenarios given (each must exist in the workspace), the importance and one reported \
            source titled with the headline; the text is a placeholder to replace. An existing file \
            is never overwritten. Prints the path of the new file.
            """
    )

    enum Level: String, ExpressibleByArgument, CaseIterable {
        case low, medium, high
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The event's headline (one line; runs of spaces become one).", valueName: "headline"))
    var headline: String

    @Option(name: .customLong("vendor"), help: ArgumentHelp("A vendor the event concerns (repeatable).", valueName: "id"))
    var vendors: [String] = []

    @Option(name: .customLong("market"), help: ArgumentHelp("A market the event concerns (repeatable).", valueName: "id"))
    var markets: [String] = []

    @Option(name: .customLong("scenario"), help: ArgumentHelp("A scenario the event bears on (repeatable).", valueName: "id"))
    var scenarios: [String] = []

    @Option(help: "How much the event matters: low, medium or high.")
    var importance: Level = .medium

    @Option(help: ArgumentHelp("The event's date (YYYY-MM-DD; default: today in the workspace's time zone).", valueName: "date"))
    var date: String?

    @Option(name: .customLong("source-url"), help: ArgumentHelp("The address of the report (http or https).", valueName: "url"))
    var sourceURL: String?

    @Option(help: ArgumentHelp("Who published the report (default: TODO, to fill in).", valueName: "name"))
    var publisher: String?

    func validate() throws {
        if headline.allSatisfy(\.isWhitespace) { throw ValidationError("the headline is empty") }
        if EventDraft.slug(for: headline) == nil {
            throw ValidationError("the headline has no ASCII letter or digit (after accents are removed) to name the file with")
        }
        if let date, Day(date) == nil {
            throw ValidationError("--date must be a real date written YYYY-MM-DD, got '\(date)'")
        }
        if let sourceURL, !(sourceURL.hasPrefix("https://") || sourceURL.hasPrefix("http://")) || sourceURL.contains(where: \.isWhitespace) {
            throw ValidationError("--source-url must be an http(s) address, got '\(sourceURL)'")
        }
    }

    func run() throws {
        let root = global.workspaceDirectory()
        guard FileSystem.isRegularFile(FileSystem.join(root, WorkspaceLocator.manifestName)) else {
            let shown = DisplayPath.relative(root)
            throw CommandFailure(
                .data, "\(shown.isEmpty ? "this folder" : shown) is not a workspace (no \(WorkspaceLocator.manifestName)); create one with briefing init DIR")
        }
        let rootURL = URL(fileURLWithPath: root)
        // Today as briefing check sees it: in the workspace's time zone.
        let today = WorkspaceLoader(root: rootURL).load().asOf
        let draft = EventDraft(
            date: date.flatMap(Day.init) ?? today, headline: headline, vendorIDs: vendors, marketIDs: markets,
            scenarioIDs: scenarios, importance: Importance(rawValue: importance.rawValue) ?? .medium, publisher: publisher,
            sourceURL: sourceURL)
        let unknown = draft.unknownIDs(among: .scan(root: rootURL))
        if !unknown.isEmpty { throw CommandFailure(unknown.flatMap(\.problems)) }
        guard let relativePath = draft.path else { throw CommandFailure(.data, "the headline has no letter or digit to name the file with") }
        let path = FileSystem.join(root, relativePath)
        // A linked Data/ or Data/events folder must not carry the new file out of the workspace.
        guard WorkspaceBoundary.contains(relativePath, root: rootURL) else {
            throw CommandFailure(
                .data, "\(DisplayPath.relative(path)): a symbolic link on this path leads outside the workspace; nothing was written")
        }
        do {
            try NewFiles.create([(path: path, contents: draft.contents)], clash: { Problem(.data, "\(DisplayPath.relative($0)) already exists") })
        } catch let error as NewFiles.Failure {
            throw CommandFailure([error.problem])
        }
        try FileSystem.writeStandardOutput(DisplayPath.relative(path) + "\n")
        if draft.date > today {
            FileSystem.writeStandardError(
                "briefing: warning: the event is dated \(draft.date), after today (\(today)); briefing check reports it as an error until then\n")
        }
    }
}

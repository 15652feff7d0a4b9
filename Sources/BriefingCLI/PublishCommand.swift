import ArgumentParser
import Briefing
import Foundation
import Templating
import Workspace

/// `briefing publish`: the static site from `Reports/` and the workspace, swapped in atomically.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Build the internal site from Reports/ and swap it into place.",
        discussion: """
            Builds the home page, the archive, one page per briefing, vendor and scenario pages, an \
            Atom feed, a sitemap and a 404 page into a temporary sibling of DIR and renames it into \
            place, so readers never see a half-built site. Pages whose inputs did not change are \
            carried over, not rebuilt. Records the published periods in Reports/published.json, \
            which protects them from being rewritten by briefing weekly.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Where the site goes (default: Site/ in the workspace).", valueName: "dir"))
    var to: String?

    @Option(help: ArgumentHelp("The site's absolute address, for the feed and sitemap (default: base_url in briefing.yaml).", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Remove files in DIR that the site no longer produces.")
    var clean = false

    @Option(help: ArgumentHelp("The date recorded as the publishing date (default: today in the workspace's time zone).", valueName: "date"))
    var asOf: String?

    @Flag(help: "No progress lines.")
    var quiet = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute http(s) address, got '\(baseURL)'")
        }
        if let asOf, Day(asOf) == nil { throw ValidationError("--as-of must be a real date written YYYY-MM-DD, got '\(asOf)'") }
    }

    func run() throws {
        let session = WorkspaceSession(global, asOf: asOf)
        let workspace = try session.workspace(closing: "the site was left as it was")
        let (root, result) = (session.root, session.result)
        guard var base = baseURL ?? workspace.config.baseURL else {
            throw CLIError.diagnostic("briefing: error: publishing needs the site's address: set base_url in briefing.yaml or pass --base-url")
        }
        if !base.hasSuffix("/") { base += "/" }
        let destination = to.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: FileSystem.currentDirectory())).standardizedFileURL }
            ?? root.appendingPathComponent("Site")
        let shown = DisplayPath.relative(destination.path)
        if !quiet { FileSystem.writeStandardError("briefing: building the site into \(shown.isEmpty ? "." : shown)\n") }
        let published: SitePublisher.Result
        do {
            published = try SitePublisher(workspace: workspace, root: root).publish(
                to: destination, baseURL: base, clean: clean, today: result.asOf)
        } catch let error as SiteSourceError {
            throw CLIError.diagnostic(error.description + "\nbriefing: error: the site was left as it was")
        } catch let error as TemplateError {
            throw CLIError.diagnostic((error.location == nil ? "briefing: error: \(error.message)" : error.description) + "\nbriefing: error: the site was left as it was")
        } catch {
            throw CLIError.diagnostic("briefing: error: cannot publish: \(error); the site was left as it was")
        }
        for problem in published.unreadable { FileSystem.writeStandardError("\(problem)\n") }
        var line = "briefing: published \(shown.isEmpty ? "." : shown)/ — \(published.rendered) page(s) built, \(published.reused) unchanged"
        if published.kept > 0 { line += ", \(published.kept) other file(s) kept (use --clean to remove them)" }
        if !published.newlyPublished.isEmpty { line += "; newly published: \(published.newlyPublished.joined(separator: ", "))" }
        FileSystem.writeStandardError(line + "\n")
    }
}

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
            carried over, not rebuilt.

            DIR must not be the workspace, a folder holding it, or a folder inside Data/, Reports/ or \
            Templates/; an existing DIR is only replaced when it is empty or a site that publish wrote \
            (it has a .briefing-site file).

            Publishing to the workspace's site (Site/, or site: {dir: PATH} in briefing.yaml) records \
            the published periods in Reports/published.json, which protects them from being rewritten \
            by briefing weekly or removed by briefing discard; publishing elsewhere records nothing \
            unless --record. --dry-run lists what would be built, reused, removed and recorded, and \
            writes nothing.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("Where the site goes (default: the workspace's site, Site/ unless briefing.yaml says site: {dir: PATH}).", valueName: "dir"))
    var to: String?

    @Option(help: ArgumentHelp("The site's absolute address, for the feed and sitemap (default: base_url in briefing.yaml).", valueName: "url"))
    var baseURL: String?

    @Flag(help: "Remove files in DIR that the site no longer produces.")
    var clean = false

    @Flag(help: "Record the periods as published even though DIR is not the workspace's site.")
    var record = false

    @Flag(help: "List the pages that would be built, reused and removed and the periods that would be recorded; write nothing.")
    var dryRun = false

    @Option(help: AsOfDate.help("The date recorded as the publishing date (default: today in the workspace's time zone)."))
    var asOf: AsOfDate?

    @Flag(help: "No progress lines.")
    var quiet = false

    @Flag(help: "Build the site without its search index (by default publish fails when Pagefind is missing).")
    var noSearch = false

    func validate() throws {
        if let baseURL, !(baseURL.hasPrefix("https://") || baseURL.hasPrefix("http://")) {
            throw ValidationError("--base-url must be an absolute http(s) address, got '\(baseURL)'")
        }
        if to?.isEmpty == true { throw ValidationError("--to must name a folder") }
    }

    func run() throws {
        let session = WorkspaceSession(global, asOf: asOf?.day)
        let unchanged = dryRun ? "nothing was written" : "the site was left as it was"
        let workspace = try session.workspace(closing: unchanged)
        let (root, result) = (session.root, session.result)
        guard var base = baseURL ?? workspace.config.baseURL else {
            throw CommandFailure(.data, "publishing needs the site's address: set base_url in briefing.yaml or pass --base-url")
        }
        if !base.hasSuffix("/") { base += "/" }
        var publisher = SitePublisher(workspace: workspace, root: root)
        publisher.search = noSearch ? .off : .required
        // Joined as text: resolving against a base URL would drop `link/..` before the kernel follows the link.
        let destination = to.map { URL(fileURLWithPath: $0.hasPrefix("/") ? $0 : FileSystem.join(FileSystem.currentDirectory(), $0)) }
            ?? publisher.configuredSite
        let shownPath = DisplayPath.relative(destination.path)
        let shown = shownPath.isEmpty ? "." : shownPath
        let recording: SitePublisher.Recording = record ? .always : .whenConfiguredSite
        do {
            // Refused before anything is printed or locked (publish checks again, under the lock).
            _ = try SiteDestination.check(destination, workspaceRoot: root)
            if dryRun {
                try printPlan(try publisher.plan(to: destination, baseURL: base, clean: clean, recording: recording), shown: shown)
                return
            }
            let lock = try WorkspaceLock.acquire(workspaceRoot: root)
            defer { lock.release() }
            ReportsFolder(workspaceRoot: root).removeStaleTemporaries()
            if !quiet { FileSystem.writeStandardError("briefing: building the site into \(shown)\n") }
            let published = try publisher.publish(to: destination, baseURL: base, clean: clean, today: result.asOf, recording: recording)
            FileSystem.writeStandardError(published.unreadable.map { global.printer.text(for: $0.diagnostic) }.joined())
            var line = "briefing: published \(shown)/ — \(published.rendered) page(s) built, \(published.reused) unchanged"
            if published.kept > 0 { line += ", \(published.kept) other file(s) kept (use --clean to remove them)" }
            if !published.newlyPublished.isEmpty { line += "; newly published: \(published.newlyPublished.joined(separator: ", "))" }
            if !published.recorded { line += "; not recorded in Reports/published.json (not the workspace's site; --record records it)" }
            FileSystem.writeStandardError(line + "\n")
        } catch let refusal as SiteDestination.Refusal {
            throw CommandFailure(.data, "\(to == nil ? "the site folder" : "--to") \(shown) \(refusal.reason); nothing was written")
        } catch let corrupt as PublishRecord.Corrupt {
            throw CommandFailure(corrupt.problems(under: session.prefix), then: unchanged)
        } catch let busy as WorkspaceLock.Busy {
            throw CommandFailure(.environment, "\(busy); \(unchanged)")
        } catch let failure as SitePublisher.Failure {
            throw CommandFailure(.environment, "cannot publish: \(failure)")
        } catch let error as SiteLinkCheck.BrokenLinks {
            throw CommandFailure(error.problems(under: shown), then: unchanged)
        } catch let error where DiagnosticPrinter.knows(error) {
            // Unreadable site sources and template errors, located.
            throw CommandFailure(error, then: unchanged)
        } catch {
            throw CommandFailure(.environment, "cannot publish: \(error); \(unchanged)")
        }
    }

    /// `--dry-run`: one line per page and period, on standard output.
    private func printPlan(_ plan: SitePublisher.Plan, shown: String) throws {
        var lines: [String] = []
        lines += plan.build.map { "build   \($0)" }
        lines += plan.reuse.map { "reuse   \($0)" }
        lines += plan.remove.map { "remove  \($0)" }
        lines += plan.keep.map { "keep    \($0)" }
        lines += plan.record.map { "record  \($0)" }
        try FileSystem.writeStandardOutput(lines.map { $0 + "\n" }.joined())
        FileSystem.writeStandardError(plan.unreadable.map { global.printer.text(for: $0.diagnostic) }.joined())
        var summary = "briefing: dry run for \(shown)/ — \(plan.build.count) page(s) to build, \(plan.reuse.count) unchanged, \(plan.remove.count) file(s) to remove"
        if !plan.keep.isEmpty { summary += ", \(plan.keep.count) other file(s) kept" }
        summary += plan.recorded
            ? (plan.record.isEmpty ? "; no period newly recorded" : "; would record as published: \(plan.record.joined(separator: ", "))")
            : "; nothing recorded (not the workspace's site; --record records it)"
        FileSystem.writeStandardError(summary + "; nothing was written\n")
    }
}

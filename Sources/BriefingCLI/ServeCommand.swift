import ArgumentParser
import Briefing
import BriefingServer
import Foundation
import Workspace

/// `briefing serve`: a preview of the site for authors, rebuilt on every change.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Preview the site and the draft briefing while you edit: build, serve, rebuild and reload on every change.",
        discussion: """
            Builds the site the way briefing publish does, into a preview folder (the published \
            site and Reports/published.json are left alone), and the current period's draft \
            briefing the way briefing weekly does, into a scratch folder beside it (<dir>-draft; \
            never into Reports/), served at /_draft/. Rebuilds both as soon as a file in Data/, \
            Templates/ or Reports/, or briefing.yaml, changes, and reloads the open pages \
            (Server-Sent Events; the script that listens is added to the pages as they are sent, \
            never written into a file). While a build fails, every page shows its errors with \
            their file, line and column, and clears itself after the next good build. The \
            preview has no search index (briefing publish builds it). Listens on 127.0.0.1 only \
            unless --host says otherwise. --open opens the draft in the browser. Ctrl-C stops it.

            The preview folder is replaced on every build, so --to refuses the workspace, a folder \
            holding it, Site/, docs/ and anything inside Data/, Reports/ or Templates/, and an \
            existing folder that is neither empty nor a site briefing wrote (with a .briefing-site file).
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The port to listen on (0 picks a free one).", valueName: "port"))
    var port = 8080

    @Option(help: ArgumentHelp("The address to listen on (0.0.0.0 opens the preview to the network).", valueName: "address"))
    var host = "127.0.0.1"

    @Option(help: ArgumentHelp("Where the preview is built (default: .site-preview/ in the workspace).", valueName: "dir"))
    var to: String?

    @Option(help: AsOfDate.help("The draft briefing's as-of date (default: today in the workspace's time zone)."))
    var asOf: AsOfDate?

    @Flag(help: "Open the draft briefing in the browser once the preview is listening (xdg-open, or open on macOS).")
    var open = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let rootPath = FileSystem.normalized(absolute(global.workspaceDirectory()))
        let root = URL(fileURLWithPath: rootPath)
        let prefix = DisplayPath.relative(rootPath)
        // Checked as typed (not normalized first): `link/..` goes where the kernel takes it.
        let destinationPath = try checkDestination(to.map(absolute) ?? FileSystem.join(rootPath, ".site-preview"), workspace: rootPath)
        let shown = DisplayPath.relative(destinationPath)
        guard #available(macOS 14, iOS 17, tvOS 17, *) else {
            throw CommandFailure(.environment, "briefing serve needs macOS 14 or later")
        }
        FileSystem.writeStandardError("briefing: building the preview into \(shown.isEmpty ? "." : shown)\n")
        var configuration = PreviewServer.Configuration(
            workspaceRoot: root, destination: URL(fileURLWithPath: destinationPath), host: host, port: port, displayPrefix: prefix,
            asOf: asOf?.day, toolVersion: BriefingCLI.version)
        // The error page reads as the terminal does, without colour.
        configuration.describe = { problems in DiagnosticPrinter(colour: false).text(for: CommandFailure(problems)) }
        let server = PreviewServer(configuration)
        let printer = global.printer
        let opening = open
        do {
            try await server.run(handlingSignals: true) { event in
                Self.print(event, printer: printer)
                if case .listening(let url) = event {
                    let draft = url.appendingPathComponent("_draft/briefing.html").absoluteString
                    FileSystem.writeStandardError("briefing: the draft briefing is at \(draft)\n")
                    if opening { BrowserOpener.open(draft) }
                }
            }
        } catch {
            let hint = "\(error)".contains("in use") ? "; choose another port with --port (0 picks a free one)" : ""
            throw CommandFailure(.environment, "cannot listen on \(host):\(port): \(error)\(hint)")
        }
        FileSystem.writeStandardError("briefing: preview stopped\n")
    }

    private func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : FileSystem.join(FileSystem.currentDirectory(), path)
    }

    /// The preview folder is replaced on every build: the publish guard (not the workspace, a folder
    /// holding it, or inside Data/, Reports/, Templates/; only an empty folder or a site), and not the
    /// published site or the docs either.
    private func checkDestination(_ destination: String, workspace root: String) throws -> String {
        do {
            return try SiteDestination.check(URL(fileURLWithPath: destination), workspaceRoot: URL(fileURLWithPath: root), alsoProtected: ["Site", "docs"]).path
        } catch {
            let shown = DisplayPath.relative(destination)
            throw CommandFailure(.data, "--to \(shown.isEmpty ? "." : shown) \(error.reason); the preview needs a folder of its own")
        }
    }

    @Sendable private static func print(_ event: PreviewEvent, printer: DiagnosticPrinter) {
        switch event {
        case .listening(let url):
            try? FileSystem.writeStandardOutput("briefing: serving the preview at \(url.absoluteString) (Ctrl-C stops)\n")
        case .building(let changed):
            guard !changed.isEmpty else { return }
            let named = changed.prefix(3).joined(separator: ", ") + (changed.count > 3 ? " and \(changed.count - 3) more" : "")
            FileSystem.writeStandardError("briefing: \(named) changed; rebuilding\n")
        case .built(let rendered, let reused, let warnings, let seconds):
            for warning in warnings { FileSystem.writeStandardError(warning + "\n") }
            let time = String(format: "%.2f", locale: Locale(identifier: "en_US_POSIX"), seconds)
            FileSystem.writeStandardError("briefing: preview built in \(time) s — \(rendered) page(s) built, \(reused) unchanged\n")
        case .failed(let problems):
            let closing = Problem(.data, "the build failed; the preview shows these errors until a build succeeds")
            FileSystem.writeStandardError(printer.text(for: CommandFailure(problems + [closing])))
        }
    }
}

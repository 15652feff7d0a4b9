import ArgumentParser
import Briefing
import Foundation
import Workspace

/// `briefing export PERIOD --pdf|--email`: a built briefing as a PDF to file or a message to mail.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export a built briefing as a PDF or an e-mail message.",
        discussion: """
            --pdf prints Reports/PERIOD/briefing.html with headless Chromium (Debian package chromium) \
            to Reports/PERIOD/briefing.pdf: the print stylesheet on the paper of 'paper:' in \
            briefing.yaml (A4 or Letter), the disclaimer, title, period and page number on every page, \
            and a linked table of contents. --email writes Reports/PERIOD/briefing.eml, a MIME message \
            with a plain-text and an HTML part and the charts as PNG images (drawn by rsvg-convert, \
            Debian package librsvg2-bin), addressed from the email: block of briefing.yaml; --send \
            also hands it to that block's sendmail program. Both are written atomically, and the same \
            briefing gives the same bytes. Build the period first with briefing weekly.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The period to export, as its folder in Reports/ is named (2026-W49, 2026-12, 2026-Q4).", valueName: "period"))
    var period: String

    @Flag(help: "Write the PDF edition (default file Reports/<period>/briefing.pdf).")
    var pdf = false

    @Flag(help: "Write the e-mail edition (default file Reports/<period>/briefing.eml).")
    var email = false

    @Option(help: ArgumentHelp("Write to this file instead (with one of --pdf or --email).", valueName: "file"))
    var out: String?

    @Flag(help: "With --email: also send the message with the sendmail program set in briefing.yaml (email: sendmail:).")
    var send = false

    func validate() throws {
        guard Period(period) != nil else {
            throw ValidationError("'\(period)' is not a period; write it as its folder in Reports/ is named: 2026-W49 (weekly), 2026-12 (monthly) or 2026-Q4 (quarterly)")
        }
        guard pdf || email else { throw ValidationError("choose an edition: --pdf, --email or both") }
        if out != nil, pdf && email { throw ValidationError("--out names one file; export --pdf and --email separately") }
        if send, !email { throw ValidationError("--send sends the e-mail edition; add --email") }
        if let out, out.isEmpty || FileSystem.isDirectory(out) { throw ValidationError("--out must name a file, got '\(out)'") }
    }

    func run() throws {
        let path = global.workspaceDirectory()
        let root = URL(fileURLWithPath: path)
        let prefix = DisplayPath.relative(path)
        let result = WorkspaceLoader(root: root, displayPrefix: prefix).load(asOf: nil)
        // Only briefing.yaml matters here: an export of last week's briefing does not wait for
        // this week's data to validate.
        let manifest = (prefix.isEmpty ? "" : prefix + "/") + "briefing.yaml"
        let configErrors = result.diagnostics.filter { $0.severity == .error && $0.file == manifest }
        guard let config = result.config, configErrors.isEmpty else {
            throw CommandFailure(configErrors.map(Problem.init) + [Problem(.data, "\(manifest) has errors; nothing was exported")])
        }
        guard let period = Period(period) else { return }
        if let out { try Self.refuseWorkspaceFile(out, workspaceRoot: root) }
        let reports = ReportsFolder(workspaceRoot: root)
        let shown = (prefix.isEmpty ? "" : prefix + "/") + "Reports/\(period)"
        let lock = try WorkspaceLock.forReports(workspaceRoot: root)
        defer { lock.release() }
        do {
            let folder = try BriefingFolder(url: reports.folder(period), displayPath: shown, period: period.description)
            if pdf {
                let chromium = try Chromium.locate()
                FileSystem.writeStandardError("briefing: printing \(shown)/briefing.html with Chromium (\(config.editions.paper.rawValue))\n")
                let data = try PDFEdition(config: config).render(folder, chromium: chromium)
                try write(data, default: reports.folder(period).appendingPathComponent(WeeklyEditions.fileName(.pdf)), shown: shown + "/briefing.pdf")
            }
            if send { try EmailEdition(config: config).checkSending() }
            if email {
                let raster = try ChartRaster.locate()
                let edition = EmailEdition(config: config)
                let data = try edition.render(folder, charts: raster)
                try write(data, default: reports.folder(period).appendingPathComponent(WeeklyEditions.fileName(.email)), shown: shown + "/briefing.eml")
                if send {
                    try edition.send(data)
                    FileSystem.writeStandardError("briefing: sent the e-mail edition of \(period) with \(config.editions.email?.sendmail ?? "sendmail")\n")
                }
            }
        }
    }

    /// `--out` replaces the file it names, so it may not name `briefing.yaml` or a file in `Data/`,
    /// `Templates/` or `Reports/` (whose briefings only `briefing weekly` writes): an edition is
    /// filed outside the workspace's sources, or in its default place in `Reports/<period>/`.
    static func refuseWorkspaceFile(_ out: String, workspaceRoot: URL) throws {
        let target = SiteDestination.resolve(URL(fileURLWithPath: out)).path
        let manifest = SiteDestination.resolve(workspaceRoot.appendingPathComponent("briefing.yaml")).path
        let folder = SiteDestination.sourceFolder(holding: target, workspaceRoot: workspaceRoot)
        if target == manifest || folder != nil {
            let place = folder.map { "inside the workspace's \($0)/ folder" } ?? "the workspace's briefing.yaml"
            throw CommandFailure(.data, "--out \(out) is \(place); choose a file outside Data/, Templates/ and Reports/ (nothing was written)")
        }
    }

    /// Writes `data` atomically to `--out` or the default file, and says where.
    private func write(_ data: Data, default target: URL, shown: String) throws {
        let url = out.map { URL(fileURLWithPath: $0) } ?? target
        let name = out ?? shown
        do {
            try EditionFileWriter.write(data, to: url)
        } catch {
            throw CommandFailure(.environment, "cannot write \(name): \(error)")
        }
        FileSystem.writeStandardError("briefing: wrote \(name) (\(ByteCountFormatter.string(fromByteCount: Int64(data.count), countStyle: .file)))\n")
    }
}

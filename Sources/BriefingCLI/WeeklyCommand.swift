import ArgumentParser
import Briefing
import Foundation
import Workspace

/// `briefing weekly`: this period's briefing, written to `Reports/<period>/`.
struct WeeklyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weekly",
        abstract: "Build this period's briefing into Reports/<period>/.",
        discussion: """
            Checks the workspace, projects every market (with Monte Carlo and sensitivity), compares \
            with the latest earlier briefing, renders Templates/weekly.md and Templates/layout.html, \
            and writes Reports/<period>/ in one atomic step. The period being drafted can be rebuilt \
            freely; a period that was published or has a later briefing is left alone unless --force.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: AsOfDate.help("The as-of date (default: today in the workspace's time zone)."))
    var asOf: AsOfDate?

    @Flag(help: "Rewrite the period even if it was published or has a later briefing.")
    var force = false

    @Flag(help: "No progress lines.")
    var quiet = false

    @Flag(help: "Print how long each stage took (on standard error).")
    var timings = false

    func run() throws {
        var clock = StageClock()
        func say(_ line: String) {
            if timings { clock.lap(line) }
            if !quiet { FileSystem.writeStandardError("briefing: \(line)\n") }
        }
        let directory = global.workspaceDirectory()
        let shownRoot = DisplayPath.relative(directory)
        // The inputs' hashes (for the snapshot) need only the files: read on another core while the
        // workspace loads and validates, which takes one.
        let workspaceURL = URL(fileURLWithPath: directory)
        let hashing = Pending { WeeklyBuilder.inputHashes(root: workspaceURL) }
        say("loading \(shownRoot.isEmpty ? "the workspace" : shownRoot)")
        let session = WorkspaceSession(global, asOf: asOf?.day)
        let (root, prefix, result) = (session.root, session.prefix, session.result)
        let reports = ReportsFolder(workspaceRoot: root)
        let lock = try WorkspaceLock.forReports(workspaceRoot: root)
        defer { lock.release() }
        // A record that cannot be read protects every period, --force or not.
        do { _ = try reports.record() } catch {
            throw CommandFailure(error.problems(under: prefix), then: "Reports/ was left as it was")
        }
        // A finished period is left alone before anything else: even data that no longer validates
        // for that date (an event added since) does not turn "already published" into a failure.
        if let cadence = result.config?.cadence, !force {
            let period = Period(containing: result.asOf, cadence: cadence)
            if let reason = try? reports.protection(of: period) {
                let folder = (prefix.isEmpty ? "" : prefix + "/") + "Reports/\(period)"
                FileSystem.writeStandardError("briefing: \(period) \(reason), so it is left as it is; read it at \(folder)/briefing.html (use --force to rebuild it)\n")
                return
            }
        }
        let workspace = try session.workspace()
        for warning in result.diagnostics where !quiet { FileSystem.writeStandardError(global.printer.text(for: warning)) }
        let period = Period(containing: result.asOf, cadence: workspace.config.cadence)
        let folder = (prefix.isEmpty ? "" : prefix + "/") + "Reports/\(period)"
        var builder = WeeklyBuilder(workspace: workspace, root: root, asOf: result.asOf, toolVersion: BriefingCLI.version)
        builder.progress = say
        if workspaceURL == root { builder.inputs = hashing.get() }
        let build = try builder.build(previous: reports.previous(before: period))
        for warning in build.warnings where !quiet {
            FileSystem.writeStandardError(global.printer.text(for: Problem(warning).under(prefix)))
        }
        var files = build.files
        if !workspace.config.editions.weekly.isEmpty {
            say("making the \(workspace.config.editions.weekly.map(\.rawValue).joined(separator: " and ")) edition")
            do {
                files = try WeeklyEditions.adding(to: files, period: period.description, config: workspace.config)
            } catch {
                throw CommandFailure(error, then: "Reports/ was left as it was")
            }
        }
        say("writing \(folder)/")
        do {
            try reports.write(files, as: period)
        } catch {
            throw CommandFailure(.environment, "cannot write \(folder): \(error); Reports/ was left as it was")
        }
        if timings { clock.lap("done"); FileSystem.writeStandardError(clock.report()) }
        let charts = build.files.keys.filter { $0.hasPrefix("charts/") }.count
        FileSystem.writeStandardError("briefing: wrote \(folder)/ — briefing.md, briefing.html, \(charts) charts, figures, snapshot; open \(folder)/briefing.html\n")
    }
}

/// Wall-clock time per stage, for `--timings` and scripts/bench-weekly.
struct StageClock {
    private var start = DispatchTime.now().uptimeNanoseconds
    private var last: (name: String, at: UInt64)?
    private var laps: [(String, Double)] = []

    mutating func lap(_ name: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if let last { laps.append((last.name, Double(now - last.at) / 1e9)) }
        last = (name, now)
    }

    func report() -> String {
        let total = Double((last?.at ?? start) - start) / 1e9
        return laps.map { String(format: "timing: %.4f s  ", $0.1) + $0.0 + "\n" }.joined() + String(format: "timing: %.4f s  total\n", total)
    }
}

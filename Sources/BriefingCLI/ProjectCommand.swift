import ArgumentParser
import Briefing
import Foundation
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `briefing project`: market size and vendor shares under each scenario, weighted, with optional
/// Monte Carlo bands and sensitivity, as a terminal table, JSON, CSV or Markdown.
struct ProjectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "project",
        abstract: "Project market size and vendor shares under the workspace's scenarios.",
        discussion: """
            By default prints the probability-weighted view of the workspace's market. --scenario \
            (repeatable) prints named scenarios instead, --all every scenario and the weighted view. \
            --monte-carlo (or --paths/--seed) adds P10/P50/P90/mean bands; --sensitivity adds the \
            tornado. The definitions are in docs/methodology.md; the JSON schema in docs/projections.md.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, json, csv, markdown
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The market to project (default: the only one).", valueName: "id"))
    var market: String?

    @Option(name: .customLong("scenario"), help: ArgumentHelp("A scenario to print (repeatable).", valueName: "id"))
    var scenarios: [String] = []

    @Flag(help: "Print the probability-weighted view (the default).")
    var weighted = false

    @Flag(help: "Print every scenario and the weighted view.")
    var all = false

    @Option(name: .customLong("vendor"), help: ArgumentHelp("Only these vendors (repeatable).", valueName: "id"))
    var vendors: [String] = []

    @Option(help: ArgumentHelp("Only these years: 2026-2030 or 2030.", valueName: "range"))
    var years: String?

    @Flag(name: .customLong("monte-carlo"), help: "Add Monte Carlo bands (paths and seed from briefing.yaml unless given).")
    var monteCarlo = false

    @Option(help: ArgumentHelp("Monte Carlo paths (implies --monte-carlo).", valueName: "n"))
    var paths: Int?

    @Option(help: ArgumentHelp("Monte Carlo seed (implies --monte-carlo).", valueName: "s"))
    var seed: UInt64?

    @Option(help: ArgumentHelp(
        "The most memory the Monte Carlo run may use, in MiB (default: the run holds at most 1 GiB of simulated figures at once; larger runs are split into blocks). A run whose smallest working set exceeds it is refused with the estimate and the largest --paths that fits.",
        valueName: "mib"))
    var memoryLimit: Int?

    @Flag(help: "Add the sensitivity (tornado) tables.")
    var sensitivity = false

    @Option(help: AsOfDate.help("The as-of date for validation (default: today in the workspace's time zone)."))
    var asOf: AsOfDate?

    @Option(help: "Output format.")
    var format: Format = .table

    func validate() throws {
        if all && (!scenarios.isEmpty || weighted) { throw ValidationError("--all cannot be combined with --scenario or --weighted") }
        if let paths, !(1...10_000_000).contains(paths) { throw ValidationError("--paths must be between 1 and 10,000,000") }
        if let memoryLimit, !(1...(1 << 40)).contains(memoryLimit) { throw ValidationError("--memory-limit must be a positive number of MiB") }
        if let years, Self.yearRange(years) == nil { throw ValidationError("--years must be a year or a range such as 2026-2030, got '\(years)'") }
    }

    static func mebibytes(_ bytes: Int) -> String { "\((bytes + (1 << 20) - 1) >> 20) MiB" }

    static func yearRange(_ text: String) -> ClosedRange<Int>? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        switch parts.count {
        case 1: return parts[0].map { $0...$0 }
        case 2:
            guard let a = parts[0], let b = parts[1], a <= b else { return nil }
            return a...b
        default: return nil
        }
    }

    func run() throws {
        let session = WorkspaceSession(global, asOf: asOf?.day)
        let workspace = try session.workspace(closing: nil, hint: .runCheck)
        let root = session.root.path
        let chosen = try chooseMarket(workspace)
        let marketScenarios = workspace.scenarios(of: chosen.id).map(\.id)
        for id in scenarios where !marketScenarios.contains(id) {
            throw UnknownID(.scenario, id, known: marketScenarios, market: chosen.id)
        }
        for id in vendors where !chosen.vendorIDs.contains(id) {
            throw UnknownID(.vendor, id, known: chosen.vendorIDs, market: chosen.id)
        }
        let defaults = workspace.config.defaults
        let wantsMonteCarlo = monteCarlo || paths != nil || seed != nil
        var options = ProjectionReport.Options(
            monteCarlo: wantsMonteCarlo ? (paths ?? defaults.monteCarloPaths, seed ?? defaults.monteCarloSeed) : nil,
            sensitivity: sensitivity)
        if let memoryLimit, let monteCarlo = options.monteCarlo {
            let limit = memoryLimit << 20
            options.workingMemory = min(options.workingMemory, limit)
            let plan = ProjectionReport.monteCarloMemory(market: chosen, workspace: workspace, paths: monteCarlo.paths, options: options)
            if plan.minimumBytes > limit {
                throw CommandFailure(
                    .data, "Monte Carlo with \(monteCarlo.paths) paths needs at least \(Self.mebibytes(plan.minimumBytes)) "
                        + "(all figures at once: \(Self.mebibytes(plan.fullBytes))), more than --memory-limit \(memoryLimit) MiB; "
                        + "at most \(plan.largestPaths(within: limit)) paths fit")
            }
        }
        let report = ProjectionReport.build(market: chosen, workspace: workspace, root: URL(fileURLWithPath: root), options: options)
        let selection = ProjectionSelection(
            scenarioIDs: all ? marketScenarios : scenarios, includeWeighted: all || weighted || scenarios.isEmpty,
            vendorIDs: vendors, years: years.flatMap(Self.yearRange))
        let output: String
        switch format {
        case .csv: output = report.csv(selection)
        case .json: output = try report.json(selection)
        case .markdown: output = report.tables(selection, style: .markdown)
        case .table:
            let colour = global.color.isEnabled(for: STDOUT_FILENO)
            output = report.tables(selection, style: .terminal(bold: colour))
        }
        try FileSystem.writeStandardOutput(output)
    }

    private func chooseMarket(_ workspace: Workspace) throws -> Market {
        let ids = workspace.markets.map(\.id)
        if let market {
            guard let found = workspace.market(market) else {
                throw UnknownID(.market, market, known: ids)
            }
            return found
        }
        guard workspace.markets.count == 1 else {
            throw CommandFailure(.data, ids.isEmpty
                ? "the workspace has no markets (Data/markets/)"
                : "the workspace has several markets; choose one with --market (\(ids.joined(separator: ", ")))")
        }
        return workspace.markets[0]
    }
}

import Foundation
import MarkdownHTML
import Projections
import Templating
import Workspace

/// Why a weekly run stopped.
package enum WeeklyError: Error, CustomStringConvertible, ProblemReporting {
    /// The workspace has errors; the diagnostics say where.
    case invalidWorkspace([Diagnostic])
    /// A template failed to load or render.
    case template(TemplateError)
    /// The template context could not be built.
    case io(String)

    package var problems: [Problem] {
        switch self {
        case .invalidWorkspace(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return diagnostics.map(Problem.init) + [Problem(.data, "the workspace has \(errors) error(s); nothing was written")]
        case .template(let error):
            return [Problem(error)]
        case .io(let message):
            return [Problem(.data, message)]
        }
    }

    package var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Everything one period's briefing consists of, in memory, before it is written.
package struct WeeklyBuild: Sendable {
    package var period: Period
    /// Paths relative to the period folder → bytes.
    package var files: [String: Data]
    package var snapshot: Snapshot
    package var changes: [Change]
    /// Warnings about the inputs (files used as they are now by a briefing built after its as-of date).
    package var warnings: [Diagnostic] = []
}

/// What a period's briefing is rendered from (``WeeklyBuilder/context(previous:)``): the template
/// context and the chart files it refers to, with the projections, snapshot and changes behind them.
package struct WeeklyContextBuild: Sendable {
    package var period: Period
    package var context: WeeklyContext
    /// Chart files relative to the period folder (`charts/<market>-fan.svg`) → SVG bytes.
    package var charts: [String: Data]
    package var snapshot: Snapshot
    package var changes: [Change]
    /// Warnings about the inputs (files used as they are now by a briefing built after its as-of date).
    package var warnings: [Diagnostic]
    var reports: [ProjectionReport]
    /// SHA-256 of every input file, by path.
    var inputs: [String: String]
    /// `figures.json` and `snapshot.json`, being encoded on another thread (``WeeklyBuilder/build(previous:)`` only).
    var figureFiles: Pending<(Data, Data)>?
}

/// Builds a period's briefing from a validated workspace: projections, changes, context,
/// Markdown, HTML, charts and the figure files. No file is written here.
package struct WeeklyBuilder {
    /// The workspace as known on `asOf`: without the events dated after it.
    package let workspace: Workspace
    package let root: URL
    package let asOf: Day
    package let toolVersion: String
    package var progress: (String) -> Void = { _ in }
    /// Today in the workspace's time zone: a period built before today names the undated inputs it
    /// uses as they are now (``WeeklyBuild/warnings``).
    package var today: Day
    /// The workspace as known on `asOf`, with the events left for later periods.
    let known: KnownOnDate
    /// ``inputHashes(root:)`` of this workspace when the caller has them already (`briefing weekly`
    /// hashes the inputs while the workspace loads); nil: hashed here.
    package var inputs: [String: String]?

    package init(workspace: Workspace, root: URL, asOf: Day, toolVersion: String) {
        let known = KnownOnDate(workspace, asOf: asOf)
        self.workspace = known.workspace
        self.known = known
        self.root = root
        self.asOf = asOf
        self.toolVersion = toolVersion
        today = Day.today(in: workspace.config.timezone)
    }

    /// The period's projections, changes, charts and template context: everything the briefing is rendered
    /// from, with nothing rendered or written. ``build(previous:)`` renders from it; `briefing report` too.
    package func context(previous: (period: Period, snapshot: Snapshot)?) -> WeeklyContextBuild {
        context(previous: previous, encodingFigures: false)
    }

    /// ``context(previous:)``; with `encodingFigures`, `figures.json` and `snapshot.json` are encoded on
    /// another thread from the moment the snapshot is made (they need nothing rendered).
    func context(previous: (period: Period, snapshot: Snapshot)?, encodingFigures: Bool) -> WeeklyContextBuild {
        let period = Period(containing: asOf, cadence: workspace.config.cadence)
        let defaults = workspace.config.defaults
        if let note = known.laterEventsNote(asOf: asOf) { progress(note) }

        progress("projecting \(workspace.markets.count) market(s) with \(defaults.monteCarloPaths) Monte Carlo paths")
        let reports = workspace.markets.map { market in
            ProjectionReport.build(
                market: market, workspace: workspace, root: root,
                options: .init(monteCarlo: (defaults.monteCarloPaths, defaults.monteCarloSeed), sensitivity: true))
        }

        progress("comparing with \(previous.map { "\($0.period)" } ?? "no earlier briefing")")
        // The charts need only the projections: drawn on another thread while the snapshot is made and compared.
        let vendors = workspace.vendors
        let drawing = Pending { () -> ([String: WeeklyContext.ChartsItem], [String: Data]) in
            var files: [String: Data] = [:]
            var charts: [String: WeeklyContext.ChartsItem] = [:]
            for report in reports {
                let drawn = WeeklyCharts.draw(report, vendors: vendors)
                charts[report.market.id] = drawn.items
                for (path, svg) in drawn.files { files[path] = Data(svg.utf8) }
            }
            return (charts, files)
        }
        // Events left for later periods are no input of this one: the period that includes them reports them as new.
        let later = Set(known.laterEvents.map { "Data/events/\($0.date)-\($0.slug).md" })
        let inputs = (self.inputs ?? Self.inputHashes(root: root)).filter { !later.contains($0.key) }
        let warnings = KnownOnDate.undatedInputWarnings(inputs: inputs, previous: previous?.snapshot, asOf: asOf, today: today)
        let snapshot = makeSnapshot(period: period, reports: reports, inputs: inputs)
        let figureFiles = encodingFigures ? Pending { (try ArchivedFigures(reports: reports).encoded(), try snapshot.encoded()) } : nil
        let vendorNames = Dictionary(uniqueKeysWithValues: workspace.vendors.map { ($0.id, $0.name) })
        var money: [String: (Double) -> String] = [:]
        for market in workspace.markets {
            let format = MoneyFormat(market: market)
            money[market.id] = { format($0) }
        }
        let changes = previous.map {
            ChangeFinder(
                previous: $0.snapshot, current: snapshot, thresholds: defaults.thresholds, money: money, vendorNames: vendorNames,
                subjects: inputSubjects()
            ).changes()
        } ?? []

        progress("drawing charts")
        let (charts, files) = drawing.get()

        let context = WeeklyContextBuilder(
            workspace: workspace, period: period, asOf: asOf, toolVersion: toolVersion, reports: reports, snapshot: snapshot,
            previous: previous, changes: changes, charts: charts
        ).build()
        return WeeklyContextBuild(
            period: period, context: context, charts: files, snapshot: snapshot, changes: changes, warnings: warnings, reports: reports,
            inputs: inputs, figureFiles: figureFiles)
    }

    package func build(previous: (period: Period, snapshot: Snapshot)?) throws -> WeeklyBuild {
        let environment = TemplateLibrary(
            workspaceRoot: root, displayFolder: displayPath("Templates"), limits: workspace.config.limits.template
        ).environment()
        // The templates are parsed and compiled on another thread while the markets are projected.
        // The environment keeps what compiled; a template that fails is compiled again when it
        // renders, and fails there with the same error.
        let compiling = Pending {
            for name in ["weekly.md", "layout.html", MethodologyPage.template] { try? environment.check(name: name) }
        }
        let prepared = context(previous: previous, encodingFigures: true)
        let (period, snapshot, changes, context) = (prepared.period, prepared.snapshot, prepared.changes, prepared.context)
        var files = prepared.charts
        // The figure files need only the projections and the snapshot: encoded on another thread
        // while the templates render (their errors still come after any template error).
        let encoding = prepared.figureFiles!

        progress("rendering Templates/weekly.md")
        compiling.get()
        var variables: [String: Value]
        do {
            // The markets (half the context) are converted on another thread meanwhile: the same
            // values as one conversion of the whole context, which nests them the same way.
            let markets = context.markets
            let convertingMarkets = Pending { try Value(encoding: markets, keys: .snakeCase) }
            var rest = context
            rest.markets = []
            variables = try Value.variables(from: rest, keys: .snakeCase)
            variables["markets"] = try convertingMarkets.value()
        } catch {
            throw WeeklyError.io("cannot build the template context: \(error)")
        }
        let markdown: String
        do {
            markdown = try environment.render(name: "weekly.md", context: variables)
        } catch let error as TemplateError {
            throw WeeklyError.template(TemplateHints.withHint(error, variables: variables))
        }

        progress("rendering HTML")
        let page = LayoutPage.wrap(variables, markdown: markdown, title: "\(workspace.config.title) — \(period)")
        variables = page.variables
        // The methodology page renders on another thread meanwhile (from the same variables); a
        // layout error still comes first.
        let (pageVariables, workspace) = (variables, workspace)
        let methodology = Pending { try MethodologyPage.files(in: environment, variables: pageVariables, workspace: workspace) }
        let html: String
        do {
            html = try environment.render(name: "layout.html", context: variables)
            files.merge(try methodology.value()) { $1 }
        } catch let error as TemplateError {
            throw WeeklyError.template(TemplateHints.withHint(error, variables: variables))
        }

        progress("writing figures")
        files["briefing.md"] = Data(markdown.utf8)
        files["briefing.html"] = Data(html.utf8)
        let (figures, snapshotFile) = try encoding.value()
        files[ArchivedFigures.fileName] = figures
        files[Snapshot.fileName] = snapshotFile
        files["manifest.json"] = try manifest(period: period)
        files["summary.json"] = try BriefingSummary(context: context, headings: page.headings).encoded()
        files[PeriodSiteFile.name] = try PeriodSiteFile(snapshot: snapshot).encoded()
        return WeeklyBuild(period: period, files: files, snapshot: snapshot, changes: changes, warnings: prepared.warnings)
    }

    private func displayPath(_ relative: String) -> String { relative }

    // MARK: - Inputs, snapshot, figures

    /// SHA-256 of `briefing.yaml` and every file under `Data/` and `Templates/` of the workspace at `root`.
    package static func inputHashes(root: URL) -> [String: String] {
        var hashes: [String: String] = [WorkspaceFiles.manifest: WorkspaceFiles.sha256(root.appendingPathComponent(WorkspaceFiles.manifest))]
        for folder in ["Data", "Templates"] {
            guard let enumerator = FileManager.default.enumerator(atPath: root.appendingPathComponent(folder).path) else { continue }
            for case let name as String in enumerator {
                let path = folder + "/" + name
                var isDirectory: ObjCBool = false
                guard !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
                    FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue
                else { continue }
                hashes[path] = WorkspaceFiles.sha256(root.appendingPathComponent(path))
            }
        }
        return hashes
    }

    /// Input file → what it holds, so that "what changed" can tell an explained edit from one to name.
    func inputSubjects() -> [String: String] {
        var subjects: [String: String] = ["Data/sources.yaml": "sources"]
        for market in workspace.markets {
            subjects[market.path] = "market:\(market.id)"
            subjects[market.historyPath] = "market:\(market.id)"
        }
        for scenario in workspace.scenarios { subjects[scenario.path] = "scenario:\(scenario.id)" }
        for vendor in workspace.vendors { subjects["Data/vendors/\(vendor.id).md"] = "vendor:\(vendor.id)" }
        for event in workspace.events {
            subjects["Data/events/\(event.date)-\(event.slug).md"] = "event:\(event.date)-\(event.slug)"
        }
        return subjects
    }

    func makeSnapshot(period: Period, reports: [ProjectionReport], inputs: [String: String]) -> Snapshot {
        let names = Dictionary(workspace.vendors.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let markets = reports.map { report -> MarketSnapshot in
            let vendorIDs = report.market.vendorIDs
            let scenarios = report.problem.scenarios.map { input in
                let scenario = report.scenarios.first { $0.id == input.id }
                var snapshot = ScenarioSnapshot(input, name: scenario?.name ?? input.id)
                snapshot.details = scenario.map(SnapshotDetails.scenario)
                return snapshot
            }
            let w = report.weighted
            return MarketSnapshot(
                id: report.market.id, name: report.market.name, baseYear: report.problem.market.baseYear,
                baseSize: report.problem.market.baseSize, vendorIDs: vendorIDs, baseShares: report.problem.market.baseShares,
                scenarios: scenarios,
                weighted: YearFigures.from(years: w.years, size: w.marketSize, revenue: w.revenue, shares: w.shares, ranks: w.ranks, vendorIDs: vendorIDs),
                history: report.market.history.map { HistorySnapshot(year: $0.year, total: $0.total, revenue: $0.revenue, shares: $0.shares) },
                details: SnapshotDetails.market(report.market, names: names))
        }
        let vendors = workspace.vendors.map { vendor in
            VendorSnapshot(
                id: vendor.id, name: vendor.name,
                sections: Dictionary(vendor.sections.map { ($0.key, WorkspaceFiles.sha256(Data($0.markdown.utf8))) }, uniquingKeysWith: { a, _ in a }),
                stance: vendor.stance.rawValue, details: SnapshotDetails.vendor(vendor))
        }
        let events = workspace.events.map { "\($0.date)-\($0.slug)" }
        var snapshot = Snapshot(period: period, asOf: asOf, inputs: inputs, markets: markets, vendors: vendors, events: events)
        snapshot.eventHeadlines = Dictionary(workspace.events.map { ("\($0.date)-\($0.slug)", $0.headline) }, uniquingKeysWith: { a, _ in a })
        snapshot.sources = Dictionary(
            workspace.sources.compactMap { source in source.id.map { ($0, SnapshotDetails.registryEntry(source)) } }, uniquingKeysWith: { a, _ in a })
        return snapshot
    }

    private func manifest(period: Period) throws -> Data {
        try PeriodManifest(
            period: period.description, asOf: asOf.description, toolVersion: toolVersion,
            monteCarloPaths: workspace.config.defaults.monteCarloPaths, monteCarloSeed: workspace.config.defaults.monteCarloSeed
        ).encoded()
    }
}

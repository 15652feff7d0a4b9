import Foundation

/// Loads and validates a workspace: `briefing.yaml` and everything in `Data/`.
///
/// Loading never stops at the first problem: every file is read and every rule checked, and the
/// result carries all diagnostics. The workspace itself is returned only when there are no errors.
package struct WorkspaceLoader: Sendable {
    package let root: URL
    /// Prepended to paths in diagnostics (the workspace's path from the current folder), so that
    /// `Data/scenarios/base.yaml:14:7` can be opened from where the command ran.
    package let displayPrefix: String

    package init(root: URL, displayPrefix: String = "") {
        self.root = root
        self.displayPrefix = displayPrefix
    }

    /// Loads everything. `asOf` defaults to today in the workspace's time zone (`now` there).
    ///
    /// As-of is a point in time, not a validation rule: events dated after it are loaded (the
    /// briefing of that date leaves them for later periods) and a narrative updated after it is
    /// used as it is now, with a warning. Only a date after *today* is suspicious: a warning.
    package func load(asOf: Day? = nil, now: Date = Date()) -> WorkspaceLoadResult {
        let sink = DiagnosticSink()
        let context = LoadContext(root: root, displayPrefix: displayPrefix, asOf: Day(year: 1970, month: 1, day: 1)!, sink: sink)
        let config = context.loadConfig()
        context.today = Day.today(in: config?.timezone ?? "UTC", now: now)
        context.asOf = asOf ?? context.today
        if !Day.supportedRange.contains(context.asOf) {
            sink.error(
                "the as-of date \(context.asOf) lies outside the dates briefings can cover (\(Day.supportedRange.lowerBound) to \(Day.supportedRange.upperBound))",
                at: .file(context.display(LoadContext.manifest)))
        }
        let sources = context.loadSourceRegistry()
        var references: [Reference] = []
        let markets = context.files(in: "Data/markets", withExtension: "yaml").compactMap { path -> Market? in
            guard let (market, found) = context.loadMarket(path) else { return nil }
            references += found
            return market
        }
        let vendors = context.files(in: "Data/vendors", withExtension: "md").compactMap(context.loadVendor)
        let scenarios = context.files(in: "Data/scenarios", withExtension: "yaml").compactMap(context.loadScenario)
        let events = context.files(in: "Data/events", withExtension: "md").compactMap { path -> Event? in
            guard let (event, found) = context.loadEvent(path) else { return nil }
            references += found
            return event
        }
        reportStrayFiles(context)
        reportMissingMarkets(context, loadedOrBroken: markets.count + (context.brokenIDs[.market]?.isEmpty == false ? 1 : 0))

        let validator = Validator(context: context, markets: markets, vendors: vendors, scenarios: scenarios)
        validator.checkUniqueIDs()
        validator.checkReferences(references)
        validator.checkScenarios()

        let diagnostics = sink.sorted
        guard !sink.hasErrors, let config else {
            return WorkspaceLoadResult(workspace: nil, config: config, diagnostics: diagnostics, asOf: context.asOf)
        }
        let workspace = Workspace(
            config: config, sources: sources, markets: markets.sorted { $0.id < $1.id }, vendors: vendors.sorted { $0.id < $1.id },
            scenarios: scenarios.map(\.0).sorted { $0.id < $1.id },
            events: events.sorted { ($0.date, $0.slug) < ($1.date, $1.slug) })
        return WorkspaceLoadResult(workspace: workspace, config: config, diagnostics: diagnostics, asOf: context.asOf)
    }

    /// A workspace without a market has nothing to project: a briefing built from it would be
    /// empty, and would then stand in the way of the real one for the same period.
    private func reportMissingMarkets(_ context: LoadContext, loadedOrBroken: Int) {
        guard loadedOrBroken == 0 else { return }
        var isFolder: ObjCBool = false
        if !FileManager.default.fileExists(atPath: context.url("Data").path, isDirectory: &isFolder) || !isFolder.boolValue {
            context.sink.error(
                "the workspace has no Data/ folder: a workspace keeps its markets, vendors, scenarios and events there (create one with briefing init DIR)",
                at: .file(context.display("Data")))
        } else {
            context.sink.error(
                "the workspace has no market: add Data/markets/<id>.yaml and its history CSV (see docs/data.md)",
                at: .file(context.display("Data/markets")))
        }
    }

    /// Files in the data folders that no rule reads would be silently ignored; say so.
    private func reportStrayFiles(_ context: LoadContext) {
        let expected: [(folder: String, extensions: [String])] = [
            ("Data/markets", ["yaml", "csv"]), ("Data/vendors", ["md"]), ("Data/scenarios", ["yaml"]), ("Data/events", ["md"]),
        ]
        for (folder, extensions) in expected {
            guard context.staysInside(folder),
                let names = try? FileManager.default.contentsOfDirectory(atPath: context.url(folder).path)
            else { continue }
            for name in names.sorted() where !name.hasPrefix(".") && !extensions.contains((name as NSString).pathExtension) {
                context.sink.warning("ignored: \(folder) holds only .\(extensions.joined(separator: " and ."))", at: .file(context.display(folder + "/" + name)))
            }
        }
    }
}

/// What loading found: the workspace (when valid) and every diagnostic, sorted by file and line.
package struct WorkspaceLoadResult: Sendable {
    package let workspace: Workspace?
    /// `briefing.yaml`, when it could be read, even if `Data/` has errors (the period is known).
    package let config: WorkspaceConfig?
    package let diagnostics: [Diagnostic]
    /// The date the rules were checked against.
    package let asOf: Day

    package var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    package var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

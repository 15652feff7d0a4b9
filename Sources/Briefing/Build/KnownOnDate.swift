import Workspace

/// The workspace as it was known on the as-of date: a briefing as of D is built from what was
/// known on D, so that last month's briefing can still be written (or rebuilt, or backfilled) after
/// this month's first event is logged.
///
/// Events carry their date: those dated after D are left out (they belong to later periods).
/// Everything else (narratives, scenarios, markets, sources) has no history in the workspace and is
/// used as it is now; `undatedInputWarnings` names the files that may hold edits made after D.
struct KnownOnDate {
    /// The workspace without the events dated after `asOf`.
    let workspace: Workspace
    /// The events dated after `asOf`, left for later periods.
    let laterEvents: [Event]

    init(_ workspace: Workspace, asOf: Day) {
        var known = workspace
        known.events = workspace.events.filter { $0.date <= asOf }
        self.workspace = known
        laterEvents = workspace.events.filter { $0.date > asOf }
    }

    /// The progress note for the events left out, or `nil` when there are none.
    func laterEventsNote(asOf: Day) -> String? {
        switch laterEvents.count {
        case 0: return nil
        case 1: return "1 event dated after \(asOf) is left for later periods"
        case let count: return "\(count) events dated after \(asOf) are left for later periods"
        }
    }

    /// When a period is built after its as-of date (a rebuild or a backfill), every data file without
    /// a date of its own that differs from the previous briefing's copy (every one, without a previous
    /// briefing) is used as it is now, which may include edits made after `asOf`: one warning per file.
    /// Event files are dated and narratives carry `updated` (the loader warns about those), so
    /// neither is named here.
    static func undatedInputWarnings(inputs: [String: String], previous: Snapshot?, asOf: Day, today: Day) -> [Diagnostic] {
        guard asOf < today else { return [] }
        return inputs.keys.sorted().filter { path in
            (path == WorkspaceFiles.manifest || path.hasPrefix("Data/")) && !path.hasPrefix("Data/events/")
                && !path.hasPrefix("Data/vendors/") && !path.hasPrefix("Data/samples/")
                && previous?.inputs[path] != inputs[path]
        }.map { path in
            Diagnostic(
                .warning,
                "has no date of its own, so it is used as it is now (\(previous == nil ? "no earlier briefing to compare with" : "edited since the previous briefing")), which may include edits made after the as-of date \(asOf)",
                file: path)
        }
    }
}

import Foundation
import Workspace

/// What the site is built from: every finished briefing in `Reports/` and the current workspace.
struct SiteInputs {
    struct Briefing {
        var period: Period
        var folder: URL
        var summary: BriefingSummary
        var snapshot: PeriodOutline
        var markdown: String
    }

    var workspace: Workspace
    /// Oldest first.
    var briefings: [Briefing]
    /// Periods in `Reports/` whose files could not be read: left out of the site, and reported.
    var unreadable: [UnreadablePeriod]
    var baseURL: String
    /// Reads what the site copies from the workspace without following a symlink out of it.
    var sources: SiteSourceFiles
    /// Period files that lead outside the workspace: never read, and the build fails on them.
    var refused: [Diagnostic]

    static func load(workspace: Workspace, root: URL, baseURL: String) -> SiteInputs {
        let reports = ReportsFolder(workspaceRoot: root)
        let periods = reports.periods()
        let sources = SiteSourceFiles(root: root)
        // Reading and decoding hundreds of periods is most of an incremental publish; the periods
        // are independent, so they are read on every core and kept in period order.
        let loaded = ConcurrentResults<Result<Briefing, UnreadablePeriod>>(count: periods.count)
        DispatchQueue.concurrentPerform(iterations: periods.count) { index in
            let period = periods[index]
            let folder = reports.folder(period)
            func unreadable(_ name: String) -> Result<Briefing, UnreadablePeriod> {
                .failure(UnreadablePeriod(period: period, file: "Reports/\(period)/\(name)"))
            }
            let archived = ArchivedPeriod(folder: folder)
            if let name = (["summary.json"] + ArchivedPeriod.files + ["briefing.md"]).first(where: { sources.leavesWorkspace(folder.appendingPathComponent($0)) }) {
                return loaded.set(index, .failure(UnreadablePeriod(period: period, file: "Reports/\(period)/\(name)", leavesWorkspace: true)))
            }
            guard let summary = BriefingSummary.read(folder.appendingPathComponent("summary.json")) else {
                return loaded.set(index, unreadable("summary.json"))
            }
            guard let snapshot = archived.outline() else {
                return loaded.set(index, unreadable(archived.unreadableFile))
            }
            guard let markdown = try? String(contentsOf: folder.appendingPathComponent("briefing.md"), encoding: .utf8) else {
                return loaded.set(index, unreadable("briefing.md"))
            }
            loaded.set(index, .success(Briefing(period: period, folder: folder, summary: summary, snapshot: snapshot, markdown: markdown)))
        }
        var briefings: [Briefing] = []
        var unreadable: [UnreadablePeriod] = []
        var refused: [Diagnostic] = []
        for case let outcome? in loaded.values {
            switch outcome {
            case .success(let briefing): briefings.append(briefing)
            case .failure(let problem) where problem.leavesWorkspace:
                refused.append(Diagnostic(.error, SiteSourceFiles.outsideMessage, file: problem.file))
            case .failure(let problem): unreadable.append(problem)
            }
        }
        return SiteInputs(
            workspace: workspace, briefings: briefings, unreadable: unreadable, baseURL: baseURL, sources: sources, refused: refused)
    }
}

/// A finished period the site leaves out because one of its files is missing or does not decode.
package struct UnreadablePeriod: Error, Sendable, CustomStringConvertible {
    package var period: Period
    /// Workspace-relative path of the first file that could not be read.
    package var file: String
    /// The file is a symlink that leads outside the workspace (refused, not read).
    var leavesWorkspace = false

    /// The warning as the diagnostic printer shows it (located, coloured on a terminal).
    package var diagnostic: Diagnostic {
        Diagnostic(.warning, "missing or unreadable; \(period) is left out of the site", file: file)
    }

    package var description: String { diagnostic.description }
}

/// Results written by index from `DispatchQueue.concurrentPerform` workers.
private final class ConcurrentResults<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Value?]

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: Value) { lock.withLock { storage[index] = value } }

    /// Every slot in index order; nil where no value was set.
    var values: [Value?] { lock.withLock { storage } }
}

/// One file of the built site: its bytes and a hash of everything it was made from, so an
/// unchanged page is carried over instead of rendered again.
struct SitePage {
    var path: String
    /// Hash of the inputs; pages with the same key and path are not regenerated.
    var key: String
    var render: () throws -> Data
}

import Foundation
import Workspace

/// What the site is built from: every finished briefing in `Reports/` and the current workspace.
struct SiteInputs {
    struct Briefing {
        var period: Period
        var folder: URL
        var summary: BriefingSummary
        var snapshot: SiteSnapshot
        var markdown: String
    }

    var workspace: Workspace
    /// Oldest first.
    var briefings: [Briefing]
    var baseURL: String
    /// Methodology Markdown, when the workspace has `docs/methodology.md`.
    var methodology: String?

    static func load(workspace: Workspace, root: URL, baseURL: String) -> SiteInputs {
        let reports = ReportsFolder(workspaceRoot: root)
        let periods = reports.periods()
        // Reading and decoding hundreds of periods is most of an incremental publish; the periods
        // are independent, so they are read on every core and kept in period order.
        let loaded = ConcurrentResults<Briefing>(count: periods.count)
        DispatchQueue.concurrentPerform(iterations: periods.count) { index in
            let period = periods[index]
            let folder = reports.folder(period)
            guard let summary = BriefingSummary.read(folder.appendingPathComponent("summary.json")),
                let snapshot = SiteSnapshot.read(folder.appendingPathComponent("snapshot.json")),
                let markdown = try? String(contentsOf: folder.appendingPathComponent("briefing.md"), encoding: .utf8)
            else { return }
            loaded.set(index, Briefing(period: period, folder: folder, summary: summary, snapshot: snapshot, markdown: markdown))
        }
        let briefings = loaded.values.compactMap { $0 }
        let methodology = try? String(contentsOf: root.appendingPathComponent("docs/methodology.md"), encoding: .utf8)
        return SiteInputs(workspace: workspace, briefings: briefings, baseURL: baseURL, methodology: methodology)
    }
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

/// The part of a `snapshot.json` the site shows (each briefing's weighted figures and scenario
/// probabilities): decoding only this keeps a publish over hundreds of periods quick.
struct SiteSnapshot: Decodable {
    struct Market: Decodable {
        var id: String
        var weighted: [YearFigures]
        var scenarios: [Scenario]
    }

    struct Scenario: Decodable {
        var id: String
        var probability: Double
    }

    var markets: [Market]

    static func read(_ url: URL) -> SiteSnapshot? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(SiteSnapshot.self, from: data)
    }
}

/// One file of the built site: its bytes and a hash of everything it was made from, so an
/// unchanged page is carried over instead of rendered again.
struct SitePage {
    var path: String
    /// Hash of the inputs; pages with the same key and path are not regenerated.
    var key: String
    var render: () throws -> Data
}

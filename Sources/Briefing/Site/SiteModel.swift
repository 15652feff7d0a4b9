import Foundation
import Workspace

/// What the site is built from: every finished briefing in `Reports/` and the current workspace.
struct SiteInputs {
    struct Briefing {
        var period: Period
        var folder: URL
        var summary: BriefingSummary
        /// Per market: the weighted horizon figures and the scenario probabilities.
        var markets: [PeriodSiteFile.Market]
        /// SHA-256 of the period's site file and `briefing.md`: what its page shows.
        var contentKey: String
        /// The period's screened charts, by file name.
        var charts: [SiteManifest.Chart]
        /// The briefing's HTML as its site page shows it, rendered from `briefing.md` through
        /// ``SiteLinks`` only when the page is built (most publishes reuse most period pages).
        var content: @Sendable () -> String?
        /// The bytes of the charts when this publish read and screened them (not for a period
        /// taken from the cache): the chart pages copy these, the bytes their keys were made from.
        var screened: [String: Data] = [:]
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
    /// Charts (or `charts/` folders) that lead outside the workspace or fail screening: never
    /// published, and the build fails on them (reported after the style sheet's problems).
    var refusedCharts: [Diagnostic] = []
    /// What was read of each period, for the next publish's manifest.
    var cache: [String: SiteManifest.CachedPeriod] = [:]

    /// Reads the periods of `Reports/`. A period whose files have the stamp (size, modification
    /// time, inode of each) recorded in `cache` is taken from there without reading them; the
    /// others are read, hashed and screened, on every core, and kept in period order.
    static func load(workspace: Workspace, root: URL, baseURL: String, cache: [String: SiteManifest.CachedPeriod] = [:]) -> SiteInputs {
        let reports = ReportsFolder(workspaceRoot: root)
        let periods = reports.periods()
        let sources = SiteSourceFiles(root: root)
        let loaded = ConcurrentResults<PeriodOutcome>(count: periods.count)
        DispatchQueue.concurrentPerform(iterations: periods.count) { index in
            loaded.set(index, PeriodLoader(reports: reports, sources: sources, period: periods[index]).load(cached: cache[periods[index].description]))
        }
        var inputs = SiteInputs(workspace: workspace, briefings: [], unreadable: [], baseURL: baseURL, sources: sources, refused: [])
        for case let outcome? in loaded.values {
            switch outcome {
            case .loaded(let briefing, let entry):
                inputs.briefings.append(briefing)
                inputs.cache[briefing.period.description] = entry
            case .refused(let diagnostics, charts: false): inputs.refused += diagnostics
            case .refused(let diagnostics, charts: true): inputs.refusedCharts += diagnostics
            case .unreadable(let problem): inputs.unreadable.append(problem)
            }
        }
        return inputs
    }
}

/// What reading one period gave.
enum PeriodOutcome {
    case loaded(SiteInputs.Briefing, SiteManifest.CachedPeriod)
    /// A file that leads outside the workspace, or (`charts`) a chart that failed screening.
    case refused([Diagnostic], charts: Bool)
    case unreadable(UnreadablePeriod)
}

/// Reads one period for the site, or takes it from the manifest's cache when its files are unchanged.
struct PeriodLoader {
    let reports: ReportsFolder
    let sources: SiteSourceFiles
    let period: Period

    /// Files checked for links out of the workspace (those the site reads, and those it read before `site.json`).
    static let checked = ["summary.json", "briefing.md", PeriodSiteFile.name] + ArchivedPeriod.files

    /// Paths are appended with a folder-or-file hint throughout: without one, Foundation stats
    /// each path to find out, a few thousand calls for a publish that reads every period from the cache.
    func load(cached: SiteManifest.CachedPeriod?) -> PeriodOutcome {
        let folder = reports.folder(period)
        let charts = ((try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("charts", isDirectory: true).path)) ?? [])
            .filter { $0.hasSuffix(".svg") }.sorted()
        let read = ["summary.json", "briefing.md"] + reports.siteFileSources(of: period)
        let stamp = FileStamp.of(folder, files: read + charts.map { "charts/\($0)" })
        let period = self.period
        // The folder and its charts/ are resolved on every publish: a cached period moved out of the workspace is not trusted.
        if let cached, cached.stamp == stamp, !sources.leavesWorkspace(folder), !sources.leavesWorkspace(folder.appendingPathComponent("charts", isDirectory: true)) {
            let briefing = SiteInputs.Briefing(
                period: period, folder: folder, summary: cached.summary, markets: cached.markets, contentKey: cached.content,
                charts: cached.charts, content: { Self.content(of: folder) })
            return .loaded(briefing, cached)
        }
        if let name = Self.checked.first(where: { sources.leavesWorkspace(folder.appendingPathComponent($0, isDirectory: false)) }) {
            return .refused([Diagnostic(.error, SiteSourceFiles.outsideMessage, file: "Reports/\(period)/\(name)")], charts: false)
        }
        guard let summary = BriefingSummary.read(folder.appendingPathComponent("summary.json", isDirectory: false)) else {
            return .unreadable(UnreadablePeriod(period: period, file: "Reports/\(period)/summary.json"))
        }
        let site: (file: PeriodSiteFile, bytes: Data)
        switch reports.siteFile(of: period) {
        case .success(let read): site = read
        case .failure(let missing): return .unreadable(UnreadablePeriod(period: period, file: "Reports/\(period)/\(missing.file)"))
        }
        guard let markdown = try? Data(contentsOf: folder.appendingPathComponent("briefing.md", isDirectory: false)) else {
            return .unreadable(UnreadablePeriod(period: period, file: "Reports/\(period)/briefing.md"))
        }
        var screened: [SiteManifest.Chart] = []
        var screenedBytes: [String: Data] = [:]
        var refused: [Diagnostic] = []
        if sources.leavesWorkspace(folder.appendingPathComponent("charts", isDirectory: true)) {
            refused.append(Diagnostic(.error, SiteSourceFiles.outsideMessage, file: "Reports/\(period)/charts"))
        } else {
            for chart in charts {
                switch sources.chart(folder.appendingPathComponent("charts/\(chart)", isDirectory: false), display: "Reports/\(period)/charts/\(chart)") {
                case .success(let data):
                    screened.append(SiteManifest.Chart(name: chart, key: WorkspaceFiles.sha256(data)))
                    screenedBytes[chart] = data
                case .failure(let error): refused += error.diagnostics
                }
            }
        }
        guard refused.isEmpty else { return .refused(refused, charts: true) }
        let entry = SiteManifest.CachedPeriod(
            stamp: stamp, summary: summary, markets: site.file.markets, content: WorkspaceFiles.sha256(site.bytes + markdown), charts: screened)
        let briefing = SiteInputs.Briefing(
            period: period, folder: folder, summary: summary, markets: site.file.markets, contentKey: entry.content, charts: screened,
            content: { SiteLinks.periodPageHTML(markdown: String(decoding: markdown, as: UTF8.self)) }, screened: screenedBytes)
        return .loaded(briefing, entry)
    }

    /// The period's briefing as its page shows it, rendered again from `briefing.md` (a period
    /// taken from the cache whose page must be rebuilt, e.g. for a new "next" link).
    private static func content(of folder: URL) -> String? {
        guard let markdown = try? Data(contentsOf: folder.appendingPathComponent("briefing.md")) else { return nil }
        return SiteLinks.periodPageHTML(markdown: String(decoding: markdown, as: UTF8.self))
    }
}

/// A finished period the site leaves out because one of its files is missing or does not decode.
package struct UnreadablePeriod: Error, Sendable, CustomStringConvertible {
    package var period: Period
    /// Workspace-relative path of the first file that could not be read.
    package var file: String

    /// The warning as the diagnostic printer shows it (located, coloured on a terminal).
    package var diagnostic: Diagnostic {
        Diagnostic(.warning, "missing or unreadable; \(period) is left out of the site", file: file)
    }

    package var description: String { diagnostic.description }
}

/// Results written by index from `DispatchQueue.concurrentPerform` workers.
final class ConcurrentResults<Value>: @unchecked Sendable {
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

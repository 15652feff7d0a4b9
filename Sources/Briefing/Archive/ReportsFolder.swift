import Foundation

/// `Reports/`: one folder per period, the published-periods record, and the atomic swap that
/// puts a newly built period in place.
package struct ReportsFolder: Sendable {
    package let url: URL

    package init(workspaceRoot: URL) {
        url = workspaceRoot.appendingPathComponent("Reports")
    }

    /// Periods with a finished briefing (a `snapshot.json`), oldest first.
    package func periods() -> [Period] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.compactMap(Period.init).filter {
            FileManager.default.fileExists(atPath: folder($0).appendingPathComponent("snapshot.json").path)
        }.sorted()
    }

    package func folder(_ period: Period) -> URL { url.appendingPathComponent(period.description) }

    /// The latest finished period before `period`, with its snapshot and weighted figures (either layout).
    package func previous(before period: Period) -> (period: Period, snapshot: Snapshot)? {
        for candidate in periods().reversed() where candidate < period {
            if let snapshot = ArchivedPeriod(folder: folder(candidate)).snapshot() {
                return (candidate, snapshot)
            }
        }
        return nil
    }

    /// `Reports/published.json`: period id → when it was published (written by `briefing publish`).
    package var publishedFile: URL { url.appendingPathComponent("published.json") }

    /// The record of published periods; a damaged file is an error, never an empty record.
    package func record() throws(PublishRecord.Corrupt) -> PublishRecord {
        try PublishRecord.read(publishedFile)
    }

    /// Replaces `published.json` with `record` in one `rename`: with ``record()``, the only reader
    /// and writer of the file (`briefing publish` and `briefing discard` both come through here).
    package func writeRecord(_ record: PublishRecord) throws {
        try record.write(to: publishedFile)
    }

    /// Why `period` must not be rewritten without `--force`, or `nil` when it may be. A period being
    /// published (pending in the record) counts as published.
    package func protection(of period: Period) throws(PublishRecord.Corrupt) -> String? {
        guard FileManager.default.fileExists(atPath: folder(period).path) else { return nil }
        if let date = try record().publishedDate(of: period.description) { return "was published on \(date)" }
        if let later = periods().first(where: { $0 > period }) { return "already has a later briefing (\(later))" }
        return nil
    }

    /// Whether `url` (symlinks and `..` resolved) is `Reports/` or inside it.
    package func contains(_ url: URL) -> Bool {
        let target = SiteDestination.resolve(url).path
        let reports = SiteDestination.resolve(self.url).path
        return target == reports || target.hasPrefix(reports + "/")
    }

    /// Removes what killed runs left in `Reports/` (`.<period>.tmp-<pid>`, `.published.json.tmp-<pid>`);
    /// returns the names removed.
    @discardableResult
    package func removeStaleTemporaries() -> [String] {
        StaleTemporaries.removeDead(in: url)
    }

    /// Writes `files` as the folder of `period`: built in a hidden temporary sibling, then swapped
    /// in with one atomic `rename` (a new period) or `renameat2(RENAME_EXCHANGE)` (a rewrite).
    /// A failure before the swap removes the temporary folder and leaves `Reports/` as it was.
    package func write(_ files: [String: Data], as period: Period) throws {
        let createdReports = !FileManager.default.fileExists(atPath: url.path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let final = folder(period)
        let temporary = url.appendingPathComponent(StaleTemporaries.name(for: period.description))
        try? FileManager.default.removeItem(at: temporary)
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                let target = temporary.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicSwap.writeStagedFile(data, to: target, named: "\(period)/\(path)")
            }
            try AtomicSwap.place(temporary, at: final)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            // A first run that failed leaves no empty Reports/ behind either.
            if createdReports, (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: url)
            }
            throw error
        }
    }
}

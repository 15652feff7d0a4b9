import Foundation
import Workspace

/// `briefing discard PERIOD`: takes an unpublished draft out of `Reports/`.
extension ReportsFolder {
    package enum DiscardError: Error, Sendable, CustomStringConvertible, ProblemReporting {
        case notAPeriod(String)
        /// No folder for this period; `known` are the periods `Reports/` has.
        case missing(String, known: [String])
        /// The folder has no `manifest.json` of `briefing weekly` for this period.
        case notABriefing(String)
        case published(String, date: String)
        case corruptRecord(PublishRecord.Corrupt)
        case cannotRemove(String, reason: String)

        package var problems: [Problem] {
            switch self {
            case .notAPeriod(let text):
                [Problem(.data, "'\(text)' is not a period (expected an id such as 2026-W48, 2026-11 or 2026-Q4)")]
            case .missing(let period, let known):
                UnknownID(.period, period, known: known, fallback: .none).problems
            case .notABriefing(let period):
                [Problem(.data, "Reports/\(period) is not a briefing written by briefing weekly (no manifest.json for \(period)); it was left alone")]
            case .published(let period, let date):
                [Problem(.data, "\(period) was published on \(date), so readers have seen it; it was left alone", hint: .rerunWithForce("discard it anyway"))]
            case .corruptRecord(let corrupt):
                corrupt.problems
            case .cannotRemove(let period, let reason):
                [Problem(.environment, "cannot remove Reports/\(period): \(reason); it was left as it was")]
            }
        }

        package var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// Removes the folder of `period` (named as `briefing weekly` names it) in one `rename` out of
    /// sight, then deletes it. A published period is refused unless `force`, and then also leaves the
    /// record, so that a new draft of it is not mistaken for the published one.
    package func discard(_ text: String, force: Bool) throws(DiscardError) {
        guard let period = Period(text), period.description == text else { throw .notAPeriod(text) }
        let folder = folder(period)
        var isDirectory: ObjCBool = false
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path)
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            throw .missing(text, known: periods().map(\.description))
        }
        guard isDirectory.boolValue, attributes?[.type] as? FileAttributeType == .typeDirectory, isBriefing(folder, of: text) else {
            throw .notABriefing(text)
        }
        let record: PublishRecord
        do { record = try self.record() } catch { throw .corruptRecord(error) }
        if let date = record.publishedDate(of: text), !force { throw .published(text, date: date) }
        let aside = url.appendingPathComponent(StaleTemporaries.name(for: text))
        guard rename(folder.path, aside.path) == 0 else { throw .cannotRemove(text, reason: String(cString: strerror(errno))) }
        // What is left if this fails is a dead process's temporary, which the next run removes.
        try? FileManager.default.removeItem(at: aside)
        guard record.publishedDate(of: text) != nil else { return }
        var updated = record
        updated.periods[text] = nil
        updated.pending[text] = nil
        do { try writeRecord(updated) } catch {
            throw .cannotRemove(text, reason: "the folder was removed, but Reports/published.json could not be updated (\(error))")
        }
    }

    /// A folder `briefing weekly` wrote for `period`: its `manifest.json` says so.
    private func isBriefing(_ folder: URL, of period: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent("manifest.json").path),
            let manifest = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return false }
        return (manifest["schema"] as? String)?.hasPrefix("briefing.manifest/") == true && manifest["period"] as? String == period
    }
}

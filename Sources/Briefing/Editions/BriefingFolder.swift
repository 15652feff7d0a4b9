import Foundation
import Workspace

/// What an edition is made from: one period's folder as `briefing weekly` wrote it
/// (`briefing.html`, `briefing.md`, `summary.json`, `charts/`), in `Reports/` or staged.
package struct BriefingFolder: Sendable {
    package let url: URL
    /// How the folder is named in messages (`Reports/2026-W49`).
    package let displayPath: String
    let summary: BriefingSummary

    /// Reads the folder's summary; a folder without `briefing.html` or `summary.json` has no
    /// briefing to make an edition from.
    package init(url: URL, displayPath: String, period: String) throws(EditionError) {
        self.url = url
        self.displayPath = displayPath
        let page = url.appendingPathComponent("briefing.html")
        guard FileManager.default.fileExists(atPath: page.path) else {
            throw .missingBriefing(path: displayPath + "/briefing.html", period: period)
        }
        guard let summary = BriefingSummary.read(url.appendingPathComponent("summary.json")) else {
            throw .unreadable(path: displayPath + "/summary.json", reason: "missing or not a summary written by briefing weekly; rebuild the period with briefing weekly")
        }
        self.summary = summary
    }

    package var period: String { summary.period }

    /// The as-of date, the one date an edition carries (PDF metadata, the e-mail's `Date:`).
    var asOf: Day? { Day(summary.asOf) }

    func text(_ name: String) throws(EditionError) -> String {
        let file = url.appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw .unreadable(path: displayPath + "/" + name, reason: FileManager.default.fileExists(atPath: file.path) ? "permission denied" : "no such file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: displayPath + "/" + name, reason: "not UTF-8 text")
        }
        return text
    }

    func data(_ name: String) throws(EditionError) -> Data {
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(name).path) else {
            throw .unreadable(path: displayPath + "/" + name, reason: "no such file")
        }
        return data
    }

    /// Whether `name` is a chart of this folder (`charts/<file>.svg`, no way out of the folder).
    func hasChart(_ name: String) -> Bool {
        guard name.hasPrefix("charts/"), name.hasSuffix(".svg"), !name.contains(".."), !name.contains("//") else { return false }
        return FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path)
    }
}

/// A scratch folder under the system's temporary folder, removed when the edition is made.
struct ScratchFolder {
    let url: URL

    init(_ label: String) throws(EditionError) {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-\(label)-\(getpid())-\(UUID().uuidString)")
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw .badOutput(name: "briefing", reason: "cannot create a temporary folder: \(error.localizedDescription)")
        }
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

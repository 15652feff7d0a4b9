import Briefing
import Foundation
import Workspace

/// The preview's draft briefing: the period that `briefing weekly` would write today (or on the
/// preview's as-of date), built the same way but into a scratch folder of the preview, never into
/// `Reports/`. Served at ``urlPath``; rebuilt with the site on every change.
struct DraftBriefing: Sendable {
    /// Where the draft is served.
    static let urlPath = "/_draft/"
    /// The file that marks a folder as a draft this preview wrote (and may replace).
    static let markerName = ".briefing-draft"

    /// The scratch folder.
    let folder: URL
    let root: URL
    let toolVersion: String

    /// The draft folder that goes with a preview folder: its sibling `<name>-draft`.
    static func folder(besides preview: URL) -> URL {
        preview.deletingLastPathComponent().appendingPathComponent(preview.lastPathComponent + "-draft")
    }

    /// Builds the draft of the period holding `asOf` and swaps it into ``folder``. Returns the
    /// period and the build's warnings (as the CLI prints them).
    func build(workspace: Workspace, asOf: Day) throws -> (period: Period, warnings: [String]) {
        let period = Period(containing: asOf, cadence: workspace.config.cadence)
        let reports = ReportsFolder(workspaceRoot: root)
        let builder = WeeklyBuilder(workspace: workspace, root: root, asOf: asOf, toolVersion: toolVersion)
        let build = try builder.build(previous: reports.previous(before: period))
        try write(build.files)
        return (period, build.warnings.map(\.description))
    }

    /// Writes every file into a temporary sibling, then puts it in place of the old draft. A
    /// folder at ``folder`` that this preview did not write (no marker) and that is not empty is
    /// never replaced.
    private func write(_ files: [String: Data]) throws {
        let manager = FileManager.default
        let parent = folder.deletingLastPathComponent()
        if let existing = try? manager.contentsOfDirectory(atPath: folder.path), !existing.isEmpty, !existing.contains(Self.markerName) {
            throw DraftFolderRefusal(folder: folder.path)
        }
        let temporary = parent.appendingPathComponent(".\(folder.lastPathComponent).\(getpid()).tmp")
        try? manager.removeItem(at: temporary)
        try manager.createDirectory(at: temporary, withIntermediateDirectories: true)
        do {
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                let target = temporary.appendingPathComponent(path)
                try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target)
            }
            try Data("briefing serve's draft briefing; replaced on every build\n".utf8).write(to: temporary.appendingPathComponent(Self.markerName))
            let old = parent.appendingPathComponent(".\(folder.lastPathComponent).\(getpid()).old")
            try? manager.removeItem(at: old)
            if manager.fileExists(atPath: folder.path) { try manager.moveItem(at: folder, to: old) }
            try manager.moveItem(at: temporary, to: folder)
            try? manager.removeItem(at: old)
        } catch {
            try? manager.removeItem(at: temporary)
            throw error
        }
    }
}

/// The draft folder holds files the preview did not write.
struct DraftFolderRefusal: Error, ProblemReporting {
    var folder: String
    var problems: [Problem] {
        [
            Problem(
                .data,
                "\(folder) is not empty and is not a draft that the preview wrote (no \(DraftBriefing.markerName) file); "
                    + "move it away or choose another preview folder")
        ]
    }
}

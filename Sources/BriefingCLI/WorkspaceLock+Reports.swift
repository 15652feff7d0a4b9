import Briefing
import Foundation

extension WorkspaceLock {
    /// Takes the workspace lock before a command changes `Reports/`, then removes what dead runs left
    /// there; a busy workspace is an error that says `Reports/` was not touched.
    static func forReports(workspaceRoot root: URL) throws -> WorkspaceLock {
        let lock: WorkspaceLock
        do { lock = try WorkspaceLock.acquire(workspaceRoot: root) } catch {
            throw CommandFailure(.environment, "\(error); Reports/ was left as it was")
        }
        ReportsFolder(workspaceRoot: root).removeStaleTemporaries()
        return lock
    }
}

/// The workspace's `Reports/` opened by a command that rewrites it (`discard`, `archive migrate`):
/// the folder, the lock taken for it (released by the caller), and `Reports/` as the user's paths
/// show it (`ws/Reports` when the workspace was given with `-C ws`).
struct LockedReports {
    let reports: ReportsFolder
    let lock: WorkspaceLock
    /// The workspace's path relative to the current folder, empty when it is the current folder.
    let prefix: String
    var shownFolder: String { (prefix.isEmpty ? "" : prefix + "/") + "Reports" }

    init(_ global: GlobalOptions) throws {
        let path = global.workspaceDirectory()
        let root = URL(fileURLWithPath: path)
        prefix = DisplayPath.relative(path)
        reports = ReportsFolder(workspaceRoot: root)
        lock = try WorkspaceLock.forReports(workspaceRoot: root)
    }
}

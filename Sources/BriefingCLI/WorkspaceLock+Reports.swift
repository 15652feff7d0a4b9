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

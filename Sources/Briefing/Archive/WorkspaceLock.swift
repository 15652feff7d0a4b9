import Foundation
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// One `briefing weekly`, `publish` or `discard` at a time per workspace: an exclusive `flock` on
/// `.briefing.lock` at the workspace's root, held until the process exits (the kernel releases it
/// however the process ends, so a killed run never leaves the workspace locked).
package struct WorkspaceLock: Sendable {
    package static let fileName = ".briefing.lock"

    /// The lock is held by another run, or cannot be taken at all: the environment, not the data.
    package struct Busy: Error, Sendable, CustomStringConvertible, ProblemReporting {
        package var description: String

        package var problems: [Problem] { [Problem(.environment, description)] }
    }

    private let descriptor: Int32

    /// Takes the lock, waiting up to `seconds` for another run to finish.
    package static func acquire(workspaceRoot: URL, waiting seconds: Double = 5) throws(Busy) -> WorkspaceLock {
        let path = workspaceRoot.appendingPathComponent(fileName).path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw Busy(description: "cannot open the workspace lock \(fileName): \(String(cString: strerror(errno)))")
        }
        let attempts = max(1, Int(seconds * 10))
        for attempt in 1...attempts {
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return WorkspaceLock(descriptor: descriptor) }
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(descriptor)
                throw Busy(description: "cannot lock the workspace (\(fileName)): \(reason)")
            }
            if attempt < attempts { usleep(100_000) }
        }
        close(descriptor)
        let waited = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        throw Busy(description: "another briefing weekly, publish or discard is running in this workspace (it holds \(fileName)); waited \(waited) s — try again when it has finished")
    }

    /// Lets the next run in (a command simply exits instead).
    package func release() {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

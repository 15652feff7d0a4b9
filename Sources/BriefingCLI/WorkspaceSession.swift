import Briefing
import Foundation
import Workspace

/// The workspace a command works on: found (`--workspace` or discovery), loaded, and either
/// valid or explained with its located diagnostics.
struct WorkspaceSession {
    let root: URL
    /// The workspace's path from the current folder (`""` when it is the current folder).
    let prefix: String
    let result: WorkspaceLoadResult

    init(_ global: GlobalOptions, asOf: Day?) {
        let path = global.workspaceDirectory()
        root = URL(fileURLWithPath: path)
        prefix = DisplayPath.relative(path)
        result = WorkspaceLoader(root: root, displayPrefix: prefix).load(asOf: asOf)
    }

    /// The valid workspace, or every diagnostic and a closing line (`…; nothing was written`, or
    /// the hint to run the check).
    func workspace(closing: String? = "nothing was written", hint: Problem.Hint? = nil) throws -> Workspace {
        guard let workspace = result.workspace else {
            let summary = "the workspace has \(result.errorCount) error(s)" + (closing.map { "; " + $0 } ?? "")
            throw CommandFailure(result.diagnostics.map(Problem.init) + [Problem(.data, summary, hint: hint)])
        }
        return workspace
    }
}

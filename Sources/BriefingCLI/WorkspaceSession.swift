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

    init(_ global: GlobalOptions, asOf: String?) {
        let path = global.workspaceDirectory()
        root = URL(fileURLWithPath: path)
        prefix = DisplayPath.relative(path)
        result = WorkspaceLoader(root: root, displayPrefix: prefix).load(asOf: asOf.flatMap(Day.init))
    }

    /// The valid workspace, or every diagnostic and a closing line (`…; nothing was written`).
    func workspace(closing: String = "nothing was written") throws -> Workspace {
        guard let workspace = result.workspace else {
            let text = result.diagnostics.map { $0.description + "\n" }.joined()
            throw CLIError.diagnostic(text + "briefing: error: the workspace has \(result.errorCount) error(s); \(closing)")
        }
        return workspace
    }
}

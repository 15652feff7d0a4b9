import Foundation

/// Whether a path of the workspace, with its symbolic links followed, stays inside the workspace
/// folder. A link in `Data/` to a file elsewhere (`/etc/passwd`, another team's folder) would put
/// that file's contents into briefings and diagnostics; a linked `Data/events` folder would let
/// `briefing new event` write outside the workspace.
package enum WorkspaceBoundary {
    /// `relativePath` need not exist: its nearest existing ancestor is resolved (a file about to
    /// be created lands where its folder really is).
    package static func contains(_ relativePath: String, root: URL) -> Bool {
        let rootPath = resolved(root.path)
        var path = root.appendingPathComponent(relativePath).standardizedFileURL.path
        var missing: [String] = []
        // A path that does not exist (or a dangling link, which `fileExists` follows) is judged by
        // its nearest existing ancestor; a dangling link itself is judged by where it points.
        while !FileManager.default.fileExists(atPath: path), (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) == nil {
            let parent = (path as NSString).deletingLastPathComponent
            guard parent != path else { break }
            missing.append((path as NSString).lastPathComponent)
            path = parent
        }
        var real = resolved(path)
        for component in missing.reversed() { real = (real as NSString).appendingPathComponent(component) }
        return real == rootPath || real.hasPrefix(rootPath.hasSuffix("/") ? rootPath : rootPath + "/")
    }

    /// The path with every symbolic link resolved (`realpath`), or as given when it cannot be.
    private static func resolved(_ path: String) -> String {
        guard let real = realpath(path, nil) else {
            // A dangling link: where it points, relative to its folder.
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                let absolute = target.hasPrefix("/") ? target : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(target)
                return URL(fileURLWithPath: absolute).standardizedFileURL.path
            }
            return URL(fileURLWithPath: path).standardizedFileURL.path
        }
        defer { free(real) }
        return String(cString: real)
    }
}

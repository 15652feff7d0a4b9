import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Where a site may be built. A site build replaces its destination, so the destination must be
/// neither the workspace, nor a folder holding it, nor a folder inside one the site is built from;
/// and an existing folder is only ever replaced when a previous publish wrote it (it has the
/// ``markerName`` file, or the manifest of earlier versions) or when it is empty.
package enum SiteDestination {
    /// Written into every site; its presence is what allows the next build to replace the folder.
    package static let markerName = ".briefing-site"
    static let markerText = "This folder is a site built by briefing publish; the next publish replaces it.\n"
    /// The workspace folders a site is built from.
    package static let sourceFolders = ["Data", "Reports", "Templates"]

    /// Why a destination was refused; `reason` completes a sentence that starts with the path.
    package struct Refusal: Error, Sendable, CustomStringConvertible {
        package var path: String
        package var reason: String
        package var description: String { "cannot build the site into \(path): it \(reason)" }
    }

    /// `url` made absolute with every symlink and `..` resolved the way the kernel would, including
    /// the components that do not exist yet.
    package static func resolve(_ url: URL) -> URL {
        var current = "/"
        // Not `standardizedFileURL`: it drops `link/..` lexically, where the kernel follows the link first.
        for component in url.absoluteURL.path.split(separator: "/") {
            switch component {
            case ".":
                continue
            case "..":
                current = (current as NSString).deletingLastPathComponent
            default:
                current = current == "/" ? "/" + component : current + "/" + component
            }
            if let real = realpath(current, nil) {
                current = String(cString: real)
                free(real)
            }
        }
        return URL(fileURLWithPath: current)
    }

    /// The resolved destination, or the reason it must not be used. `alsoProtected` names more
    /// folders of the workspace that the destination must stay out of (the preview keeps off `Site/`).
    package static func check(_ destination: URL, workspaceRoot: URL, alsoProtected: [String] = []) throws(Refusal) -> URL {
        let target = resolve(destination).path
        let root = resolve(workspaceRoot).path
        if target == root {
            throw Refusal(path: target, reason: "is the workspace itself (the site needs a folder of its own, by default Site/)")
        }
        if root.hasPrefix(target == "/" ? "/" : target + "/") {
            throw Refusal(path: target, reason: "contains the workspace, which replacing it would delete")
        }
        if let name = sourceFolder(holding: target, workspaceRoot: workspaceRoot, also: alsoProtected) {
            let folder = resolve(workspaceRoot.appendingPathComponent(name)).path
            throw Refusal(path: target, reason: target == folder ? "is the workspace's \(name)/ folder" : "is inside the workspace's \(name)/ folder")
        }
        try checkReplaceable(URL(fileURLWithPath: target))
        return URL(fileURLWithPath: target)
    }

    /// The workspace folder (one of ``sourceFolders``, or of `also`) that is or holds `target`, an
    /// already resolved path; `nil` when the path lies outside them all.
    package static func sourceFolder(holding target: String, workspaceRoot: URL, also: [String] = []) -> String? {
        (sourceFolders + also).first { name in
            let folder = resolve(workspaceRoot.appendingPathComponent(name)).path
            return target == folder || target.hasPrefix(folder == "/" ? "/" : folder + "/")
        }
    }

    /// Missing, empty, or a site written by `briefing publish`.
    static func checkReplaceable(_ folder: URL) throws(Refusal) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw Refusal(path: folder.path, reason: "is a file, not a folder") }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            throw Refusal(path: folder.path, reason: "cannot be read")
        }
        if entries.isEmpty || entries.contains(markerName) || entries.contains(SitePublisher.manifestName) { return }
        throw Refusal(
            path: folder.path,
            reason: "is a folder that briefing publish did not write (it has files but no \(markerName)); choose a new or empty folder")
    }
}

import Foundation

extension Scaffold {
    /// Why `briefing init` must not write its files into `directory`, or nil when it may.
    ///
    /// A new workspace goes into a missing or fresh folder: one that holds nothing but hidden
    /// entries (`.git`, `.gitignore`) and README or LICENSE files, as a new repository does. A
    /// folder with anything else in it, or that is already a workspace, is refused, and so is any
    /// symbolic link on the way to a file that leads outside the folder (the files would land
    /// somewhere else). `shown` is the folder as the user typed it, for the message.
    package static func refusal(initializing directory: URL, shown: String, files: [File]) -> String? {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: directory.path, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return "\(shown) exists and is not a folder" }

        for file in files {
            if let link = escapingLink(under: directory, path: file.path) {
                return "\(join(shown, link.path)) is a symbolic link to \(link.destination), outside \(shown); init does not write through it"
            }
        }

        if fileManager.fileExists(atPath: directory.appendingPathComponent("briefing.yaml").path) {
            return "\(join(shown, ["briefing.yaml"])) already exists: \(shown) is a workspace already; init never overwrites files"
        }
        let entries = ((try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []).sorted()
        let others = entries.filter { !isFreshFolderEntry($0) }
        if !others.isEmpty {
            let listed = others.prefix(3).joined(separator: ", ") + (others.count > 3 ? ", …" : "")
            return "\(shown) is not empty (it holds \(listed)); init creates a workspace in a new or empty folder"
        }
        return nil
    }

    /// The first symbolic link on the way from `root` to `path` (relative, `/`-separated) that leads
    /// outside `root`, with where it points; nil when writing `path` stays inside `root`.
    package static func escapingLink(under root: URL, path: String) -> (path: [String], destination: String)? {
        let realRoot = root.resolvingSymlinksInPath().standardizedFileURL.path
        var current = root
        var relative: [String] = []
        for component in path.split(separator: "/").map(String.init) {
            current = current.appendingPathComponent(component)
            relative.append(component)
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current.path) else { continue }
            let resolved = current.resolvingSymlinksInPath().standardizedFileURL.path
            if resolved != realRoot, !resolved.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") {
                return (relative, destination)
            }
        }
        return nil
    }

    /// What a new repository may hold before `init`: hidden entries, README and LICENSE files.
    static func isFreshFolderEntry(_ name: String) -> Bool {
        let upper = name.uppercased()
        return name.hasPrefix(".") || upper.hasPrefix("README") || upper.hasPrefix("LICENSE") || upper.hasPrefix("LICENCE")
            || upper.hasPrefix("COPYING")
    }

    /// `shown/a/b` (`a/b` when the folder is the current one).
    private static func join(_ shown: String, _ components: [String]) -> String {
        let folder = shown.hasSuffix("/") ? String(shown.dropLast()) : shown
        let path = components.joined(separator: "/")
        return folder.isEmpty || folder == "." ? path : folder + "/" + path
    }
}

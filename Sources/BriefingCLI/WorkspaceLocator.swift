/// Finding the workspace: the folder that holds `briefing.yaml`.
enum WorkspaceLocator {
    static let manifestName = "briefing.yaml"

    /// The nearest of `directory` and its ancestors holding `briefing.yaml`, else
    /// `directory` itself. `directory` should be absolute; `holdsManifest` decides
    /// whether a folder is a workspace (injectable for tests).
    static func discover(
        from directory: String,
        holdsManifest: (String) -> Bool = { FileSystem.isRegularFile(FileSystem.join($0, manifestName)) }
    ) -> String {
        var candidate = FileSystem.normalized(directory)
        while true {
            if holdsManifest(candidate) { return candidate }
            guard let parent = FileSystem.parent(of: candidate) else { return FileSystem.normalized(directory) }
            candidate = parent
        }
    }
}

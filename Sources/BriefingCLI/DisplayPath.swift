/// How paths appear in messages: relative to the current folder when inside it.
enum DisplayPath {
    /// `""` for the current folder itself, `Templates` for a folder inside it, else the path as given.
    static func relative(_ path: String) -> String {
        let current = FileSystem.normalized(FileSystem.currentDirectory())
        let absolute = FileSystem.normalized(path.hasPrefix("/") ? path : FileSystem.join(current, path))
        if absolute == current { return "" }
        if absolute.hasPrefix(current == "/" ? "/" : current + "/") {
            return String(absolute.dropFirst(current == "/" ? 1 : current.count + 1))
        }
        return FileSystem.normalized(path)
    }
}

import Foundation

/// Reading and copying folders of fixture files.
package enum FileTree {
    /// The paths, relative to `folder` and sorted, of every regular file below it.
    package static func files(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var paths: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isDirectory)
            if exists, !isDirectory.boolValue { paths.append(path) }
        }
        return paths.sorted()
    }

    /// Copies the file at `relativePath` under `source` to the same place under `destination`,
    /// replacing what is there and creating the folders above it.
    package static func copyFile(_ relativePath: String, from source: URL, to destination: URL) throws {
        let target = destination.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        if FileManager.default.fileExists(atPath: target.path) { try FileManager.default.removeItem(at: target) }
        try FileManager.default.copyItem(at: source.appendingPathComponent(relativePath), to: target)
    }
}

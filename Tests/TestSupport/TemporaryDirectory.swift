import Foundation

/// A fresh folder under the system's temporary directory, for fixtures that are real files.
///
/// The path has symbolic links resolved (on macOS `/var` is a link to `/private/var`), so paths
/// the code under test prints compare equal to paths built from `url`. Tests call `remove()`
/// (usually in a `defer`) when they are done; a folder left behind by a crashed run is harmless.
package struct TemporaryDirectory: Sendable {
    package let url: URL

    /// Creates `<tmp>/<prefix>-<UUID>`.
    package init(prefix: String = "briefing-test") throws {
        let base = FileManager.default.temporaryDirectory.resolvingSymlinksInPath()
        url = base.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The URL of `relativePath` inside the folder (nothing is created).
    package func appending(_ relativePath: String) -> URL {
        url.appendingPathComponent(relativePath)
    }

    /// Writes `text` as UTF-8 to `relativePath`, creating the folders above it.
    @discardableResult
    package func write(_ text: String, to relativePath: String) throws -> URL {
        try write(Data(text.utf8), to: relativePath)
    }

    /// Writes `bytes` to `relativePath`, creating the folders above it.
    @discardableResult
    package func write(_ bytes: Data, to relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: file)
        return file
    }

    /// Creates the folder `relativePath` (and those above it).
    @discardableResult
    package func makeDirectory(_ relativePath: String) throws -> URL {
        let directory = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// Deletes the folder and everything in it.
    package func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

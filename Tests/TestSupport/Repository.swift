import Foundation

/// The package's own files: the bundled workspace (`briefing.yaml`, `Data/`), the shipped
/// `Templates/` and `docs/`, which many tests copy into a temporary folder.
package enum Repository {
    /// The package root (this file is `Tests/TestSupport/Repository.swift`).
    package static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `relativePath` inside the package.
    package static func url(_ relativePath: String) -> URL {
        root.appendingPathComponent(relativePath)
    }

    /// Copies each of `items` (files or folders, relative to the package root) to the same
    /// relative place under `destination`, creating the folders above it.
    package static func copy(_ items: [String], to destination: URL) throws {
        for item in items {
            let target = destination.appendingPathComponent(item)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: url(item), to: target)
        }
    }
}

import Foundation

/// A fixture workspace written as a base folder plus overlays: each overlay holds only the files
/// that differ from the base (same relative paths), so near-identical fixtures are stored once
/// and each case shows exactly what it changes.
package struct FixtureOverlay: Sendable {
    /// A folder whose files are copied into the workspace, below `subpath` ("" for the root).
    package struct Layer: Sendable {
        package var folder: URL
        package var subpath: String
    }

    /// The complete workspace the overlays start from.
    package let base: URL
    /// Copied over the base in order (a later one wins).
    package let overlays: [Layer]
    /// Relative paths in the base and overlays that are not workspace files (e.g. `expected.txt`).
    package let excluding: Set<String>

    package init(base: URL, excluding: Set<String> = []) {
        self.init(base: base, overlays: [], excluding: excluding)
    }

    private init(base: URL, overlays: [Layer], excluding: Set<String>) {
        self.base = base
        self.overlays = overlays
        self.excluding = excluding
    }

    /// The same workspace with the files of `folder` copied over it, below `subpath`.
    package func adding(_ folder: URL, at subpath: String = "") -> FixtureOverlay {
        FixtureOverlay(base: base, overlays: overlays + [Layer(folder: folder, subpath: subpath)], excluding: excluding)
    }

    /// Writes the base and then every overlay into `destination` (created if missing).
    package func write(to destination: URL) throws {
        try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
        try Self.apply(base, to: destination, excluding: excluding)
        for layer in overlays {
            let target = layer.subpath.isEmpty ? destination : destination.appendingPathComponent(layer.subpath)
            try Self.apply(layer.folder, to: target, excluding: layer.subpath.isEmpty ? excluding : [])
        }
    }

    /// Writes the workspace into a new temporary folder.
    package func materialize(prefix: String = "fixture") throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory(prefix: prefix)
        do {
            try write(to: directory.url)
        } catch {
            directory.remove()
            throw error
        }
        return directory
    }

    /// Copies every file of `overlay` (but `excluding`, and only the paths `filter` accepts)
    /// over the workspace at `destination`.
    package static func apply(
        _ overlay: URL, to destination: URL, excluding: Set<String> = [], where filter: (String) -> Bool = { _ in true }
    ) throws {
        for path in FileTree.files(under: overlay) where !excluding.contains(path) && filter(path) {
            try FileTree.copyFile(path, from: overlay, to: destination)
        }
    }
}

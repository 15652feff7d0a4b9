import Foundation

/// The published site on disk: `<parent>/<name>` is a symlink to `.<name>.versions/<id>`, one
/// complete site per publish. A publish builds the next version beside the current one, where no
/// reader looks, then replaces the symlink in one `rename`; nginx and `file://` follow the link, so
/// readers see the old site or the new one. Unchanged pages are hard links to the previous
/// version's files, so a version costs the disk only what changed. The current and the previous
/// version are kept (a reader still on a page of the previous one keeps reading it); older ones
/// are removed after the swap, except the one a publish makes its new version from
/// (``RecycledVersion``).
struct SiteVersions {
    /// The path readers use: the symlink (or, before the first versioned publish, a folder).
    let pointer: URL

    var name: String { pointer.lastPathComponent }
    /// `.<name>.versions`, beside the pointer.
    var folder: URL { pointer.deletingLastPathComponent().appendingPathComponent(Self.folderName(for: name)) }

    static func folderName(for name: String) -> String { ".\(name).versions" }

    /// The symlink's text for version `id`, relative to the pointer's folder.
    func target(_ id: Int) -> String { "\(Self.folderName(for: name))/\(id)" }

    func url(_ id: Int) -> URL { folder.appendingPathComponent(String(id)) }

    /// The version the pointer leads to; `nil` when it is not a symlink to one of ours.
    var currentID: Int? {
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: pointer.path) else { return nil }
        return Self.id(in: target, name: name)
    }

    static func id(in target: String, name: String) -> Int? {
        let prefix = folderName(for: name) + "/"
        guard target.hasPrefix(prefix), let id = Int(target.dropFirst(prefix.count)), id > 0 else { return nil }
        return id
    }

    /// The version ids in the versions folder (finished or left by a killed run), ascending.
    func ids() -> [Int] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).compactMap { entry in
            Int(entry).flatMap { $0 > 0 && String($0) == entry ? $0 : nil }
        }.sorted()
    }

    /// The id for a new version: above every one there, and above the current one.
    func nextID() -> Int {
        max(ids().last ?? 0, currentID ?? 0) + 1
    }

    /// Creates the versions folder, marked as written by `briefing publish`.
    func prepare() throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let marker = folder.appendingPathComponent(SiteDestination.markerName)
        if !FileManager.default.fileExists(atPath: marker.path) {
            try Data(SiteDestination.markerText.utf8).write(to: marker)
        }
    }

    /// Removes every version except those in `keeping`, only from a versions folder that has the
    /// marker; returns the ids removed. A failure leaves the rest for the next publish.
    @discardableResult
    func collect(keeping: Set<Int>) -> [Int] {
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(SiteDestination.markerName).path) else { return [] }
        return ids().filter { !keeping.contains($0) }.filter { (try? FileManager.default.removeItem(at: url($0))) != nil }
    }

    /// When `resolved` (every symlink resolved) is a version of a site published this way, the
    /// pointer that leads to it.
    static func pointer(of resolved: URL) -> URL? {
        let versions = resolved.deletingLastPathComponent()
        let folderName = versions.lastPathComponent
        guard folderName.hasPrefix("."), folderName.hasSuffix(".versions"), folderName.count > ".versions".count + 1 else { return nil }
        let name = String(folderName.dropFirst().dropLast(".versions".count))
        let pointer = versions.deletingLastPathComponent().appendingPathComponent(name)
        guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: pointer.path),
            target == "\(folderName)/\(resolved.lastPathComponent)"
        else { return nil }
        return pointer
    }
}

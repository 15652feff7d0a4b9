import FileIO
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A new site version made from the version before the current one, which the publish would
/// otherwise delete: it is renamed to the new id and brought up to date in place, so the files that
/// did not change since it was built (on a weekly site, all but a few dozen of thousands) are
/// neither copied, linked nor given new folders.
///
/// Nothing in it is trusted but the marker that makes it ours: a file stays only when it is the
/// current version's file for a page whose key did not change (the same inode, a hard link made by
/// an earlier publish). Its files may be shared with the current version, which readers are using,
/// so none is ever written in place: a page that changes is unlinked first, then linked from the
/// current version or rendered as a new file.
struct RecycledVersion {
    /// The new version's folder (the old one's files, renamed).
    let folder: URL
    private var tree: SiteTree

    /// Takes `spare` over as `folder` when it is a version of ours (its marker); `nil` when it is
    /// not, or cannot be renamed.
    init?(spare: URL, to folder: URL) {
        guard FileManager.default.fileExists(atPath: spare.appendingPathComponent(SiteDestination.markerName).path),
            rename(spare.path, folder.path) == 0
        else { return nil }
        self.folder = folder
        tree = SiteTree(folder)
        // Links to folders or to nothing were never published by briefing: made from nothing instead.
        guard tree.unlisted.isEmpty else { return nil }
    }

    /// Brings the folder to `pages` plus `carried` (files left by hand in the current version):
    /// keeps what is already the current version's file of an unchanged page or carried file, links
    /// the rest of those from `current`, removes everything else (the old search index too); returns
    /// the pages to render, whose paths are free and whose folders exist.
    mutating func update(
        pages: [SitePage], current: URL, currentKeys: [String: String], currentFiles: [String: UInt64], carried: [String],
        result: inout SitePublisher.Result
    ) throws -> [SitePage] {
        var folders = Set(tree.folders)
        var wanted = SiteManifest.ownFiles
        var toRender: [SitePage] = []
        /// Whether `path` is (now) the current version's file.
        func linked(_ path: String) throws -> Bool {
            guard let inode = currentFiles[path] else { return false }
            if tree.files[path] == inode { return true }
            try free(path, folders: &folders)
            return link(current.appendingPathComponent(path).path, folder.appendingPathComponent(path).path) == 0
        }
        for page in pages {
            wanted.insert(page.path)
            if currentKeys[page.path] == page.key, try linked(page.path) {
                result.reused += 1
            } else {
                try free(page.path, folders: &folders)
                toRender.append(page)
            }
        }
        for path in carried {
            wanted.insert(path)
            guard try linked(path) else {
                try FileManager.default.copyItem(at: current.appendingPathComponent(path), to: folder.appendingPathComponent(path))
                continue
            }
        }
        var emptied: Set<String> = []
        for path in tree.files.keys where !wanted.contains(path) {
            guard unlink(folder.appendingPathComponent(path).path) == 0 || errno == ENOENT else {
                throw AtomicSwap.Failure(description: "cannot remove \(path) from the site version: \(FileIO.lastMessage())")
            }
            emptied.insert((path as NSString).deletingLastPathComponent)
        }
        removeEmptyFolders(emptied)
        return toRender
    }

    /// Removes whatever file or link is at `path` (a stale page: unlinked, never written in place)
    /// and makes its folders, one level at a time. Anything in the way that is not a folder of this
    /// version (a folder at the page's path, a file or a link where a folder goes) stops the update,
    /// so nothing is ever written through a link.
    private func free(_ path: String, folders: inout Set<String>) throws {
        let target = folder.appendingPathComponent(path)
        guard !folders.contains(path), unlink(target.path) == 0 || errno == ENOENT else {
            throw AtomicSwap.Failure(description: "cannot replace \(path) in the site version")
        }
        var missing: [String] = []
        var ancestor = (path as NSString).deletingLastPathComponent
        while !ancestor.isEmpty, !folders.contains(ancestor) {
            missing.append(ancestor)
            ancestor = (ancestor as NSString).deletingLastPathComponent
        }
        for made in missing.reversed() {
            guard mkdir(folder.appendingPathComponent(made).path, 0o777) == 0 else {
                throw AtomicSwap.Failure(description: "cannot make the folder \(made) in the site version: \(FileIO.lastMessage())")
            }
            folders.insert(made)
        }
    }

    /// Folders left empty by removed files, and their emptied parents, deepest first; a folder that
    /// still holds something stays.
    private func removeEmptyFolders(_ candidates: Set<String>) {
        var pending = candidates.filter { !$0.isEmpty }
        while !pending.isEmpty {
            let deepest = pending.max { ($0.split(separator: "/").count, $0) < ($1.split(separator: "/").count, $1) }!
            pending.remove(deepest)
            guard rmdir(folder.appendingPathComponent(deepest).path) == 0 else { continue }
            let parent = (deepest as NSString).deletingLastPathComponent
            if !parent.isEmpty { pending.insert(parent) }
        }
    }
}

import FileIO
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Renames that readers never see half-done.
enum AtomicSwap {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes one file of a folder that `place` will swap in, with plain POSIX calls: no per-file
    /// `fsync` (the folder only becomes visible through the final rename), and a failure reads
    /// `2026-W48/briefing.html: File too large`.
    static func writeStagedFile(_ data: Data, to url: URL, named name: String) throws {
        let failure = data.withUnsafeBytes { FileIO.writeFile($0, at: url.path, creation: .truncate, sync: false) }
        if failure != 0 { throw Failure(description: "\(name): \(FileIO.message(failure))") }
    }

    /// Moves `source` to `destination`. If `destination` exists the two are exchanged atomically
    /// and the old one (now at `source`) is removed afterwards.
    static func place(_ source: URL, at destination: URL) throws {
        if !FileManager.default.fileExists(atPath: destination.path) {
            guard rename(source.path, destination.path) == 0 else {
                throw Failure(description: "cannot move \(source.lastPathComponent) into place: \(String(cString: strerror(errno)))")
            }
            return
        }
        if FileIO.exchange(source.path, destination.path) == 0 {
            try? FileManager.default.removeItem(at: source)
            return
        }
        // No atomic exchange here: move the old folder aside, the new one in, then drop the old.
        let aside = source.deletingLastPathComponent().appendingPathComponent(source.lastPathComponent + ".old")
        guard rename(destination.path, aside.path) == 0 else {
            throw Failure(description: "cannot move the old \(destination.lastPathComponent) aside: \(String(cString: strerror(errno)))")
        }
        guard rename(source.path, destination.path) == 0 else {
            _ = rename(aside.path, destination.path)
            throw Failure(description: "cannot move \(source.lastPathComponent) into place: \(String(cString: strerror(errno)))")
        }
        try? FileManager.default.removeItem(at: aside)
    }

    /// Makes `pointer` a symlink to `target` (a path relative to the pointer's folder) in one step
    /// that readers never see half-done: a new symlink is made at the temporary sibling `staging`,
    /// then renamed over the pointer (a symlink or nothing there), or exchanged with it (a folder,
    /// which then lands at `staging` for the caller to remove).
    /// Returns whether the old pointer was a folder that now sits at `staging`.
    @discardableResult
    static func point(_ pointer: URL, to target: String, staging: URL) throws -> Bool {
        unlink(staging.path)
        guard symlink(target, staging.path) == 0 else {
            throw Failure(description: "cannot create the link \(staging.lastPathComponent): \(FileIO.lastMessage())")
        }
        var info = stat()
        let isFolder = lstat(pointer.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
        if !isFolder {
            guard rename(staging.path, pointer.path) == 0 else {
                let message = FileIO.lastMessage()
                unlink(staging.path)
                throw Failure(description: "cannot point \(pointer.lastPathComponent) at the new site: \(message)")
            }
            return false
        }
        if FileIO.exchange(staging.path, pointer.path) == 0 { return true }
        // No atomic exchange here: move the old folder aside, the link in.
        let aside = staging.deletingLastPathComponent().appendingPathComponent(staging.lastPathComponent + ".old")
        guard rename(pointer.path, aside.path) == 0 else {
            let message = FileIO.lastMessage()
            unlink(staging.path)
            throw Failure(description: "cannot move the old \(pointer.lastPathComponent) aside: \(message)")
        }
        guard rename(staging.path, pointer.path) == 0 else {
            let message = FileIO.lastMessage()
            _ = rename(aside.path, pointer.path)
            unlink(staging.path)
            throw Failure(description: "cannot point \(pointer.lastPathComponent) at the new site: \(message)")
        }
        guard rename(aside.path, staging.path) == 0 else { return false }
        return true
    }
}

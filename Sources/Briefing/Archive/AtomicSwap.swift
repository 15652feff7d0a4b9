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
}

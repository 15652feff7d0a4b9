import CFileSwap
import Foundation

#if canImport(Glibc)
import Glibc
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
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "\(name): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var failure: Int32 = 0
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if failure != 0 { throw Failure(description: "\(name): \(String(cString: strerror(failure)))") }
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
        if cfs_exchange(source.path, destination.path) == 0 {
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

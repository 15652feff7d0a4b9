import CFileSwap

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one home of the product's low-level file writing: whole writes that survive short and
/// interrupted `write` calls, files created whole (truncated or exclusively), files replaced in one
/// `rename`, and the atomic exchange of two paths. Plain POSIX calls, so a failure is an `errno`
/// the caller words in its own error type (these functions return 0 or the `errno` of the failed
/// call and never print).
package enum FileIO {
    /// The system's text for `code` (`No space left on device`).
    package static func message(_ code: Int32) -> String { String(cString: strerror(code)) }

    /// The system's text for the current `errno`.
    package static func lastMessage() -> String { message(errno) }

    /// Writes every byte to `descriptor`, retrying short and interrupted writes; 0 or the `errno`.
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Int32 {
        guard var next = bytes.baseAddress else { return 0 }
        var remaining = bytes.count
        while remaining > 0 {
            let written = write(descriptor, next, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            next += written
            remaining -= written
        }
        return 0
    }

    /// ``writeAll(_:to:)`` for the UTF-8 of `text`.
    package static func writeAll(_ text: String, to descriptor: Int32) -> Int32 {
        var text = text
        return text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// How ``writeFile(_:at:creation:sync:)`` opens its file.
    package enum Creation: Sendable {
        /// Creates the file or truncates the one there.
        case truncate
        /// Creates the file; fails with `EEXIST` when anything is at the path.
        case exclusive
    }

    /// Writes `bytes` as the whole content of the file at `path` (mode 0644 for ``Creation/truncate``,
    /// 0666 less the umask for ``Creation/exclusive``), with an `fsync` before closing when `sync`
    /// is set; 0 or the `errno` of the failed call. A partial file is left for the caller to remove.
    package static func writeFile(_ bytes: UnsafeRawBufferPointer, at path: String, creation: Creation, sync: Bool) -> Int32 {
        let descriptor = switch creation {
        case .truncate: open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        case .exclusive: open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        }
        guard descriptor >= 0 else { return errno }
        var error = writeAll(bytes, to: descriptor)
        if error == 0, sync, fsync(descriptor) != 0 { error = errno }
        if close(descriptor) != 0, error == 0 { error = errno }
        return error
    }

    /// ``writeFile(_:at:creation:sync:)`` for the UTF-8 of `text`.
    package static func writeFile(_ text: String, at path: String, creation: Creation, sync: Bool) -> Int32 {
        var text = text
        return text.withUTF8 { writeFile(UnsafeRawBufferPointer($0), at: path, creation: creation, sync: sync) }
    }

    /// Replaces the file at `path` with `bytes` so that readers see the old file or the new one,
    /// never part of one: written and synced to `temporary` (a sibling, created exclusively after
    /// removing a leftover), then renamed over `path`. On failure the temporary file is removed and
    /// `path` is as it was; 0 or the `errno`.
    package static func replace(_ bytes: UnsafeRawBufferPointer, at path: String, through temporary: String) -> Int32 {
        unlink(temporary)
        var error = writeFile(bytes, at: temporary, creation: .exclusive, sync: true)
        if error == 0, rename(temporary, path) != 0 { error = errno }
        if error != 0 { unlink(temporary) }
        return error
    }

    /// ``replace(_:at:through:)`` for the UTF-8 of `text`.
    package static func replace(_ text: String, at path: String, through temporary: String) -> Int32 {
        var text = text
        return text.withUTF8 { replace(UnsafeRawBufferPointer($0), at: path, through: temporary) }
    }

    /// Exchanges the two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`, macOS
    /// `renamex_np(RENAME_SWAP)`); 0, or `ENOSYS`/`EINVAL`/another `errno` where the kernel or the
    /// file system cannot (the caller then falls back to two renames).
    package static func exchange(_ first: String, _ second: String) -> Int32 {
        cfs_exchange(first, second) == 0 ? 0 : errno
    }
}

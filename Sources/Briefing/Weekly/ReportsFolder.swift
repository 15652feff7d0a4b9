import CFileSwap
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// `Reports/`: one folder per period, the published-periods record, and the atomic swap that
/// puts a newly built period in place.
public struct ReportsFolder: Sendable {
    public let url: URL

    public init(workspaceRoot: URL) {
        url = workspaceRoot.appendingPathComponent("Reports")
    }

    /// Periods with a finished briefing (a `snapshot.json`), oldest first.
    public func periods() -> [Period] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.compactMap(Period.init).filter {
            FileManager.default.fileExists(atPath: folder($0).appendingPathComponent("snapshot.json").path)
        }.sorted()
    }

    public func folder(_ period: Period) -> URL { url.appendingPathComponent(period.description) }

    /// The latest finished period before `period`, with its snapshot.
    public func previous(before period: Period) -> (period: Period, snapshot: Snapshot)? {
        for candidate in periods().reversed() where candidate < period {
            if let snapshot = Snapshot.read(folder(candidate).appendingPathComponent("snapshot.json")) {
                return (candidate, snapshot)
            }
        }
        return nil
    }

    /// `Reports/published.json`: period id → when it was published (written by `briefing publish`).
    public var publishedFile: URL { url.appendingPathComponent("published.json") }

    public func published() -> [String: String] {
        guard let data = try? Data(contentsOf: publishedFile),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let periods = object["periods"] as? [String: String]
        else { return [:] }
        return periods
    }

    /// Writes one file with plain POSIX calls: no per-file `fsync` (the folder only becomes visible
    /// through the final rename), and a failure reads `2026-W48/briefing.html: File too large`.
    static func writeFile(_ data: Data, to url: URL, named name: String) throws {
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw AtomicSwap.Failure(description: "\(name): \(String(cString: strerror(errno)))") }
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
        if failure != 0 { throw AtomicSwap.Failure(description: "\(name): \(String(cString: strerror(failure)))") }
    }

    /// Why `period` must not be rewritten without `--force`, or `nil` when it may be.
    public func protection(of period: Period) -> String? {
        guard FileManager.default.fileExists(atPath: folder(period).path) else { return nil }
        if let date = published()[period.description] { return "was published on \(date)" }
        if let later = periods().first(where: { $0 > period }) { return "already has a later briefing (\(later))" }
        return nil
    }

    /// Writes `files` as the folder of `period`: built in a hidden temporary sibling, then swapped
    /// in with one atomic `rename` (a new period) or `renameat2(RENAME_EXCHANGE)` (a rewrite).
    /// A failure before the swap removes the temporary folder and leaves `Reports/` as it was.
    public func write(_ files: [String: Data], as period: Period) throws {
        let createdReports = !FileManager.default.fileExists(atPath: url.path)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        let final = folder(period)
        let temporary = url.appendingPathComponent(".\(period).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: temporary)
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: false)
            for (path, data) in files.sorted(by: { $0.key < $1.key }) {
                let target = temporary.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Self.writeFile(data, to: target, named: "\(period)/\(path)")
            }
            try AtomicSwap.place(temporary, at: final)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            // A first run that failed leaves no empty Reports/ behind either.
            if createdReports, (try? FileManager.default.contentsOfDirectory(atPath: url.path))?.isEmpty == true {
                try? FileManager.default.removeItem(at: url)
            }
            throw error
        }
    }
}

/// Renames that readers never see half-done.
enum AtomicSwap {
    struct Failure: Error, CustomStringConvertible {
        var description: String
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

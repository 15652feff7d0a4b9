import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Temporary files and folders are named `.<name>.tmp-<pid>` (and `.<name>.tmp-<pid>.old` for a
/// folder moved aside by ``AtomicSwap``), so that the next run can recognise what a killed run left
/// behind and remove it, while a run still in progress (its process is alive) is left alone.
package enum StaleTemporaries {
    /// The temporary sibling of `name` for this process.
    static func name(for name: String, pid: pid_t = getpid()) -> String {
        ".\(name).tmp-\(pid)"
    }

    /// The process id in a temporary's name, or `nil` when `entry` is not one of ours.
    static func owner(of entry: String, for names: ((String) -> Bool)? = nil) -> pid_t? {
        var entry = Substring(entry)
        guard entry.hasPrefix(".") else { return nil }
        if entry.hasSuffix(".old") { entry = entry.dropLast(4) }
        guard let marker = entry.range(of: ".tmp-", options: .backwards), marker.lowerBound > entry.startIndex else { return nil }
        let name = entry[entry.index(after: entry.startIndex)..<marker.lowerBound]
        let digits = entry[marker.upperBound...]
        guard !name.isEmpty, !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber),
            let pid = pid_t(digits), pid > 0, names?(String(name)) ?? true
        else { return nil }
        return pid
    }

    /// Whether process `pid` still runs (`kill(pid, 0)`: `EPERM` means it runs as someone else).
    static func isAlive(_ pid: pid_t) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    /// Removes the temporaries in `folder` whose process is gone, for the names `names` accepts
    /// (every name when `nil`); returns the entries removed.
    @discardableResult
    static func removeDead(in folder: URL, names: ((String) -> Bool)? = nil) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var removed: [String] = []
        for entry in entries.sorted() {
            guard let pid = owner(of: entry, for: names), pid != getpid(), !isAlive(pid) else { continue }
            if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(entry))) != nil { removed.append(entry) }
        }
        return removed
    }
}

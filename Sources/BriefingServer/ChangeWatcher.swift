import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What the site is built from, as modification stamps: every file under `Data/`, `Templates/` and
/// `Reports/`, plus `briefing.yaml` and `docs/methodology.md`. Hidden files and folders (the
/// temporary siblings of atomic writes) are left out. Polled, so no dependency is needed.
struct ChangeWatcher: Sendable {
    struct Stamp: Equatable, Sendable {
        var size: Int64
        var seconds: Int64
        var nanoseconds: Int64
        var inode: UInt64
    }

    static let folders = ["Data", "Templates", "Reports"]
    static let files = ["briefing.yaml", "docs/methodology.md"]

    let root: URL

    /// Workspace-relative path → stamp.
    func snapshot() -> [String: Stamp] {
        var stamps: [String: Stamp] = [:]
        for file in Self.files {
            if let stamp = Self.stamp(root.appendingPathComponent(file).path) { stamps[file] = stamp }
        }
        for folder in Self.folders {
            let base = root.appendingPathComponent(folder).path
            guard let enumerator = FileManager.default.enumerator(atPath: base) else { continue }
            while let path = enumerator.nextObject() as? String {
                let name = path.split(separator: "/").last ?? ""
                if name.hasPrefix(".") {
                    enumerator.skipDescendants()
                    continue
                }
                if let stamp = Self.stamp(base + "/" + path) { stamps[folder + "/" + path] = stamp }
            }
        }
        return stamps
    }

    /// Paths added, removed or modified between two snapshots, sorted.
    static func changes(from old: [String: Stamp], to new: [String: Stamp]) -> [String] {
        let modified = new.filter { old[$0.key] != $0.value }.map(\.key)
        let removed = old.keys.filter { new[$0] == nil }
        return (modified + removed).sorted()
    }

    /// The stamp of a regular file (symlinks followed); `nil` for folders and missing files.
    private static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
        let modified = info.st_mtimespec
        #else
        let modified = info.st_mtim
        #endif
        return Stamp(
            size: Int64(info.st_size), seconds: Int64(modified.tv_sec), nanoseconds: Int64(modified.tv_nsec),
            inode: UInt64(info.st_ino))
    }
}

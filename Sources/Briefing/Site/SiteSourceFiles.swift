import Foundation
import Workspace

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The files the site copies out of the workspace (`Reports/<period>/…`, `Templates/assets/…`), read
/// only when their real path, every symlink resolved, stays inside the workspace: a link in
/// `Reports/` to `/etc/passwd` must not become a published chart. A refusal names the file as the
/// workspace has it, never where the link leads or what is there.
struct SiteSourceFiles: Sendable {
    /// The workspace's real path; `nil` when it cannot be resolved (then nothing is read).
    private let realRoot: String?
    /// Real paths of the folders whose entries were placed, each resolved once per publish.
    private let folders = RealFolders()

    init(root: URL) {
        realRoot = Self.realPath(root.path)
    }

    enum Place: Equatable {
        /// The file's real path, inside the workspace.
        case inside(String)
        case outside
        /// Missing, a dangling link, or not resolvable.
        case missing
    }

    func place(of url: URL) -> Place {
        guard let realRoot, let real = realPath(url.path) else { return .missing }
        let prefix = realRoot == "/" ? "/" : realRoot + "/"
        return real.hasPrefix(prefix) ? .inside(real) : .outside
    }

    /// `realpath(3)` of `path`, in fewer system calls: an entry that is not a symlink lies where
    /// its folder really is, so the entry is `lstat`ed and its folder placed (once per publish).
    /// A publish places every period's folder (all in `Reports/`), its `charts/` and each file;
    /// `realpath` alone read every component's link again, about 14 calls a period.
    private func realPath(_ path: String) -> String? {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return Self.realPath(path) }
        let name = path[path.index(after: slash)...]
        guard !name.isEmpty, name != ".", name != ".." else { return Self.realPath(path) }
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        if (info.st_mode & S_IFMT) == S_IFLNK { return Self.realPath(path) }
        // The folder is placed the same way, so each real path is worked out once per publish.
        guard let folder = folders.realPath(of: String(path[..<slash]), resolve: realPath) else { return nil }
        return folder == "/" ? "/" + name : folder + "/" + name
    }

    /// Whether reading `url` would follow a symlink out of the workspace.
    func leavesWorkspace(_ url: URL) -> Bool { place(of: url) == .outside }

    /// The bytes of `url`, which the workspace shows as `display` (`Templates/assets/site.css`).
    func read(_ url: URL, display: String) -> Result<Data, SiteSourceError> {
        switch place(of: url) {
        case .outside:
            return .failure(SiteSourceError([Diagnostic(.error, Self.outsideMessage, file: display)]))
        case .missing:
            return .failure(SiteSourceError([Diagnostic(.error, "missing or unreadable", file: display)]))
        case .inside(let real):
            guard let data = try? Data(contentsOf: URL(fileURLWithPath: real)) else {
                return .failure(SiteSourceError([Diagnostic(.error, "missing or unreadable", file: display)]))
            }
            return .success(data)
        }
    }

    /// A chart from `Reports/<period>/charts/`: read as `read` does, then screened by
    /// ``SVGSanitizer``; every problem is located in the file.
    func chart(_ url: URL, display: String) -> Result<Data, SiteSourceError> {
        read(url, display: display).flatMap { data in
            let findings = SVGSanitizer.findings(in: [UInt8](data))
            guard findings.isEmpty else {
                return .failure(SiteSourceError(findings.map {
                    Diagnostic(.error, $0.message + " (the chart is not published)", file: display, line: $0.line, column: $0.column)
                }))
            }
            return .success(data)
        }
    }

    static let outsideMessage = "is a symbolic link that leads outside the workspace; the site does not read it"

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Folder paths and their real paths (`nil`: not resolvable), shared by the threads that read periods.
private final class RealFolders: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: String?] = [:]

    func realPath(of folder: String, resolve: (String) -> String?) -> String? {
        if let found = lock.withLock({ known[folder] }) { return found }
        let real = resolve(folder)
        lock.withLock { known[folder] = .some(real) }
        return real
    }
}

/// Files the site refused to copy, each with its located diagnostic; nothing was published.
package struct SiteSourceError: Error, Sendable, CustomStringConvertible, ProblemReporting {
    package var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One line per diagnostic, as the CLI prints them.
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    package var problems: [Problem] { diagnostics.map(Problem.init) }
}

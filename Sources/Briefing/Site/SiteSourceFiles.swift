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
        guard let realRoot, let real = Self.realPath(url.path) else { return .missing }
        let prefix = realRoot == "/" ? "/" : realRoot + "/"
        return real.hasPrefix(prefix) ? .inside(real) : .outside
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

/// Files the site refused to copy, each with its located diagnostic; nothing was published.
package struct SiteSourceError: Error, Sendable, CustomStringConvertible, ProblemReporting {
    package var diagnostics: [Diagnostic]

    init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }

    /// One line per diagnostic, as the CLI prints them.
    package var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    package var problems: [Problem] { diagnostics.map(Problem.init) }
}

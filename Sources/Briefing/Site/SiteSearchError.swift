import Workspace

/// Why the search index could not be built. Both are faults of the machine rather than of the data
/// (exit status 3 in the CLI); a missing Pagefind carries the hint that the site can be built
/// without search on purpose, worded by whoever prints it.
package enum SiteSearchError: Error, Sendable, Equatable, CustomStringConvertible, ProblemReporting {
    /// Pagefind is not on PATH (or BRIEFING_PAGEFIND names no executable).
    case missing(configured: String?)
    /// Pagefind ran and failed: its exit status and what it printed.
    case failed(executable: String, status: Int32, output: String)
    /// The index Pagefind returned could not be written into the staged site.
    case unwritable(reason: String)

    package var problems: [Problem] {
        switch self {
        case .missing: [Problem(.environment, description, hint: .buildWithoutSearch)]
        case .failed, .unwritable: [Problem(.environment, description)]
        }
    }

    package var description: String {
        switch self {
        case .missing(let configured?):
            "BRIEFING_PAGEFIND=\(configured) is not an executable file; the site's search index is built with Pagefind \(SiteSearch.pinnedVersion): \(SiteSearch.installHint)"
        case .missing(nil):
            "pagefind not found on PATH; the site's search index is built with Pagefind \(SiteSearch.pinnedVersion): \(SiteSearch.installHint)"
        case .failed(let executable, let status, let output):
            "\(executable) failed (exit status \(status)) building the search index" + (output.isEmpty ? "" : ":\n" + output)
        case .unwritable(let reason):
            "cannot write the search index: \(reason)"
        }
    }
}

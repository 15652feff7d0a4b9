import Foundation

/// Whether and how `publish` builds the site's search index (Pagefind) into the staged site, after
/// every page is written and before the atomic swap, so readers never see pages without their index
/// or an index of pages that are not there.
///
/// The index is rebuilt whole on every publish, over every page of the staged site (reused pages
/// are hard links, so they are read like new ones): an incremental publish can never keep entries
/// of a removed or changed page. The old `pagefind/` folder is never carried over.
package enum SiteSearch: Sendable, Equatable {
    /// No index. The pages still carry their search box, which stays hidden without an index.
    case off
    /// Index, and fail when Pagefind cannot be found or fails: `briefing publish` (a team's site
    /// must not lose its search without anyone deciding it).
    case required
    /// Index when Pagefind is found; otherwise build without search (the preview of `serve`).
    case ifAvailable

    /// The folder of the site that the index owns.
    package static let folder = "pagefind"
    /// The Pagefind release the templates are written for; `scripts/install-deps --search` installs it.
    package static let pinnedVersion = "1.5.2"
    /// How to install it, for the error when it is missing.
    package static let installHint =
        "install it with `scripts/install-deps --search` (as root), or `pip install 'pagefind[bin]==\(pinnedVersion)'` with its bin folder on PATH, "
        + "or set BRIEFING_PAGEFIND to the pagefind executable"

    /// Builds the index into `site`. Returns whether an index was built (`false` only when `.off`,
    /// or `.ifAvailable` without Pagefind).
    @discardableResult
    package func index(site: URL, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Bool {
        switch self {
        case .off:
            return false
        case .ifAvailable:
            guard let executable = PagefindIndexer.locate(environment: environment) else { return false }
            try PagefindIndexer(executable: executable).index(site: site)
            return true
        case .required:
            guard let executable = PagefindIndexer.locate(environment: environment) else {
                throw SiteSearchError.missing(configured: environment["BRIEFING_PAGEFIND"])
            }
            try PagefindIndexer(executable: executable).index(site: site)
            return true
        }
    }

    /// Whether a site path belongs to the index (never carried over from the previous site, never
    /// listed as a file left by hand).
    package static func owns(_ path: String) -> Bool {
        path == folder || path.hasPrefix(folder + "/")
    }
}

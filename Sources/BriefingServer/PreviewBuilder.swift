import Briefing
import Foundation
import Templating
import Workspace

/// One build of the preview: loads the workspace, builds the site into the preview folder the
/// way `briefing publish` does (atomically, incrementally, removing pages that no longer exist),
/// without recording anything in `Reports/published.json`, and builds the draft briefing of the
/// current period into its scratch folder (``DraftBriefing``).
struct PreviewBuilder: Sendable {
    enum Outcome: Sendable, Equatable {
        case built(rendered: Int, reused: Int, warnings: [String])
        /// What stopped the build: located problems, then what was left as it was.
        case failed([Problem])
    }

    let root: URL
    let destination: URL
    let displayPrefix: String
    /// The draft's as-of date; `nil` is today in the workspace's time zone.
    var asOf: Day? = nil
    var draft: DraftBriefing? = nil
    /// The preview leaves the search index out: indexing costs more than the rest of a rebuild,
    /// and the preview is for writing, not for finding.
    var search: SiteSearch = .off

    func build(baseURL: String) -> Outcome {
        let result = WorkspaceLoader(root: root, displayPrefix: displayPrefix).load(asOf: asOf)
        guard let workspace = result.workspace else {
            return .failed(result.diagnostics.map(Problem.init) + [Problem(.data, "the workspace has \(result.errorCount) error(s)")])
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description)
        // The site and the draft are independent once the workspace is loaded: the draft is built
        // on another thread while this one builds the site, so the page the author has open
        // (usually the draft) waits for the longer of the two, not for both.
        let draftBuild = DraftOutcome()
        let group = DispatchGroup()
        if let draft {
            let asOf = result.asOf
            DispatchQueue.global().async(group: group) {
                draftBuild.set(Result { try draft.build(workspace: workspace, asOf: asOf).warnings })
            }
        }
        do {
            var publisher = SitePublisher(workspace: workspace, root: root)
            publisher.search = search
            let published: SitePublisher.Result
            do {
                published = try publisher.publish(to: destination, baseURL: baseURL, clean: true, today: result.asOf, recording: .never)
            } catch {
                // Never leave the draft's thread writing after a failed build has been reported.
                group.wait()
                throw error
            }
            group.wait()
            let prefix = displayPrefix.isEmpty ? "" : displayPrefix + "/"
            let draftWarnings = try (draftBuild.value?.get() ?? []).map { prefix + $0 }
            return .built(
                rendered: published.rendered, reused: published.reused,
                warnings: warnings + published.unreadable.map(\.description) + draftWarnings)
        } catch let error as SiteSourceError {
            return .failed(error.problems + [Problem(.data, "the preview was left as it was")])
        } catch let error as TemplateError {
            return .failed([Problem(error)])
        } catch let error as WeeklyError {
            return .failed(error.problems + [Problem(.data, "the draft briefing could not be built")])
        } catch let refusal as SiteDestination.Refusal {
            // The folder changed since serve started (files put there by hand): it is not cleaned.
            return .failed([Problem(.data, "\(refusal)")])
        } catch let refusal as DraftFolderRefusal {
            return .failed(refusal.problems)
        } catch let error as SiteSearchError {
            return .failed(error.problems + [Problem(.data, "the preview was left as it was")])
        } catch {
            return .failed([Problem(.environment, "cannot build the preview: \(error)")])
        }
    }
}

/// The draft's result, handed from the thread that built it.
private final class DraftOutcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<[String], any Error>?

    func set(_ result: Result<[String], any Error>) { lock.withLock { stored = result } }
    var value: Result<[String], any Error>? { lock.withLock { stored } }
}

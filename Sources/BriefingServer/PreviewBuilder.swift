import Briefing
import Foundation
import Templating
import Workspace

/// One build of the preview: loads the workspace and builds the site into the preview folder the
/// way `briefing publish` does (atomically, incrementally, removing pages that no longer exist),
/// without recording anything in `Reports/published.json`.
struct PreviewBuilder: Sendable {
    enum Outcome: Sendable, Equatable {
        case built(rendered: Int, reused: Int, warnings: [String])
        /// What stopped the build: located problems, then what was left as it was.
        case failed([Problem])
    }

    let root: URL
    let destination: URL
    let displayPrefix: String

    func build(baseURL: String) -> Outcome {
        let result = WorkspaceLoader(root: root, displayPrefix: displayPrefix).load()
        guard let workspace = result.workspace else {
            return .failed(result.diagnostics.map(Problem.init) + [Problem(.data, "the workspace has \(result.errorCount) error(s)")])
        }
        let warnings = result.diagnostics.filter { $0.severity == .warning }.map(\.description)
        do {
            let published = try SitePublisher(workspace: workspace, root: root).publish(
                to: destination, baseURL: baseURL, clean: true, today: result.asOf, recording: .never)
            return .built(rendered: published.rendered, reused: published.reused, warnings: warnings + published.unreadable.map(\.description))
        } catch let error as SiteSourceError {
            return .failed(error.problems + [Problem(.data, "the preview was left as it was")])
        } catch let error as TemplateError {
            return .failed([Problem(error)])
        } catch let refusal as SiteDestination.Refusal {
            // The folder changed since serve started (files put there by hand): it is not cleaned.
            return .failed([Problem(.data, "\(refusal)")])
        } catch {
            return .failed([Problem(.environment, "cannot build the preview: \(error)")])
        }
    }
}

import Workspace

/// `briefing.compliance` and `site.compliance` in templates: the lines every briefing, report and site
/// page carries, from `compliance:` in briefing.yaml. The disclaimer is the workspace's (the block's own,
/// else the top-level `disclaimer:`), so pages that only show it read as before; the other fields are
/// nil (falsy in templates) unless set.
package struct ComplianceItem: Encodable, Sendable, Hashable {
    package var disclaimer: String
    package var author: String?
    package var marking: String?
    package var certification: String?

    init(_ config: WorkspaceConfig) {
        disclaimer = config.disclaimer
        author = config.compliance.author
        marking = config.compliance.marking
        certification = config.compliance.certification
    }
}

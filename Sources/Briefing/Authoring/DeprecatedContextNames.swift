import Foundation
import Templating
import Workspace

/// The template context's names that held percentages or percentage points, renamed when every
/// number in the context became a fraction (docs/templates.md, "Changes"). The old names still
/// render, with their old values, for one release, so a workspace's own templates keep working
/// while `briefing check` says where each one is read and what replaces it. Piping an old name
/// straight into `pp` or `percent` — the mistake the rename is about, which prints a figure a
/// hundred times too large — is an error.
enum DeprecatedContextNames {
    struct Rename {
        /// The old name's unit (`percentage points`).
        var unit: String
        /// Where the name lives in the context, for the message (`market.vendors[]`).
        var owner: String
        var replacement: String
        /// The filter that prints the replacement (`pp`).
        var filter: String
    }

    static let renames: [String: Rename] = [
        "share_change_pp": Rename(unit: "percentage points", owner: "market.vendors[]", replacement: "share_change", filter: "pp"),
        "probability_change_pp": Rename(
            unit: "percentage points", owner: "market.scenarios[]", replacement: "probability_change", filter: "pp"),
        "share_pp": Rename(unit: "percentage points", owner: "settings.thresholds", replacement: "share_change", filter: "pp(sign=false)"),
        "probability_pp": Rename(
            unit: "percentage points", owner: "settings.thresholds", replacement: "probability_change", filter: "pp(sign=false)"),
        "market_size_pct": Rename(unit: "percent", owner: "settings.thresholds", replacement: "market_size_change", filter: "percent"),
        "share_tolerance_pp": Rename(unit: "percentage points", owner: "settings", replacement: "share_tolerance", filter: "pp(sign=false)"),
    ]

    /// The filters that expect a fraction: an old name piped straight into one is an error.
    static let fractionFilters: Set<String> = ["pp", "percent"]

    /// A located warning for every read of an old name in the templates the library resolves, an
    /// error where it goes straight into `pp` or `percent`. Templates that do not parse are left
    /// to ``WorkspaceCheck/templateDiagnostics(_:)``, which reports them.
    static func diagnostics(_ library: TemplateLibrary) -> [Diagnostic] {
        let environment = library.environment()
        let names = library.entries().map(\.name).filter { ["md", "html", "txt", "xml"].contains(($0 as NSString).pathExtension) }
        return names.flatMap { name -> [Diagnostic] in
            let uses = (try? environment.attributeUses(inTemplate: name)) ?? []
            return uses.compactMap { use -> Diagnostic? in
                guard let rename = renames[use.attribute] else { return nil }
                let place = (file: use.location.path, line: use.location.line, column: use.location.column)
                if let filter = use.filter, fractionFilters.contains(filter) {
                    return Diagnostic(
                        .error,
                        "'\(use.attribute)' is in \(rename.unit) but '\(filter)' expects a fraction, so this prints a figure "
                            + "100 times too large; use '\(rename.replacement)|\(rename.filter)' (\(rename.owner).\(rename.replacement) is the fraction)",
                        file: place.file, line: place.line, column: place.column)
                }
                return Diagnostic(
                    .warning,
                    "'\(use.attribute)' (\(rename.owner), in \(rename.unit)) is deprecated and goes in the next release; "
                        + "use '\(rename.replacement)', a fraction printed with '|\(rename.filter)' (no '/ 100')",
                    file: place.file, line: place.line, column: place.column)
            }
        }
    }
}

import Foundation
import Templating
import Workspace

/// `briefing check`: the workspace's data and every template, validated in one run.
package enum WorkspaceCheck {
    package struct Report: Sendable, Encodable {
        package let asOf: Day
        package let diagnostics: [Diagnostic]
        package var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        package var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

        enum CodingKeys: String, CodingKey { case asOf = "as_of", errors, warnings, diagnostics }

        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(errors, forKey: .errors)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(diagnostics, forKey: .diagnostics)
        }
    }

    /// Loads `root`, parses every template (the workspace's and the built-in defaults it does not
    /// override), reports placeholders left in `Data/`, and, when the data has no error, renders every
    /// template `weekly`, `report` and `publish` use against this period's real context, writing nothing.
    package static func run(root: URL, displayPrefix: String, asOf: Day?, toolVersion: String = "check") -> Report {
        let result = WorkspaceLoader(root: root, displayPrefix: displayPrefix).load(asOf: asOf)
        let library = TemplateLibrary(
            workspaceRoot: root, displayFolder: templatesDisplay(displayPrefix),
            limits: result.workspace?.config.limits.template ?? TemplateLimits())
        var diagnostics = result.diagnostics + PlaceholderScan.diagnostics(root: root, displayPrefix: displayPrefix)
        let parsed = templateDiagnostics(library)
        diagnostics += parsed
        if let workspace = result.workspace {
            diagnostics += VendorColorCheck.diagnostics(workspace, root: root, displayPrefix: displayPrefix)
        }
        if let workspace = result.workspace, !diagnostics.contains(where: { $0.severity == .error }) {
            let rendering = RenderCheck(workspace: workspace, root: root, asOf: result.asOf, toolVersion: toolVersion, library: library)
            diagnostics += rendering.diagnostics()
        }
        // After rendering, which runs only without an error so far: an old name piped into `pp`
        // is an error, and the render that shows its effect is worth seeing too.
        diagnostics += DeprecatedContextNames.diagnostics(library)
        return Report(asOf: result.asOf, diagnostics: diagnostics)
    }

    static func templatesDisplay(_ displayPrefix: String) -> String {
        displayPrefix.isEmpty ? "Templates" : displayPrefix + "/Templates"
    }

    /// Every `.md`, `.html`, `.txt` and `.xml` template the library resolves (the workspace's
    /// `Templates/` over the defaults), parsed and compiled, so an unknown filter or a syntax error
    /// shows before the weekly run.
    static func templateDiagnostics(_ library: TemplateLibrary) -> [Diagnostic] {
        let names = library.entries().map(\.name).filter { ["md", "html", "txt", "xml"].contains(($0 as NSString).pathExtension) }
        let environment = library.environment()
        return names.compactMap { name -> Diagnostic? in
            do {
                try environment.check(name: name)
                return nil
            } catch let error as TemplateError {
                return Diagnostic(error, fallbackFile: library.displayFolder + "/" + name)
            } catch {
                return Diagnostic(.error, "\(error)", file: library.displayFolder + "/" + name)
            }
        }
    }
}

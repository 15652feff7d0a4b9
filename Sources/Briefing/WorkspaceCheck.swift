import Foundation
import Templating
import Workspace

/// `briefing check`: the workspace's data and every template, validated in one run.
public enum WorkspaceCheck {
    public struct Report: Sendable, Encodable {
        public let asOf: Day
        public let diagnostics: [Diagnostic]
        public var errors: Int { diagnostics.filter { $0.severity == .error }.count }
        public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }

        enum CodingKeys: String, CodingKey { case asOf = "as_of", errors, warnings, diagnostics }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(errors, forKey: .errors)
            try container.encode(warnings, forKey: .warnings)
            try container.encode(diagnostics, forKey: .diagnostics)
        }
    }

    /// Loads `root` and parses every template under `root/Templates`.
    public static func run(root: URL, displayPrefix: String, asOf: Day?) -> Report {
        let result = WorkspaceLoader(root: root, displayPrefix: displayPrefix).load(asOf: asOf)
        let templates = templateDiagnostics(root: root, displayPrefix: displayPrefix)
        return Report(asOf: result.asOf, diagnostics: result.diagnostics + templates)
    }

    /// Every `.md`, `.html`, `.txt` and `.xml` file under `Templates/` (but the folder's README),
    /// parsed and compiled, so an unknown filter or a syntax error shows before the weekly run.
    static func templateDiagnostics(root: URL, displayPrefix: String) -> [Diagnostic] {
        let templatesFolder = root.appendingPathComponent("Templates")
        let display = displayPrefix.isEmpty ? "Templates" : displayPrefix + "/Templates"
        guard let enumerator = FileManager.default.enumerator(atPath: templatesFolder.path) else { return [] }
        let names = enumerator.compactMap { $0 as? String }
            .filter { ["md", "html", "txt", "xml"].contains(($0 as NSString).pathExtension) && $0 != "README.md" }
            .sorted()
        let environment = Environment(loader: FileSystemLoader(roots: [templatesFolder], displayRoots: [display]))
        BriefingFilters.register(in: environment)
        return names.compactMap { name -> Diagnostic? in
            do {
                try environment.check(name: name)
                return nil
            } catch let error as TemplateError {
                let location = error.location
                return Diagnostic(
                    .error, error.message, file: location?.path ?? "\(display)/\(name)", line: location?.line, column: location?.column)
            } catch {
                return Diagnostic(.error, "\(error)", file: "\(display)/\(name)")
            }
        }
    }
}

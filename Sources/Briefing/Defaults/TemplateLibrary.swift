import Foundation
import Templating
import Workspace

/// A workspace's templates: its own `Templates/` over the built-in defaults, file by file, as Hugo's
/// themes work. `weekly`, `report`, `publish` and `check` all load templates and assets through one
/// library, so `{% extends %}` and `{% include %}` resolve the same way everywhere: the workspace's
/// file when it has one, else the default of that name.
package struct TemplateLibrary: Sendable {
    /// Where a template comes from.
    package enum Origin: String, Sendable, Encodable {
        /// Only in the workspace's `Templates/` (a template of the team's own).
        case workspace
        /// The workspace's file replaces the default of the same name.
        case override
        /// The built-in default; the workspace has no file of that name.
        case builtIn = "built-in"
    }

    package struct Entry: Sendable, Equatable {
        package var name: String
        package var origin: Origin
        /// For an override: whether the workspace's file is byte for byte the default.
        package var sameAsBuiltIn: Bool
    }

    /// The workspace's `Templates/` folder (it may not exist).
    package let folder: URL
    /// How that folder appears in diagnostics (`Templates`, `ws/Templates`).
    package let displayFolder: String

    /// The bounds every render from this library runs under (`limits:` in `briefing.yaml`).
    package let limits: TemplateLimits

    package init(workspaceRoot: URL, displayFolder: String = "Templates", limits: TemplateLimits = TemplateLimits()) {
        self.init(folder: workspaceRoot.appendingPathComponent("Templates"), displayFolder: displayFolder, limits: limits)
    }

    /// A library over `folder` (a workspace's `Templates/`) and the defaults.
    package init(folder: URL, displayFolder: String = "Templates", limits: TemplateLimits = TemplateLimits()) {
        self.folder = folder
        self.displayFolder = displayFolder
        self.limits = limits
    }

    /// A template environment that loads from this library, with the briefing filters registered.
    package func environment() -> Environment {
        Self.environment(loader: OverlayTemplateLoader(workspace: FileSystemLoader(roots: [folder], displayRoots: [displayFolder])), limits: limits)
    }

    /// An environment over the named folders only (`briefing render --templates`), without the defaults.
    package static func environment(roots: [URL], displayRoots: [String]) -> Environment {
        environment(loader: FileSystemLoader(roots: roots, displayRoots: displayRoots), limits: .defaults)
    }

    /// The one template-environment set-up: every environment the product renders with has the
    /// briefing filters registered, and none is made elsewhere.
    private static func environment(loader: any TemplateLoader, limits: TemplateLimits) -> Environment {
        let environment = Environment(loader: loader, limits: limits)
        BriefingFilters.register(in: environment)
        return environment
    }

    /// The bytes of template or asset `name` (`assets/site.css`): the workspace's file, else the default.
    /// A name that leaves the folder, or a workspace file that links outside it, is refused.
    package func data(_ name: String) throws(TemplateError) -> Data {
        do {
            if let found = try FileSystemLoader(roots: [folder], displayRoots: [displayFolder]).load(name) {
                return Data(found.source.utf8)
            }
        } catch let error as TemplateError {
            throw error
        } catch {
            throw TemplateError(.refused, "cannot read template '\(name)': \(error)")
        }
        guard let data = BuiltinTemplates.data(name) else { throw TemplateError(.notFound, "template '\(name)' not found") }
        return data
    }

    /// Every template and asset name the library resolves, with where it comes from, sorted by name.
    /// The workspace's `Templates/README.md` and hidden files are not templates.
    package func entries() -> [Entry] {
        var entries: [String: Entry] = [:]
        for name in BuiltinTemplates.names {
            entries[name] = Entry(name: name, origin: .builtIn, sameAsBuiltIn: true)
        }
        for name in workspaceNames() {
            let own = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
            if let builtIn = BuiltinTemplates.data(name) {
                entries[name] = Entry(name: name, origin: .override, sameAsBuiltIn: own == builtIn)
            } else {
                entries[name] = Entry(name: name, origin: .workspace, sameAsBuiltIn: false)
            }
        }
        return entries.values.sorted { $0.name < $1.name }
    }

    /// Files under the workspace's `Templates/` (relative, `/`-separated), without hidden files,
    /// folders and the README.
    func workspaceNames() -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        var names: [String] = []
        for case let name as String in enumerator {
            guard name != "README.md", !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            names.append(name)
        }
        return names.sorted()
    }

    /// A hash of every template and asset whose name starts with one of `prefixes`, as resolved
    /// (names, origins and bytes): it changes when an override is added, edited or removed, and
    /// when the tool's defaults change.
    func fingerprint(prefixes: [String]) -> String {
        var text = ""
        for entry in entries() where prefixes.contains(where: { entry.name.hasPrefix($0) }) {
            let bytes = (try? data(entry.name)) ?? Data()
            text += entry.name + ":" + WorkspaceFiles.sha256(bytes) + "\n"
        }
        return WorkspaceFiles.sha256(Data(text.utf8))
    }
}

/// The workspace's files first, then the built-in defaults (shown as `<built-in>/NAME` in
/// diagnostics). The workspace loader also checks the name, so a refused name (`../x`, `/etc/x`)
/// never reaches the defaults.
struct OverlayTemplateLoader: TemplateLoader {
    let workspace: FileSystemLoader

    func load(_ name: String) throws -> (source: String, path: String)? {
        if let found = try workspace.load(name) { return found }
        guard let source = BuiltinTemplates.text(name) else { return nil }
        return (source, BuiltinTemplates.displayRoot + "/" + name)
    }
}

extension TemplateLibrary {
    /// Why `briefing templates copy` cannot copy these defaults into the workspace.
    package enum CopyProblem: Error, Sendable, Equatable, CustomStringConvertible, ProblemReporting {
        case unknown(name: String, suggestion: String?)
        case exists(path: String)
        case escapingLink(path: String, destination: String)

        package var problems: [Problem] {
            switch self {
            case .unknown(let name, let suggestion):
                if let suggestion { return [Problem(.data, "there is no built-in template '\(name)'; did you mean '\(suggestion)'?")] }
                return [Problem(.data, "there is no built-in template '\(name)'", hint: .listTemplates)]
            case .exists(let path):
                return [Problem(.data, "\(path) already exists", hint: .rerunWithForce("replace it with the built-in template"))]
            case .escapingLink(let path, let destination):
                return [Problem(.data, "\(path) is a symbolic link to \(destination), outside the workspace; templates copy does not write through it")]
            }
        }

        package var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// The files `briefing templates copy names…` writes: each default's path in the workspace
    /// (relative to the workspace root) and bytes. Every name is checked first; every problem is
    /// returned, and then nothing should be written.
    package func copies(of names: [String], workspaceRoot: URL, force: Bool) -> (files: [(path: String, data: Data)], problems: [CopyProblem]) {
        var files: [(path: String, data: Data)] = []
        var problems: [CopyProblem] = []
        for name in names {
            let normalized = name.hasPrefix("Templates/") ? String(name.dropFirst("Templates/".count)) : name
            guard let data = BuiltinTemplates.data(normalized) else {
                problems.append(.unknown(name: name, suggestion: Suggestion.closest(to: normalized, among: BuiltinTemplates.names)))
                continue
            }
            let path = "Templates/" + normalized
            if let link = Scaffold.escapingLink(under: workspaceRoot, path: path) {
                problems.append(.escapingLink(path: link.path.joined(separator: "/"), destination: link.destination))
                continue
            }
            var isDirectory: ObjCBool = false
            if !force, FileManager.default.fileExists(atPath: workspaceRoot.appendingPathComponent(path).path, isDirectory: &isDirectory)
                || (try? FileManager.default.destinationOfSymbolicLink(atPath: workspaceRoot.appendingPathComponent(path).path)) != nil
            {
                problems.append(.exists(path: path))
                continue
            }
            if !files.contains(where: { $0.path == path }) { files.append((path, data)) }
        }
        return (files, problems)
    }
}

import Foundation
import PackagePlugin

/// Embeds the repository's `Templates/` in the target that uses this plugin (`Briefing`), so the
/// built-in templates have one source, the folder itself, and a binary needs nothing next to it.
/// The command's inputs are every file in the folder, so editing, adding or removing a template
/// regenerates the embedded copy on the next build.
@main
struct EmbedTemplates: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: any Target) throws -> [Command] {
        let templates = context.package.directoryURL.appending(path: "Templates", directoryHint: .isDirectory)
        let output = context.pluginWorkDirectoryURL.appending(path: "BuiltinTemplates+Generated.swift")
        return [
            .buildCommand(
                displayName: "Embedding the built-in templates from Templates/",
                executable: try context.tool(named: "TemplateEmbedder").url,
                arguments: [templates.path, output.path],
                inputFiles: try files(under: templates),
                outputFiles: [output]
            )
        ]
    }

    /// Every file below `folder`, dot-files aside, so the build reruns the command when one changes.
    private func files(under folder: URL) throws -> [URL] {
        let keys: [URLResourceKey] = [.isDirectoryKey]
        guard
            let walker = FileManager.default.enumerator(
                at: folder, includingPropertiesForKeys: keys, options: [.skipsHiddenFiles])
        else { return [] }
        var found: [URL] = [folder]
        for case let url as URL in walker {
            found.append(url)
        }
        return found.sorted { $0.path < $1.path }
    }
}

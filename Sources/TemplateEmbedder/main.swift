import Foundation

/// Writes the Swift source that embeds the repository's `Templates/` in the `Briefing` target, run by
/// the `EmbedTemplates` build-tool plugin on every build whose templates changed. Every file under the
/// folder except `README.md` and dot-files is embedded byte for byte: UTF-8 text without carriage
/// returns as a raw string literal, anything else as base64. Names are sorted, so the output is
/// byte-identical for the same templates.
///
/// Usage: TemplateEmbedder TEMPLATES_DIR OUTPUT_FILE
let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    FileHandle.standardError.write(Data("usage: TemplateEmbedder TEMPLATES_DIR OUTPUT_FILE\n".utf8))
    exit(2)
}
let root = URL(fileURLWithPath: arguments[1], isDirectory: true)
let output = URL(fileURLWithPath: arguments[2])

/// Paths relative to `root`, with `/` separators, sorted by their UTF-8 bytes.
func embeddedNames(under root: URL) throws -> [String] {
    let rootPath = root.standardizedFileURL.path
    guard let walker = FileManager.default.enumerator(atPath: rootPath) else {
        throw EmbedError("cannot read \(rootPath)")
    }
    var names: [String] = []
    while let relative = walker.nextObject() as? String {
        let components = relative.split(separator: "/")
        if components.contains(where: { $0.hasPrefix(".") }) { continue }
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: rootPath + "/" + relative, isDirectory: &isFolder)
        if !exists || isFolder.boolValue || relative == "README.md" { continue }
        names.append(relative)
    }
    return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
}

/// The Swift literal for one file's bytes.
func literal(for data: Data) -> String {
    guard let text = String(data: data, encoding: .utf8), !text.contains("\r") else {
        return ".base64(\"\(data.base64EncodedString())\")"
    }
    var hashes = 1
    while text.contains("\"" + String(repeating: "#", count: hashes))
        || text.contains("\\" + String(repeating: "#", count: hashes))
    {
        hashes += 1
    }
    let delimiter = String(repeating: "#", count: hashes)
    // A multi-line literal ends before the line break that precedes its closing delimiter, and a
    // closing delimiter at column 0 strips no indentation: the string is `text`, byte for byte.
    return ".text(\(delimiter)\"\"\"\n\(text)\n\"\"\"\(delimiter))"
}

struct EmbedError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

do {
    var lines = [
        "// Generated at build time by the EmbedTemplates plugin from the repository's Templates/.",
        "",
        "extension BuiltinTemplates {",
        "    /// Every built-in template and asset by name (`weekly.md`, `site/layout.html`, `assets/site.css`).",
        "    static let embedded: [String: Embedded] = [",
    ]
    for name in try embeddedNames(under: root) {
        let data = try Data(contentsOf: root.appendingPathComponent(name))
        lines.append("        \"\(name)\": \(literal(for: data)),")
    }
    lines += ["    ]", "}", ""]
    let source = Data(lines.joined(separator: "\n").utf8)
    // Rewritten only when different, so an unchanged template set does not recompile the target.
    if (try? Data(contentsOf: output)) != source {
        try source.write(to: output, options: .atomic)
    }
} catch {
    FileHandle.standardError.write(Data("TemplateEmbedder: error: \(error)\n".utf8))
    exit(1)
}

import Foundation

/// The tool's default templates and assets: the repository's `Templates/`, embedded at build time
/// (`BuiltinTemplates+Generated.swift`, which the `EmbedTemplates` build-tool plugin writes from
/// `Templates/` on every build that changed them). A workspace's own
/// `Templates/NAME` overrides the default of the same name, file by file (``TemplateLibrary``).
package enum BuiltinTemplates {
    /// How built-in templates appear in diagnostics: `<built-in>/weekly.md:12:3`.
    package static let displayRoot = "<built-in>"

    /// One embedded file, as the generator wrote it.
    enum Embedded: Sendable {
        case text(String)
        case base64(String)

        var data: Data {
            switch self {
            case .text(let text): Data(text.utf8)
            case .base64(let encoded): Data(base64Encoded: encoded) ?? Data()
            }
        }
    }

    /// Every built-in name, sorted.
    package static var names: [String] { embedded.keys.sorted() }

    /// The bytes of the built-in `name`, or nil when there is no such default.
    package static func data(_ name: String) -> Data? { embedded[name]?.data }

    /// The text of the built-in `name` (templates are UTF-8), or nil.
    package static func text(_ name: String) -> String? {
        guard let entry = embedded[name] else { return nil }
        if case .text(let text) = entry { return text }
        return String(data: entry.data, encoding: .utf8)
    }
}

import Foundation
import TestSupport
import Testing
@testable import Templating

/// Templates load by relative name from their roots, and nothing outside a root can be read.
struct TemplateFolder {
    let root: URL

    init(_ files: [String: String]) throws {
        root = try TemporaryDirectory(prefix: "templates").url
        for (name, text) in files {
            let url = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
    }

    func environment() -> Environment {
        Environment(loader: FileSystemLoader(roots: [root], displayRoots: ["Templates"]))
    }
}

@Test func loadsByRelativeNameAndShowsTheDisplayPath() throws {
    let folder = try TemplateFolder(["weekly.md": "{% include 'partials/row.md' %}", "partials/row.md": "row {{ nope }}"])
    let error = try #require(throws: TemplateError.self) { try folder.environment().render(name: "weekly.md", context: [:]) }
    #expect(error.description == "Templates/partials/row.md:1:8: error: 'nope' is undefined\nTemplates/weekly.md:1:4: note: in template included or extended from here")
}

@Test(arguments: ["../secret.md", "/etc/passwd", "partials/../../secret.md", "a\\b.md"])
func refusesNamesOutsideTheRoot(_ name: String) throws {
    let folder = try TemplateFolder(["main.md": "{% include name %}"])
    try "secret".write(to: folder.root.deletingLastPathComponent().appendingPathComponent("secret.md"), atomically: true, encoding: .utf8)
    let error = try #require(throws: TemplateError.self) { try folder.environment().render(name: "main.md", context: ["name": .string(name)]) }
    #expect(error.kind == .refused)
    #expect(error.message.contains("not allowed"))
    #expect(error.location?.description == "Templates/main.md:1:4")
}

@Test func refusesSymlinksLeadingOutsideTheRoot() throws {
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).md")
    try "secret".write(to: outside, atomically: true, encoding: .utf8)
    let folder = try TemplateFolder(["main.md": "{% include 'link.md' %}"])
    try FileManager.default.createSymbolicLink(at: folder.root.appendingPathComponent("link.md"), withDestinationURL: outside)
    let error = try #require(throws: TemplateError.self) { try folder.environment().render(name: "main.md", context: [:]) }
    #expect(error.message.contains("outside the template root"))
    #expect(!error.description.contains("secret"))
}

@Test func aSymlinkedFolderLeadingOutsideIsRefusedAtTheLink() throws {
    let outside = try TemporaryDirectory(prefix: "outside").url
    try "{{ secret_value }}".write(to: outside.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
    let folder = try TemplateFolder(["main.md": "x"])
    try FileManager.default.createSymbolicLink(at: folder.root.appendingPathComponent("partials"), withDestinationURL: outside)
    let error = try #require(throws: TemplateError.self) { try folder.environment().render(name: "partials/page.md", context: [:]) }
    #expect(error.kind == .refused)
    #expect(error.location?.description == "Templates/partials/page.md:1:1")
    #expect(error.message.contains("leads outside the template root"))
    #expect(!error.description.contains("secret_value") && !error.description.contains(outside.path))
    #expect(throws: TemplateError.self) { try folder.environment().check(name: "partials/page.md") }
}

@Test func followsSymlinksThatStayInsideTheRoot() throws {
    let folder = try TemplateFolder(["main.md": "{% include 'alias.md' %}", "real.md": "real"])
    try FileManager.default.createSymbolicLink(
        at: folder.root.appendingPathComponent("alias.md"), withDestinationURL: folder.root.appendingPathComponent("real.md"))
    #expect(try folder.environment().render(name: "main.md", context: [:]) == "real")
}

@Test func aRootReachedThroughASymlinkLoadsItsOwnTemplatesOnly() throws {
    // The root's real path is resolved once; each template's is the kernel's path of the file
    // opened. Both sides resolve the link, so the root's own files load and a link out is refused.
    let folder = try TemplateFolder(["main.md": "{% include 'partials/row.md' %}", "partials/row.md": "row"])
    let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).md")
    try "secret".write(to: outside, atomically: true, encoding: .utf8)
    try FileManager.default.createSymbolicLink(at: folder.root.appendingPathComponent("out.md"), withDestinationURL: outside)
    let alias = try TemporaryDirectory(prefix: "alias").url.appendingPathComponent("Templates")
    try FileManager.default.createSymbolicLink(at: alias, withDestinationURL: folder.root)
    let environment = Environment(loader: FileSystemLoader(roots: [alias], displayRoots: ["Templates"]))
    #expect(try environment.render(name: "main.md", context: [:]) == "row")
    let error = try #require(throws: TemplateError.self) { try environment.render(name: "out.md", context: [:]) }
    #expect(error.message.contains("leads outside the template root"))
}

@Test func aFolderWhereATemplateIsExpectedIsNotReadable() throws {
    let folder = try TemplateFolder(["main.md": "{% include 'partials' %}", "partials/row.md": "row"])
    let error = try #require(throws: TemplateError.self) { try folder.environment().render(name: "main.md", context: [:]) }
    #expect(error.kind == .refused)
    #expect(error.message.hasPrefix("cannot read template 'partials': "))
}

@Test func laterRootsAreSearchedInOrder() throws {
    let first = try TemplateFolder(["a.md": "first {% include 'b.md' %}"])
    let second = try TemplateFolder(["a.md": "second", "b.md": "fallback"])
    let environment = Environment(loader: FileSystemLoader(roots: [first.root, second.root]))
    #expect(try environment.render(name: "a.md", context: [:]) == "first fallback")
}

@Test func ignoreMissingAndFirstFoundList() throws {
    let folder = try TemplateFolder([
        "main.md": "[{% include 'nope.md' ignore missing %}][{% include ['nope.md', 'yes.md'] %}]", "yes.md": "yes",
    ])
    #expect(try folder.environment().render(name: "main.md", context: [:]) == "[][yes]")
}

@Test func autoescapeFollowsEachTemplatesOwnName() throws {
    let folder = try TemplateFolder([
        "page.html": "<p>{{ s }}</p>{% include 'part.md' %}", "part.md": "{{ s }}",
    ])
    #expect(try folder.environment().render(name: "page.html", context: ["s": "<b>"]) == "<p>&lt;b&gt;</p><b>")
}

@Test func compiledTemplatesAreCachedByName() throws {
    let folder = try TemplateFolder(["main.md": "one"])
    let environment = folder.environment()
    #expect(try environment.render(name: "main.md", context: [:]) == "one")
    try "two".write(to: folder.root.appendingPathComponent("main.md"), atomically: true, encoding: .utf8)
    #expect(try environment.render(name: "main.md", context: [:]) == "one")
    #expect(try folder.environment().render(name: "main.md", context: [:]) == "two")
}

/// Compiled `include`, `extends` and macro code reaches the environment through the render state:
/// a template that captured it would keep its environment (and the cache holding the template)
/// alive for ever, and `serve`, which rebuilds the site (a new environment) on every change, would grow without end.
@Test func anEnvironmentIsFreedWithItsCompiledTemplates() throws {
    weak var released: Environment?
    func renderOnce() throws -> String {
        let environment = Environment(loader: DictionaryLoader([
            "base.md": "{% block body %}{% endblock %}",
            "part.md": "{{ x }}",
            "page.md": """
                {% extends "base.md" %}{% macro m(a) %}{{ a }}{% endmacro %}\
                {% block body %}{% include "part.md" %}{{ m(1) }}{% endblock %}
                """,
        ]))
        released = environment
        return try environment.render(name: "page.md", context: ["x": .string("x")])
    }
    #expect(try renderOnce() == "x1")
    #expect(released == nil)
}

import Foundation
import TestSupport
import Testing
@testable import Briefing

/// `briefing check` reports template cycles and hostile templates as located errors, without
/// rendering anything.
@Test func checkReportsTemplateCyclesAndNestingLimits() throws {
    let root = try TemporaryDirectory(prefix: "check-templates").url
    let templates = root.appendingPathComponent("Templates")
    try FileManager.default.createDirectory(at: templates.appendingPathComponent("partials"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: root) }
    let files = [
        "monthly.html": "{% extends 'frame.html' %}",
        "frame.html": "<main>{% block body %}{% include 'partials/nav.html' %}{% endblock %}</main>",
        "partials/nav.html": "{% extends 'monthly.html' %}",
        "sum.md": "{{ 1" + String(repeating: " + 1", count: 15_000) + " }}",
        "fine.md": "{% if depth %}{% include 'fine.md' %}{% endif %}",
    ]
    for (name, text) in files { try text.write(to: templates.appendingPathComponent(name), atomically: true, encoding: .utf8) }
    let diagnostics = WorkspaceCheck.templateDiagnostics(TemplateLibrary(workspaceRoot: root))
    #expect(diagnostics.map(\.description).sorted() == [
        "Templates/frame.html:1:26: error: template cycle: frame.html → partials/nav.html → monthly.html → frame.html",
        "Templates/monthly.html:1:4: error: template cycle: monthly.html → frame.html → partials/nav.html → monthly.html",
        "Templates/partials/nav.html:1:4: error: template cycle: partials/nav.html → monthly.html → frame.html → partials/nav.html",
        "Templates/sum.md:1:802: error: expression nested too deeply: more than 200 levels (the nesting depth limit)",
    ])
}

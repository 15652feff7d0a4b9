import Foundation
import TestSupport
import Testing
@testable import BriefingCLI

/// `briefing render`: any template with any data, run as analysts run it.
@Suite("briefing render")
struct RenderCommandTests {
    /// A workspace with a table template, a partial and a YAML data file.
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("title: Test\n", to: "briefing.yaml")
        try directory.write("""
            # Week {{ week }}, {{ year }}

            | Vendor | Share |
            |---|--:|
            {% for v in vendors %}
            {% include "partials/row.md" %}
            {% endfor %}

            """, to: "Templates/weekly.md")
        try directory.write("| {{ v.name|cell }} | {{ v.share|percent }} |\n", to: "Templates/partials/row.md")
        try directory.write("vendors:\n  - name: Nvidia\n    share: 0.8\n  - name: \"*AMD* | x\"\n    share: 0.1\nyear: 2025\nweek: 1\n", to: "data.yaml")
        try directory.write(#"{"year": 2026}"#, to: "later.json")
        return directory
    }

    @Test func rendersWithDataFilesAndSetOverrides() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["render", "weekly.md", "--data", "data.yaml", "--data", "later.json", "--set", "week=48"], in: directory.url)
        #expect(result.stderr == "")
        #expect(result.status == 0)
        #expect(result.stdout == "# Week 48, 2026\n\n| Vendor | Share |\n|---|--:|\n| Nvidia | 80.0% |\n| \\*AMD\\* \\| x | 10.0% |\n")
    }

    @Test func findsTheWorkspaceFromASubfolder() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let sub = try directory.makeDirectory("Reports/2026-W48")
        let result = try BriefingProcess.run(["render", "weekly.md", "--data", "../../data.yaml"], in: sub)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Week 1, 2025"))
    }

    @Test func templateErrorsAreLocatedWithTheIncludeChain() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try directory.write("| {{ v.nme }} |\n", to: "Templates/partials/row.md")
        let result = try BriefingProcess.run(["render", "weekly.md", "--data", "data.yaml"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == """
            Templates/partials/row.md:1:8: error: 'v' has no attribute 'nme'; did you mean 'name'?
            Templates/weekly.md:6:4: note: in template included or extended from here

            """)
    }

    @Test(arguments: [
        (["render", "weekly.md", "--data", "nope.yaml"], "briefing: error: cannot read 'nope.yaml': No such file or directory\n"),
        (["render", "nope.md"], "briefing: error: template 'nope.md' not found\n"),
        (["render", "../briefing.yaml"],
         "briefing: error: template name '../briefing.yaml' is not allowed: names are relative paths inside the template root\n"),
        (["render", "weekly.md", "--data", "bad.yaml"], "bad.yaml:2:1: error: did not find expected node content\n"),
        (["render", "weekly.md", "--templates", "missing"], "briefing: error: cannot read 'missing': not a template folder\n"),
    ])
    func failuresExitOneWithAClearMessage(_ arguments: [String], _ expected: String) throws {
        let directory = try workspace()
        defer { directory.remove() }
        try directory.write("a: [1,\n", to: "bad.yaml")
        let result = try BriefingProcess.run(arguments, in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == expected)
    }

    @Test func badSetIsAUsageError() {
        let refused = ArgumentErrors.message(["render", "weekly.md", "--set", "novalue"])
        #expect(refused?.hasPrefix("--set expects key=value, got 'novalue'") == true, "\(refused ?? "parsed")")
    }

    @Test func htmlTemplatesAreAutoescapedFromAnyRoot() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try directory.write("<p>{{ name }}</p>{{ name|safe }}", to: "other/page.html")
        let result = try BriefingProcess.run(["render", "page.html", "--templates", "other", "--set", "name=<b>"], in: directory.url)
        #expect(result.status == 0)
        #expect(result.stdout == "<p>&lt;b&gt;</p><b>")
    }
}

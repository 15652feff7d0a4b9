import Foundation
import TestSupport
import Testing

/// A vendor's `params:`, the team's own front-matter fields, on a workspace made by `briefing init`
/// (a small example market, unlike the bundled one): shown by the team's templates in the vendor
/// report (`vendor.params.NAME`) and on the site's vendor page (`params.NAME`) with no code change,
/// listed in name order; a bad name or a nested value is a located error.
@Suite("Vendor params: the team's own fields on pages")
struct VendorParamsTests {
    static let asOf = "2026-11-27"

    /// A fresh workspace whose example merchant vendor has `params` (`extra` is written after them).
    private func workspace(params: String) throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let root = directory.url.appendingPathComponent("ws")
        let vendorFile = root.appendingPathComponent("Data/vendors/example-merchant.md")
        var text = try String(contentsOf: vendorFile, encoding: .utf8)
        let marker = "id: example-merchant\n"
        #expect(text.contains(marker))
        text = text.replacingOccurrences(of: marker, with: marker + params)
        try Data(text.utf8).write(to: vendorFile)
        return (directory, root)
    }

    @Test func paramsShowInTheVendorReportAndOnTheSiteInNameOrder() throws {
        let (directory, root) = try workspace(params: """
            params:
              headquarters: "Santa Clara, CA"
              founded: 1993
              analyst: J. Doe

            """)
        defer { directory.remove() }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Templates/site"), withIntermediateDirectories: true)
        try Data("""
            # {{ vendor.name }}
            Headquarters: {{ vendor.params.headquarters|default('—') }}
            {% for name, value in vendor.params.items() %}{{ name }}={{ value }};{% endfor %}

            """.utf8).write(to: root.appendingPathComponent("Templates/vendor.md"))
        try Data("""
            {% extends "site/layout.html" %}{% block content %}<h1>{{ name }}</h1>
            <p class="hq">HQ {{ params.headquarters|default('unknown') }}</p>{% endblock %}

            """.utf8).write(to: root.appendingPathComponent("Templates/site/vendor.html"))

        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 0, "\(check.stderr)")
        let custom = try BriefingProcess.run(["report", "vendor", "example-custom", "--as-of", Self.asOf], in: root)
        #expect(custom.stdout.contains("Headquarters: —\n"), "a vendor without the field: \(custom.stderr)")
        let report = try BriefingProcess.run(["report", "vendor", "example-merchant", "--as-of", Self.asOf], in: root)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("Headquarters: Santa Clara, CA\n"))
        #expect(report.stdout.contains("analyst=J. Doe;founded=1993;headquarters=Santa Clara, CA;"))

        let weekly = try BriefingProcess.run(["weekly", "--as-of", Self.asOf], in: root)
        #expect(weekly.status == 0, "\(weekly.stderr)")
        let publish = try BriefingProcess.run(
            ["publish", "--to", "site", "--base-url", "https://example.test/", "--no-search", "--as-of", Self.asOf], in: root)
        #expect(publish.status == 0, "\(publish.stderr)")
        let merchant = try String(contentsOf: root.appendingPathComponent("site/vendors/example-merchant.html"), encoding: .utf8)
        #expect(merchant.contains("<p class=\"hq\">HQ Santa Clara, CA</p>"))
        let customPage = try String(contentsOf: root.appendingPathComponent("site/vendors/example-custom.html"), encoding: .utf8)
        #expect(customPage.contains("<p class=\"hq\">HQ unknown</p>"))
    }

    @Test func aBadNameOrANestedValueIsALocatedError() throws {
        let (directory, root) = try workspace(params: """
            params:
              Head-Quarters: Santa Clara
              offices: [Austin, Haifa]

            """)
        defer { directory.remove() }
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 1)
        let lines = check.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains {
            $0.hasPrefix("Data/vendors/example-merchant.md:4:3: error: param name 'Head-Quarters' must be lowercase letters, digits and underscores")
        }, "\(check.stderr)")
        #expect(lines.contains("Data/vendors/example-merchant.md:5:12: error: param 'offices' must be text or a number, got a list"), "\(check.stderr)")
    }
}

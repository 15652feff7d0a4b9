import Foundation
import MarkdownHTML
import TestSupport
import Testing

/// `briefing project --format markdown` prints names as text: whatever a market, scenario or
/// vendor is called, the Markdown renders to that name, never to markup or a link.
@Suite("briefing project --format markdown escapes names")
struct ProjectMarkdownEscapingTests {
    static let marketName = "Pipes | `ticks` <b>bold</b> [link](https://evil.example) www.evil.example"
    static let scenarioNames = ["Bull * _x_ sales@evil.example", "Bear ![img](x.png) http://evil.example"]
    static let vendorNames = ["Acme | <i>Corp</i>", "Beta `x` ir@beta.example", "Gamma [g](javascript:alert(1))", "Delta ftp://delta.example"]

    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        func quoted(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        try directory.write("title: Optics Monthly\nteam: Desk\ncadence: monthly\n", to: "briefing.yaml")
        try directory.write("""
            - id: est
              publisher: Desk
              title: Estimates
              date: 2026-01-01
              url: https://desk.example/est
              kind: estimate
            """, to: "Data/sources.yaml")
        try directory.write("""
            id: optics
            name: \(quoted(Self.marketName))
            definition: Optical parts.
            unit: billions
            currency: EUR
            base_year: 2025
            vendors: [v1, v2, v3, v4]
            history: {file: optics.csv, values: share}
            sources: {total: est, vendors: est}
            """, to: "Data/markets/optics.yaml")
        try directory.write("year,total,v1,v2,v3,v4\n2024,10,40,30,20,10\n2025,14,38,30,20,12\n", to: "Data/markets/optics.csv")
        for (index, name) in Self.vendorNames.enumerated() {
            try directory.write("""
                ---
                id: v\(index + 1)
                name: \(quoted(name))
                kind: merchant
                color: "#22\(index)4AA"
                stance: neutral
                updated: 2026-09-01
                ---
                ## Thesis
                t
                ## Catalysts
                c
                ## Risks
                r
                """, to: "Data/vendors/v\(index + 1).md")
        }
        for (index, name) in Self.scenarioNames.enumerated() {
            try directory.write("""
                id: s\(index + 1)
                name: \(quoted(name))
                story: S
                market: optics
                probability: 0.5
                horizon: 2028
                growth: {cagr: \(index == 0 ? "0.3" : "0.05")}
                shares: {v1: \(index == 0 ? 30 : 45), v2: 30, v3: 20, v4: \(index == 0 ? 20 : 5)}
                uncertainty: {cagr_sigma: 0.05, share_log_sigma: 0.1}
                rationale: R
                sources: [est]
                """, to: "Data/scenarios/s\(index + 1).yaml")
        }
        return directory
    }

    @Test func namesRenderAsText() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try BriefingProcess.run(
            ["project", "--as-of", "2026-10-15", "--format", "markdown", "--all", "--monte-carlo", "--paths", "200", "--sensitivity"],
            in: directory.url)
        try #require(result.status == 0, "\(result.stderr)")
        let html = MarkdownRenderer(options: []).render(result.stdout).html
        #expect(!html.contains("<a "), "\(html)")
        for tag in ["<b>", "<i>", "<code>", "<em>", "<strong>", "<img"] {
            #expect(!html.contains(tag), "\(tag) in \(html)")
        }
        let text = html.replacingOccurrences(of: "\u{2060}", with: "")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
        // Headings keep the names whole, on one line.
        #expect(text.contains("<h2>\(Self.marketName) — \(Self.scenarioNames[0]) (p = 0.5): market size (EUR billions) and shares</h2>"), "\(text)")
        #expect(text.contains("<h2>\(Self.scenarioNames[1]) (p = 0.5): market size, Monte Carlo"), "\(text)")
        // Vendor names in the sensitivity rows stay in their cells.
        for name in Self.vendorNames where text.contains(name) {
            #expect(Self.scenarioNames.contains { text.contains("<td align=\"left\">\($0): \(name) target") }, "\(name)")
        }
        #expect(Self.vendorNames.contains { text.contains($0) }, "no vendor name in the sensitivity tables: \(text)")
    }
}

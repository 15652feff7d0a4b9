import Foundation
import TestSupport
import Testing
@testable import BriefingCLI

/// `briefing project` on a small workspace whose figures are easy to check by hand.
@Suite("briefing project")
struct ProjectCommandTests {
    private func workspace() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try directory.write("title: T\nteam: R\ndefaults:\n  monte_carlo:\n    paths: 400\n    seed: 7\n", to: "briefing.yaml")
        try directory.write("""
            - id: est
              publisher: P
              title: T
              date: 2025-01-01
              url: https://example.com/a
              kind: estimate
            """, to: "Data/sources.yaml")
        try directory.write("""
            id: m
            name: Market
            definition: D
            unit: billions
            currency: USD
            base_year: 2025
            vendors: [a, b]
            history: {file: m.csv, values: share}
            sources: {total: est, vendors: est}
            """, to: "Data/markets/m.yaml")
        try directory.write("year,total,a,b\n2024,50,90,10\n2025,100,80,20\n", to: "Data/markets/m.csv")
        for id in ["a", "b"] {
            try directory.write("""
                ---
                id: \(id)
                name: \(id.uppercased())
                kind: merchant
                color: "#112233"
                stance: neutral
                updated: 2026-11-01
                ---
                ## Thesis
                t
                ## Catalysts
                c
                ## Risks
                r
                """, to: "Data/vendors/\(id).md")
        }
        try directory.write("""
            id: up
            name: Up
            story: S
            market: m
            probability: 0.25
            horizon: 2027
            growth: {by_year: {2026: 0.5}, cagr: 0.1}
            shares: {a: 60, b: 40}
            uncertainty: {cagr_sigma: 0.05, share_log_sigma: 0.1}
            rationale: R
            sources: [est]
            """, to: "Data/scenarios/up.yaml")
        try directory.write("""
            id: flat
            name: Flat
            story: S
            market: m
            probability: 0.75
            horizon: 2027
            growth: {cagr: 0}
            shares: {a: 80, b: 20}
            rationale: R
            sources: [est]
            """, to: "Data/scenarios/flat.yaml")
        return directory
    }

    @Test func csvHasTheDocumentedHeaderAndHandCheckedFigures() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["project", "--as-of", "2026-11-27", "--format", "csv", "--all", "--years", "2027"], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "market,scenario,year,vendor,metric,value")
        // up: 100 → 150 → 165; shares 0.8 → 0.6 linearly. flat: 100. weighted: 0.25·165 + 0.75·100.
        #expect(lines.contains("m,up,2027,,market_size,\(150 * 1.1)"))
        #expect(lines.contains("m,up,2027,a,share,0.6"))
        #expect(lines.contains("m,flat,2027,,market_size,100.0"))
        #expect(lines.contains("m,weighted,2027,,market_size,\(0.25 * (150 * 1.1) + 0.75 * 100)"))
        #expect(lines.contains("m,weighted,2027,a,rank,1"))
        #expect(lines.count == 1 + 3 * 7)
    }

    @Test func outputIsByteIdenticalOnRerunWithMonteCarlo() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let arguments = ["project", "--as-of", "2026-11-27", "--format", "json", "--all", "--monte-carlo", "--sensitivity"]
        let first = try BriefingProcess.run(arguments, in: directory.url)
        let second = try BriefingProcess.run(arguments, in: directory.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == second.stdout)
        let json = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
        #expect(json["schema"] as? String == "briefing.projections/1")
        let monteCarlo = json["monte_carlo"] as! [String: Any]
        #expect(monteCarlo["allocation"] as? [String: Int] == ["up": 100, "flat": 300])
        #expect(monteCarlo["seed"] as? Int == 7)
        let files = (json["inputs"] as! [String: Any])["files"] as! [String: String]
        #expect(files.keys.sorted() == ["Data/markets/m.csv", "Data/markets/m.yaml", "Data/scenarios/flat.yaml", "Data/scenarios/up.yaml", "briefing.yaml"])
        #expect(files.values.allSatisfy { $0.count == 64 })
    }

    /// A run whose smallest working set exceeds --memory-limit is refused before it starts, with the
    /// estimate and the largest --paths that fits; a run that fits gives the same figures as without
    /// a limit (a small limit only splits the work into blocks).
    @Test func memoryLimitRefusesWithTheEstimateAndKeepsFiguresWhenItFits() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let base = ["project", "--as-of", "2026-11-27", "--format", "json", "--all"]
        let refused = try BriefingProcess.run(base + ["--paths", "10000000", "--memory-limit", "100"], in: directory.url)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.hasPrefix("briefing: error: Monte Carlo with 10000000 paths needs at least "))
        #expect(refused.stderr.contains("more than --memory-limit 100 MiB; at most "))
        let unlimited = try BriefingProcess.run(base + ["--paths", "3000"], in: directory.url)
        let limited = try BriefingProcess.run(base + ["--paths", "3000", "--memory-limit", "1"], in: directory.url)
        #expect(unlimited.status == 0, "\(unlimited.stderr)")
        #expect(limited.status == 0, "\(limited.stderr)")
        #expect(limited.stdout == unlimited.stdout)
    }

    @Test(arguments: [
        (["project", "--scenario", "nope"], "briefing: error: unknown scenario 'nope' for market 'm'; valid: flat, up\n"),
        (["project", "--vendor", "c"], "briefing: error: unknown vendor 'c' for market 'm'; valid: a, b\n"),
        (["project", "--market", "x"], "briefing: error: unknown market 'x'; valid: all, m\n"),
    ])
    func unknownIdsListTheValidOnes(_ arguments: [String], _ expected: String) throws {
        let directory = try workspace()
        defer { directory.remove() }
        let result = try BriefingProcess.run(arguments + ["--as-of", "2026-11-27"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == expected)
    }

    @Test func anInvalidWorkspacePrintsItsDiagnostics() throws {
        let directory = try workspace()
        defer { directory.remove() }
        try directory.write("id: flat\nname: Flat\nstory: S\nmarket: m\nprobability: 0.5\ngrowth: {cagr: 0}\nshares: {a: 80, b: 20}\nrationale: R\n", to: "Data/scenarios/flat.yaml")
        let result = try BriefingProcess.run(["project", "--as-of", "2026-11-27"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Data/scenarios/flat.yaml:5:14: error: scenario probabilities for market 'm' sum to 0.75"))
        #expect(result.stderr.hasSuffix("briefing: error: the workspace has 1 error(s); run briefing check\n"))
    }

    @Test func tableAndMarkdownFormatMoneyAndShares() throws {
        let directory = try workspace()
        defer { directory.remove() }
        let table = try BriefingProcess.run(["project", "--as-of", "2026-11-27"], in: directory.url)
        #expect(table.stdout.contains("2027  $116.2B  72.9%  27.1%"))
        #expect(!table.stdout.contains("\u{1B}["))
        let markdown = try BriefingProcess.run(["project", "--as-of", "2026-11-27", "--format", "markdown"], in: directory.url)
        #expect(markdown.stdout.contains("| Year | Market | a | b |\n|:--|--:|--:|--:|\n| 2025 | $100.0B | 80.0% | 20.0% |"))
    }
}

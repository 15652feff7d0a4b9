import Foundation
import TestSupport
import Testing

/// `briefing check` on a workspace made by `briefing init` (one small example market, unlike the
/// bundled workspace) whose own `Templates/weekly.md` feeds percentage points to `pp`: the old
/// points name piped into `pp` and a computed points value are located errors, the old name read
/// elsewhere a located warning naming its replacement; the same template written with the
/// fraction names passes.
@Suite("briefing check and the units of template values")
struct UnitsCheckTests {
    static let asOf = "2026-11-27"

    private func workspace(weekly: String) throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let root = directory.url.appendingPathComponent("ws")
        try Data(weekly.utf8).write(to: root.appendingPathComponent("Templates/weekly.md"))
        return (directory, root)
    }

    @Test func pointsPipedIntoPPAreLocatedErrors() throws {
        let (directory, root) = try workspace(weekly: """
            # {{ briefing.title }}
            {% for market in markets %}{% for vendor in market.vendors %}
            - {{ vendor.name }}: {{ vendor.share_change_pp|pp if vendor.share_change_pp is not none else '—' }}
              share of revenue {{ (vendor.share * 100)|pp }}
            {% endfor %}{% endfor %}

            """)
        defer { directory.remove() }
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 1)
        let lines = check.stderr.split(separator: "\n").map(String.init)
        // Rendering: the first vendor's share, in points, reaches `pp` on line 4.
        #expect(lines.contains { $0.hasPrefix("Templates/weekly.md:4:44: error: pp: expects a difference of fractions (0.012 prints +1.2 pp), got ") })
        // Reading the template: the old name straight into `pp`, and read again in the test.
        #expect(lines.contains(
            "Templates/weekly.md:3:32: error: 'share_change_pp' is in percentage points but 'pp' expects a fraction, so this prints a "
                + "figure 100 times too large; use 'share_change|pp' (market.vendors[].share_change is the fraction)"))
        #expect(lines.contains(
            "Templates/weekly.md:3:61: warning: 'share_change_pp' (market.vendors[], in percentage points) is deprecated and goes in "
                + "the next release; use 'share_change', a fraction printed with '|pp' (no '/ 100')"))
        #expect(lines.last == "briefing: checked as of 2026-11-27: 2 errors, 1 warning")
    }

    @Test func theOldNameDividedBy100StillRendersWithAWarning() throws {
        let (directory, root) = try workspace(weekly: """
            {% for market in markets %}{% for vendor in market.vendors %}
            - {{ vendor.name }}: {{ (vendor.share_change_pp / 100)|pp if vendor.share_change_pp is not none else '—' }}
            {% endfor %}{% endfor %}

            """)
        defer { directory.remove() }
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr.contains("Templates/weekly.md:2:33: warning: 'share_change_pp' (market.vendors[], in percentage points) is deprecated"))
        #expect(check.stderr.hasSuffix("briefing: checked as of 2026-11-27: 0 errors, 2 warnings\n"))
    }

    @Test func fractionNamesPass() throws {
        let (directory, root) = try workspace(weekly: """
            {% for market in markets %}{% for vendor in market.vendors %}
            - {{ vendor.name }}: {{ vendor.share|percent }} ({{ vendor.share_change|pp if vendor.share_change is not none else 'new' }})
            {% endfor %}{% for scenario in market.scenarios %}
            - {{ scenario.name }}: {{ scenario.probability|percent(0) }}{% if scenario.probability_change %} ({{ scenario.probability_change|pp(0) }}){% endif %}
            {% endfor %}{% endfor %}

            """)
        defer { directory.remove() }
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "briefing: checked as of 2026-11-27: 0 errors, 0 warnings\n")
    }
}

import Foundation
import TestSupport
import Testing
@testable import Briefing

/// The context names that held points or percent, read anywhere in a workspace's own templates:
/// a located warning naming the replacement at each read, an error where one goes straight into a
/// filter that expects a fraction. Templates that do not use them, the built-in ones included,
/// give nothing.
@Test func oldPointsAndPercentNamesAreFlaggedWhereTheyAreRead() throws {
    let root = try TemporaryDirectory(prefix: "deprecated-names").url
    defer { try? FileManager.default.removeItem(at: root) }
    let templates = root.appendingPathComponent("Templates")
    try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
    try """
        {{ settings.thresholds.share_pp }} pp and {{ settings.thresholds.market_size_pct|percent }}
        {% for m in markets %}{% for s in m.scenarios %}{{ (s.probability_change_pp or 0) / 100 }}{% endfor %}{% endfor %}
        {% set t = settings.share_tolerance_pp %}{{ t }}

        """.write(to: templates.appendingPathComponent("methodology.md"), atomically: true, encoding: .utf8)
    let diagnostics = DeprecatedContextNames.diagnostics(TemplateLibrary(workspaceRoot: root))
    #expect(diagnostics.map(\.description) == [
        "Templates/methodology.md:1:24: warning: 'share_pp' (settings.thresholds, in percentage points) is deprecated and goes in the "
            + "next release; use 'share_change', a fraction printed with '|pp(sign=false)' (no '/ 100')",
        "Templates/methodology.md:1:66: error: 'market_size_pct' is in percent but 'percent' expects a fraction, so this prints a "
            + "figure 100 times too large; use 'market_size_change|percent' (settings.thresholds.market_size_change is the fraction)",
        "Templates/methodology.md:2:55: warning: 'probability_change_pp' (market.scenarios[], in percentage points) is deprecated and "
            + "goes in the next release; use 'probability_change', a fraction printed with '|pp' (no '/ 100')",
        "Templates/methodology.md:3:21: warning: 'share_tolerance_pp' (settings, in percentage points) is deprecated and goes in the "
            + "next release; use 'share_tolerance', a fraction printed with '|pp(sign=false)' (no '/ 100')",
    ])
}

/// The shipped templates use the fraction names only.
@Test func builtInTemplatesUseNoDeprecatedName() throws {
    let root = try TemporaryDirectory(prefix: "no-overrides").url
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(DeprecatedContextNames.diagnostics(TemplateLibrary(workspaceRoot: root)).isEmpty)
}

import Templating
import Testing
@testable import Briefing

/// The unit filters' scale rules (docs/templates.md, "Units"): fractions within the bounds
/// format; values that can only be in points or percent already are located errors.
@Test(arguments: [
    ("{{ 0.05|pp(0) }}", "+5 pp"), ("{{ -0.007|pp }}", "\u{2212}0.7 pp"), ("{{ 1|pp }}", "+100.0 pp"), ("{{ -1.0|pp }}", "\u{2212}100.0 pp"),
    ("{{ 0.005|pp(sign=false) }}", "0.5 pp"), ("{{ 0.05|pp(sign=false) }}", "5.0 pp"), ("{{ -0.004|pp(sign=false) }}", "\u{2212}0.4 pp"),
    ("{{ 0.004|pp(1, sign=true) }}", "+0.4 pp"), ("{{ 0.18|percent(0, sign=true) }}", "+18%"), ("{{ -0.05|percent(0, sign=true) }}", "\u{2212}5%"),
    ("{{ 0.0001|percent(0, sign=true) }}", "0%"), ("{{ 0.02|percent }}", "2.0%"), ("{{ 2.5|percent(0) }}", "250%"),
    ("{{ 10|percent(0) }}", "1000%"), ("{{ -10|percent(0) }}", "\u{2212}1000%"), ("{{ 0.2|percent(sign=false) }}", "20.0%"),
    ("{{ 1e6|money }}", "$1000000.0B"), ("{{ -0.001|money(digits=3) }}", "\u{2212}$0.001B"),
])
func unitFilterAcceptsFractions(_ template: String, _ expected: String) throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    #expect(try environment.render(string: template, context: [:]) == expected)
}

/// A points value into `pp`, a percent value into `percent`, and no amount at all into `money`:
/// each fails where the filter is written, saying what the value looks like.
@Test(arguments: [
    ("{{ v.share_change_pp|pp }}", ["v": ["share_change_pp": -69.8]] as [String: Value], 1, 22, "already in percentage points"),
    ("\n  {{ x|pp(0) }}", ["x": 1.02], 2, 8, "cannot move by more than 100 points"),
    ("{{ x|pp }}", ["x": -5], 1, 6, "got -5, which would print \u{2212}500.0 pp"),
    ("{{ share|percent }}", ["share": 63.1], 1, 10, "got 63.1, which would print 6310.0%: a value above 10 (1,000%) is already in percent"),
    ("{{ x|percent(0, sign=true) }}", ["x": -25], 1, 6, "already in percent"),
    ("{{ x|money }}", ["x": .double(.infinity)], 1, 6, "expects an amount in the market's unit, got inf"),
    ("{{ x|pp }}", ["x": .double(.nan)], 1, 6, "got nan"),
    ("{{ x|pp(sign='yes') }}", ["x": 0.1], 1, 6, "'sign' must be true or false"),
])
func unitFilterRefusesValuesInTheWrongUnit(_ template: String, _ context: [String: Value], _ line: Int, _ column: Int, _ message: String) throws {
    let environment = Environment()
    BriefingFilters.register(in: environment)
    let error = try #require(throws: TemplateError.self) { try environment.render(string: template, context: context) }
    #expect(error.location?.line == line)
    #expect(error.location?.column == column)
    #expect(error.message.contains(message), "\(error.message)")
}

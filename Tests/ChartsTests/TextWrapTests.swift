import Testing
@testable import Charts

struct WrapCase: CustomTestStringConvertible, Sendable {
    var text: String
    /// Characters per line at the test's font size.
    var capacity: Int
    var maxLines: Int
    var expected: [String]
    var testDescription: String { "\(text) in \(maxLines)×\(capacity)" }
}

/// Labels wrap at spaces first; when they still do not fit, words are cut and figures kept.
@Test(arguments: [
    WrapCase(text: "Nvidia", capacity: 20, maxLines: 2, expected: ["Nvidia"]),
    WrapCase(text: "Other custom silicon", capacity: 12, maxLines: 2, expected: ["Other custom", "silicon"]),
    WrapCase(
        text: "Co-packaged optics arrives early: CAGR 16.0% → 20.0%", capacity: 28, maxLines: 2,
        expected: ["Co-packaged optics arrives", "early: CAGR 16.0% → 20.0%"]),
    // When the words fit on the first line, the figures get the second to themselves.
    WrapCase(
        text: "Hyperscaler silicon goes merchant: CAGR 12.0% → 24.0%", capacity: 40, maxLines: 2,
        expected: ["Hyperscaler silicon goes merchant:", "CAGR 12.0% → 24.0%"]),
    WrapCase(text: "Nvidia holds: CAGR 10.0% → 16.0%", capacity: 40, maxLines: 2, expected: ["Nvidia holds: CAGR 10.0% → 16.0%"]),
    WrapCase(
        text: "Co-packaged optics arrives early: CAGR 16.0% → 20.0%", capacity: 22, maxLines: 2,
        expected: ["Co-packaged optics a…:", "CAGR 16.0% → 20.0%"]),
    WrapCase(
        text: "Co-packaged optics arrives early: CAGR 16.0% → 20.0%", capacity: 30, maxLines: 1,
        expected: ["Co-packag…: CAGR 16.0% → 20.0%"]),
    WrapCase(text: "Nvidia target 40.0% → 45.0%", capacity: 20, maxLines: 1, expected: ["Nvidi… 40.0% → 45.0%"]),
    WrapCase(text: "A very long name without figures at all", capacity: 12, maxLines: 2, expected: ["A very long", "name withou…"]),
    // Figures that cannot fit even alone are cut at the end like any text.
    WrapCase(text: "Base: 16.0% → 20.0% → 24.0%", capacity: 8, maxLines: 1, expected: ["Base: 1…"]),
])
func labelsWrapAndKeepTheirFigures(_ wrap: WrapCase) {
    let font = 10.0
    let width = Double(wrap.capacity) * font * TextMetrics.emPerCharacter
    let lines = TextMetrics.wrap(wrap.text, width: width, fontSize: font, maxLines: wrap.maxLines)
    #expect(lines == wrap.expected)
    #expect(lines.allSatisfy { $0.count <= wrap.capacity })
}

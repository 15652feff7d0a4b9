import Foundation
import Testing
@testable import Briefing

/// The screen's findings (messages, line:column, order, where scanning stops) for every input of
/// ``SVGScreeningCorpus``, against `Fixtures/svg-screening/findings.golden`: one line per input, its
/// hash then its findings. Recorded from the screen as it was before it was rewritten for speed, so
/// any change in what it reports shows up here; re-record with
///
///     RECORD_GOLDEN=1 swift test --filter SVGScreeningGolden
///
/// only when a change in the findings is intended, and read the diff.
@Suite("SVG screening golden")
struct SVGScreeningGoldenTests {
    static let golden = SVGScreeningCorpus.folder.appendingPathComponent("findings.golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    @Test("Every corpus input gives the recorded findings")
    func findingsMatchTheGolden() throws {
        let inputs = try SVGScreeningCorpus.inputs(recording: Self.recording)
        let actual = inputs.map { SVGScreeningCorpus.line($0, SVGSanitizer.findings(in: $0)) }
        if Self.recording {
            try Data((actual.joined(separator: "\n") + "\n").utf8).write(to: Self.golden)
            return
        }
        guard let data = FileManager.default.contents(atPath: Self.golden.path) else {
            Issue.record("missing golden \(Self.golden.path); record it with RECORD_GOLDEN=1 swift test --filter SVGScreeningGolden")
            return
        }
        let expected = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(expected.count == actual.count, "the corpus has \(actual.count) inputs, the golden \(expected.count) lines")
        var reported = 0
        for (index, (want, got)) in zip(expected, actual).enumerated() where want != got && reported < 10 {
            reported += 1
            let input = SVGScreeningCorpus.escaped(String(decoding: inputs[index].prefix(300), as: UTF8.self))
            Issue.record("input \(index) (\(input)…):\n  expected: \(want)\n  actual:   \(got)")
        }
    }
}

import Foundation
import MarkdownHTML

/// `Reports/<period>/site.json`: what the site shows of a period beyond its summary, made once by
/// `briefing weekly` so that a publish neither renders the briefing's Markdown again nor decodes the
/// whole `snapshot.json`: the briefing's HTML as a site page shows it (the build stage's rendering
/// of `briefing.md`, its links resolved for the site by ``SiteLinks``) and, per market, the weighted
/// figures of the horizon year and the scenario probabilities.
///
/// A period written before this file existed is read from its `snapshot.json` and `briefing.md`
/// through the same initializer (``ReportsFolder/siteFile(of:)``), so both give the same bytes.
package struct PeriodSiteFile: Codable, Sendable, Equatable {
    package static let name = "site.json"

    package var schema = "briefing.site-period/1"
    /// The briefing as an HTML fragment, links resolved for its page on the site.
    package var content: String
    package var markets: [Market]

    package struct Market: Codable, Sendable, Equatable {
        package var id: String
        /// The probability-weighted figures of the last projected year.
        package var horizon: YearFigures?
        package var scenarios: [ScenarioProbability]
    }

    package struct ScenarioProbability: Codable, Sendable, Equatable {
        package var id: String
        package var probability: Double
    }

    /// The site's view of a briefing: its Markdown rendered once, with the site's links, and the
    /// figures the history pages chart, from the snapshot.
    init(markdown: String, snapshot: Snapshot) {
        content = MarkdownRenderer(options: [.headingAnchors], links: SiteLinks.periodPage).render(markdown).html
        markets = snapshot.markets.map { market in
            Market(
                id: market.id, horizon: market.weighted.last,
                scenarios: market.scenarios.map { ScenarioProbability(id: $0.id, probability: $0.probability) })
        }
    }

    /// Compact JSON with sorted keys and a final newline (byte-identical for the same briefing).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static func decode(_ data: Data) -> PeriodSiteFile? {
        try? JSONDecoder().decode(PeriodSiteFile.self, from: data)
    }
}

extension ReportsFolder {
    /// The files a period's ``PeriodSiteFile`` is read from: `site.json` when the period has one,
    /// else (a period written before it) `snapshot.json` and `briefing.md`.
    package func siteFileSources(of period: Period) -> [String] {
        let folder = folder(period)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(PeriodSiteFile.name).path) { return [PeriodSiteFile.name] }
        return ["snapshot.json", "briefing.md"]
    }

    /// What the site shows of `period` beyond its summary, with the bytes it was read from (for
    /// hashing); `nil` with the name of the first file that is missing or does not decode.
    package func siteFile(of period: Period) -> Result<(file: PeriodSiteFile, bytes: Data), SiteFileMissing> {
        let folder = folder(period)
        if let data = try? Data(contentsOf: folder.appendingPathComponent(PeriodSiteFile.name)) {
            guard let file = PeriodSiteFile.decode(data) else { return .failure(SiteFileMissing(file: PeriodSiteFile.name)) }
            return .success((file, data))
        }
        guard let snapshot = Snapshot.read(folder.appendingPathComponent("snapshot.json")) else {
            return .failure(SiteFileMissing(file: "snapshot.json"))
        }
        guard let markdown = try? Data(contentsOf: folder.appendingPathComponent("briefing.md")) else {
            return .failure(SiteFileMissing(file: "briefing.md"))
        }
        let file = PeriodSiteFile(markdown: String(decoding: markdown, as: UTF8.self), snapshot: snapshot)
        guard let bytes = try? file.encoded() else { return .failure(SiteFileMissing(file: "snapshot.json")) }
        return .success((file, bytes))
    }
}

/// The file of a period (relative to its folder) that a site file could not be read from.
package struct SiteFileMissing: Error, Sendable {
    package var file: String
}

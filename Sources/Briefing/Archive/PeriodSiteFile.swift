import Foundation

/// `Reports/<period>/site.json`: the figures the site's history pages show of a period (per market,
/// the weighted figures of the horizon year and the scenario probabilities), made once by
/// `briefing weekly` so that a publish does not decode the period's `snapshot.json` and
/// `figures.json`. A few kilobytes: the briefing's HTML is not in it (the site renders
/// `briefing.md` through ``SiteLinks`` when the period's page changes).
///
/// A period written before this file existed is read through ``ArchivedPeriod/outline()`` into the
/// same type (``ReportsFolder/siteFile(of:)``), so both give the same bytes.
package struct PeriodSiteFile: Codable, Sendable, Equatable {
    package static let name = "site.json"

    package var schema = "briefing.site-period/1"
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

    /// The site's figures of a period read back from the archive.
    init(outline: PeriodOutline) {
        markets = outline.markets.map { market in
            Market(
                id: market.id, horizon: market.weighted.last,
                scenarios: market.scenarios.map { ScenarioProbability(id: $0.id, probability: $0.probability) })
        }
    }

    /// The site's figures of a snapshot held in memory (with its weighted figures).
    init(snapshot: Snapshot) {
        self.init(outline: PeriodOutline(snapshot))
    }

    /// Compact JSON with sorted keys and a final newline (byte-identical for the same period).
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
    /// else (a period written before it) the archive's snapshot and figures.
    package func siteFileSources(of period: Period) -> [String] {
        let folder = folder(period)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(PeriodSiteFile.name, isDirectory: false).path) { return [PeriodSiteFile.name] }
        return ArchivedPeriod.files
    }

    /// What the site charts of `period`, with the bytes it was read from (for hashing); the name of
    /// the first file that is missing or does not decode otherwise.
    package func siteFile(of period: Period) -> Result<(file: PeriodSiteFile, bytes: Data), SiteFileMissing> {
        let folder = folder(period)
        if let data = try? Data(contentsOf: folder.appendingPathComponent(PeriodSiteFile.name)) {
            guard let file = PeriodSiteFile.decode(data) else { return .failure(SiteFileMissing(file: PeriodSiteFile.name)) }
            return .success((file, data))
        }
        let archived = ArchivedPeriod(folder: folder)
        guard let outline = archived.outline() else { return .failure(SiteFileMissing(file: archived.unreadableFile)) }
        let file = PeriodSiteFile(outline: outline)
        guard let bytes = try? file.encoded() else { return .failure(SiteFileMissing(file: archived.unreadableFile)) }
        return .success((file, bytes))
    }
}

/// The file of a period (relative to its folder) that a site file could not be read from.
package struct SiteFileMissing: Error, Sendable {
    package var file: String
}

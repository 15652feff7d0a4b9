import Foundation

/// The one way to read a finished period's snapshot and figures back from `Reports/<period>/`,
/// whichever layout wrote it: the lean one (`snapshot.json` with inputs only, every figure once in
/// `figures.json`, `briefing.figures/2`) or the older one (the figures in `snapshot.json` too, beside
/// `figures.json` in `briefing.projections/1` and `figures.csv`). The next period's "what changed"
/// (``ReportsFolder/previous(before:)``) and the site both read through here.
package struct ArchivedPeriod: Sendable {
    package enum Layout: Sendable, Equatable {
        /// `briefing.snapshot/2` and `briefing.figures/2`.
        case lean
        /// `briefing.snapshot/1`, pretty-printed, with the figures in it and in `figures.json`/`figures.csv`.
        case older
    }

    package let folder: URL

    package init(folder: URL) {
        self.folder = folder
    }

    /// The files the reading below may open, relative to the folder (a caller that must not follow
    /// a symlink out of the workspace checks them first).
    package static let files = [Snapshot.fileName, ArchivedFigures.fileName]

    /// The file to name when ``snapshot()`` or ``outline()`` found the period unreadable.
    package var unreadableFile: String {
        layout() == .lean ? ArchivedFigures.fileName : Snapshot.fileName
    }

    /// The folder's layout from its snapshot's schema; `nil` without a readable `snapshot.json`.
    package func layout() -> Layout? {
        guard let schema = SchemaProbe.read(folder.appendingPathComponent(Snapshot.fileName)) else { return nil }
        return schema == Snapshot.leanSchema ? .lean : .older
    }

    /// The snapshot with its weighted figures (``MarketSnapshot/weighted``), as the next period
    /// compares against; `nil` when a file it needs is missing or does not decode.
    package func snapshot() -> Snapshot? {
        guard var snapshot = Snapshot.read(folder.appendingPathComponent(Snapshot.fileName)) else { return nil }
        guard !snapshot.holdsFigures else { return snapshot }
        guard let figures = ArchivedFigures.read(folder.appendingPathComponent(ArchivedFigures.fileName)) else { return nil }
        for index in snapshot.markets.indices {
            guard let weighted = figures.weighted(of: snapshot.markets[index].id) else { return nil }
            snapshot.markets[index].weighted = weighted
        }
        return snapshot
    }

    /// What the site shows of the period (weighted figures and scenario probabilities per market),
    /// decoded without the rest of the snapshot.
    package func outline() -> PeriodOutline? {
        let url = folder.appendingPathComponent(Snapshot.fileName)
        guard let data = try? Data(contentsOf: url), let slim = try? JSONDecoder().decode(PeriodOutline.SlimSnapshot.self, from: data) else {
            return nil
        }
        if slim.schema != Snapshot.leanSchema {
            return PeriodOutline(markets: slim.markets.map { .init(id: $0.id, weighted: $0.weighted ?? [], scenarios: $0.scenarios) })
        }
        guard let figures = ArchivedFigures.read(folder.appendingPathComponent(ArchivedFigures.fileName)) else { return nil }
        var markets: [PeriodOutline.Market] = []
        for market in slim.markets {
            guard let weighted = figures.weighted(of: market.id) else { return nil }
            markets.append(.init(id: market.id, weighted: weighted, scenarios: market.scenarios))
        }
        return PeriodOutline(markets: markets)
    }
}

/// Each briefing's weighted figures and scenario probabilities: the part of a period the site's
/// history pages show.
package struct PeriodOutline: Sendable {
    package struct Market: Sendable, Decodable {
        package var id: String
        package var weighted: [YearFigures]
        package var scenarios: [Scenario]
    }

    package struct Scenario: Sendable, Decodable {
        package var id: String
        package var probability: Double
    }

    package var markets: [Market]

    init(markets: [Market]) {
        self.markets = markets
    }

    /// The outline of a snapshot held in memory (with its weighted figures).
    package init(_ snapshot: Snapshot) {
        markets = snapshot.markets.map { market in
            Market(id: market.id, weighted: market.weighted, scenarios: market.scenarios.map { Scenario(id: $0.id, probability: $0.probability) })
        }
    }

    /// The fields the outline needs from either schema of `snapshot.json`.
    fileprivate struct SlimSnapshot: Decodable {
        struct Market: Decodable {
            var id: String
            var weighted: [YearFigures]?
            var scenarios: [Scenario]
        }

        var schema: String
        var markets: [Market]
    }
}

/// Reads only the `schema` of a JSON file.
private struct SchemaProbe: Decodable {
    var schema: String

    static func read(_ url: URL) -> String? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return (try? JSONDecoder().decode(SchemaProbe.self, from: data))?.schema
    }
}

extension ArchivedFigures {
    /// The weighted view of `market` as the snapshot held it (year → market size and each vendor's
    /// revenue, share and rank); `nil` when the file has no such market or view.
    func weighted(of market: String) -> [YearFigures]? {
        guard let entry = markets.first(where: { $0.id == market }), let view = entry.views.first(where: { $0.id == "weighted" }) else {
            return nil
        }
        guard view.revenue.count == view.years.count, view.share.count == view.years.count, view.rank.count == view.years.count,
            view.marketSize.count == view.years.count, Set(entry.vendors).count == entry.vendors.count,
            view.revenue.allSatisfy({ $0.count == entry.vendors.count }), view.share.allSatisfy({ $0.count == entry.vendors.count }),
            view.rank.allSatisfy({ $0.count == entry.vendors.count })
        else { return nil }
        return YearFigures.from(
            years: view.years, size: view.marketSize, revenue: view.revenue, shares: view.share, ranks: view.rank, vendorIDs: entry.vendors)
    }
}

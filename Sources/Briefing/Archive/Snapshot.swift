import Foundation
import Projections
import Workspace

/// What a briefing leaves for the next period to compare against (`snapshot.json`): the inputs'
/// hashes, the assumptions behind the figures, and a hash of each narrative section. Inputs only
/// (`briefing.snapshot/2`): the figures are in `figures.json` beside it, and ``ArchivedPeriod``
/// puts the weighted ones back (``MarketSnapshot/weighted``) when it reads a period. An older
/// snapshot (`briefing.snapshot/1`) held the figures itself; it still reads.
///
/// Fields added after the first version (`history`, `stance`, `details`, `sources`,
/// `event_headlines`) are optional: an older snapshot still loads, and only what both snapshots
/// hold is compared.
package struct Snapshot: Codable, Sendable {
    /// The schema this version writes: inputs only.
    package static let leanSchema = "briefing.snapshot/2"
    package var schema = Snapshot.leanSchema
    package var period: Period
    package var asOf: Day
    /// Workspace-relative path → SHA-256 of every input file.
    package var inputs: [String: String]
    package var markets: [MarketSnapshot]
    package var vendors: [VendorSnapshot]
    /// Event file stems (`2026-11-25-aws-trainium-direct-sales`).
    package var events: [String]
    /// Event file stem → headline, to name events added, edited or removed.
    package var eventHeadlines: [String: String]?
    /// `Data/sources.yaml`: registry id → the entry as one line of text.
    package var sources: [String: String]?

    enum CodingKeys: String, CodingKey {
        case schema, period, asOf = "as_of", inputs, markets, vendors, events, eventHeadlines = "event_headlines", sources
    }
}

/// One year of a market's history as the snapshot keeps it.
package struct HistorySnapshot: Codable, Sendable, Equatable {
    package var year: Int
    package var total: Double
    /// Vendor id → revenue in the market's unit.
    package var revenue: [String: Double]
    /// Vendor id → share of the total (a fraction).
    package var shares: [String: Double]?
}

package struct MarketSnapshot: Codable, Sendable {
    package var id: String
    package var name: String
    /// Enough to recompute every figure: the projection problem as it was.
    package var baseYear: Int
    package var baseSize: Double
    package var vendorIDs: [String]
    package var baseShares: [Double]
    package var scenarios: [ScenarioSnapshot]
    /// The probability-weighted figures per year. Not written (they are in `figures.json`): read
    /// from a `briefing.snapshot/1` file, or put back from `figures.json` by ``ArchivedPeriod``.
    package var weighted: [YearFigures] = []
    /// Every year of the market's history.
    package var history: [HistorySnapshot]?
    /// What else the briefing shows of the market (definition, unit, sources…): field → value as
    /// text, long texts as their SHA-256 (see ``SnapshotDetails``).
    package var details: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, name, baseYear = "base_year", baseSize = "base_size", vendorIDs = "vendors", baseShares = "base_shares", scenarios, weighted,
            history, details
    }

    init(
        id: String, name: String, baseYear: Int, baseSize: Double, vendorIDs: [String], baseShares: [Double], scenarios: [ScenarioSnapshot],
        weighted: [YearFigures], history: [HistorySnapshot]?, details: [String: String]?
    ) {
        (self.id, self.name, self.baseYear, self.baseSize, self.vendorIDs, self.baseShares) = (id, name, baseYear, baseSize, vendorIDs, baseShares)
        (self.scenarios, self.weighted, self.history, self.details) = (scenarios, weighted, history, details)
    }

    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        baseYear = try c.decode(Int.self, forKey: .baseYear)
        baseSize = try c.decode(Double.self, forKey: .baseSize)
        vendorIDs = try c.decode([String].self, forKey: .vendorIDs)
        baseShares = try c.decode([Double].self, forKey: .baseShares)
        scenarios = try c.decode([ScenarioSnapshot].self, forKey: .scenarios)
        weighted = try c.decodeIfPresent([YearFigures].self, forKey: .weighted) ?? []
        history = try c.decodeIfPresent([HistorySnapshot].self, forKey: .history)
        details = try c.decodeIfPresent([String: String].self, forKey: .details)
    }

    /// Inputs only: `weighted` stays out of the file.
    package func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(baseYear, forKey: .baseYear)
        try c.encode(baseSize, forKey: .baseSize)
        try c.encode(vendorIDs, forKey: .vendorIDs)
        try c.encode(baseShares, forKey: .baseShares)
        try c.encode(scenarios, forKey: .scenarios)
        try c.encodeIfPresent(history, forKey: .history)
        try c.encodeIfPresent(details, forKey: .details)
    }

    /// The projection problem this snapshot was made from.
    var problem: ProjectionProblem {
        ProjectionProblem(
            market: MarketInput(id: id, baseYear: baseYear, baseSize: baseSize, vendorIDs: vendorIDs, baseShares: baseShares),
            scenarios: scenarios.map(\.input))
    }
}

package struct ScenarioSnapshot: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    package var probability: Double
    package var horizon: Int
    package var cagr: Double
    /// Year (as text, for JSON) → growth.
    package var growthByYear: [String: Double]
    package var targetShares: [Double]
    package var curve: String
    package var midpoint: Double?
    package var steepness: Double?
    package var cagrSigma: Double
    package var shareLogSigma: Double
    /// Story, rationale, confidence, sources and file: field → value as text (see ``SnapshotDetails``).
    package var details: [String: String]?

    enum CodingKeys: String, CodingKey {
        case id, name, probability, horizon, cagr, growthByYear = "growth_by_year", targetShares = "target_shares", curve, midpoint,
            steepness, cagrSigma = "cagr_sigma", shareLogSigma = "share_log_sigma", details
    }

    init(_ input: ScenarioInput, name: String) {
        id = input.id
        self.name = name
        probability = input.probability
        horizon = input.horizon
        cagr = input.cagr
        growthByYear = Dictionary(uniqueKeysWithValues: input.growthByYear.map { (String($0.key), $0.value) })
        targetShares = input.targetShares
        switch input.curve {
        case .linear: curve = "linear"
        case .sCurve(let m, let k):
            curve = "s-curve"
            midpoint = m
            steepness = k
        }
        cagrSigma = input.cagrSigma
        shareLogSigma = input.shareLogSigma
    }

    var input: ScenarioInput {
        ScenarioInput(
            id: id, probability: probability, horizon: horizon,
            growthByYear: Dictionary(uniqueKeysWithValues: growthByYear.compactMap { key, value in Int(key).map { ($0, value) } }),
            cagr: cagr, targetShares: targetShares,
            curve: curve == "s-curve" ? .sCurve(midpoint: midpoint ?? 0, steepness: steepness ?? 1) : .linear,
            cagrSigma: cagrSigma, shareLogSigma: shareLogSigma)
    }
}

/// One year's market size and each vendor's revenue, share and rank.
package struct YearFigures: Codable, Sendable, Equatable {
    package var year: Int
    package var marketSize: Double
    package var vendors: [String: VendorFigures]

    enum CodingKeys: String, CodingKey { case year, marketSize = "market_size", vendors }

    static func from(years: [Int], size: [Double], revenue: [[Double]], shares: [[Double]], ranks: [[Int]], vendorIDs: [String]) -> [YearFigures] {
        years.indices.map { t in
            YearFigures(year: years[t], marketSize: size[t], vendors: Dictionary(uniqueKeysWithValues: vendorIDs.indices.map { i in
                (vendorIDs[i], VendorFigures(revenue: revenue[t][i], share: shares[t][i], rank: ranks[t][i]))
            }))
        }
    }
}

package struct VendorFigures: Codable, Sendable, Equatable {
    package var revenue: Double
    package var share: Double
    package var rank: Int
}

package struct VendorSnapshot: Codable, Sendable, Equatable {
    package var id: String
    package var name: String
    /// Section key → SHA-256 of its Markdown.
    package var sections: [String: String]
    /// The team's view: positive, neutral or negative.
    package var stance: String?
    /// Kind, tickers, colour, review date, summary and sources: field → value as text (see ``SnapshotDetails``).
    package var details: [String: String]?
}

/// The fields a snapshot keeps as text to say what else changed: short values as written, long
/// ones (Markdown) as `sha256:` and their hash, so "edited" can be said without keeping the text.
enum SnapshotDetails {
    static func hashed(_ text: String) -> String { "sha256:" + WorkspaceFiles.sha256(Data(text.utf8)) }

    static func isHash(_ value: String) -> Bool { value.hasPrefix("sha256:") }

    /// A source as one line: `publisher, title, date, url (kind)`; the registry id when it has one.
    static func source(_ source: Source) -> String {
        if let id = source.id { return id }
        return [source.publisher, source.title, source.date?.description, source.url].compactMap { $0 }.joined(separator: ", ")
            + " (\(source.kind.rawValue))"
    }

    static func sources(_ list: [Source]) -> String { list.map(source).joined(separator: "; ") }

    static func registryEntry(_ source: Source) -> String {
        [source.publisher, source.title, source.date?.description, source.url, source.note].compactMap { $0 }.joined(separator: ", ")
            + " (\(source.kind.rawValue))"
    }

    static func market(_ market: Market, names: [String: String]) -> [String: String] {
        var details = [
            "definition": hashed(market.definition), "unit": market.unit.rawValue, "currency": market.currency,
            "confidence": market.confidence?.rawValue ?? "none",
            "total source": market.totalSource.map(source) ?? "none",
        ]
        for (vendor, cited) in market.vendorSources { details["source for \(names[vendor] ?? vendor)"] = source(cited) }
        return details
    }

    static func scenario(_ scenario: Scenario) -> [String: String] {
        [
            "story": scenario.story, "rationale": hashed(scenario.rationale), "confidence": scenario.confidence?.rawValue ?? "none",
            "sources": sources(scenario.sources), "file": scenario.path,
        ]
    }

    static func vendor(_ vendor: Vendor) -> [String: String] {
        [
            "kind": vendor.kind.rawValue, "tickers": vendor.tickers.joined(separator: ", "), "colour": vendor.color,
            "review date": vendor.updated.description, "summary": hashed(vendor.summary), "sources": sources(vendor.sources),
            "section order": vendor.sections.map(\.key).joined(separator: ", "),
        ]
    }
}

extension Snapshot {
    /// The file's name in a period folder.
    package static let fileName = "snapshot.json"

    /// Reads a snapshot file as it is: a `briefing.snapshot/2` one without its weighted figures
    /// (``ArchivedPeriod`` reads a period whole); `nil` when missing or not a snapshot.
    static func read(_ url: URL) -> Snapshot? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(Snapshot.self, from: data)
    }

    /// Whether this snapshot held its figures itself (the older layout).
    var holdsFigures: Bool { schema != Snapshot.leanSchema }

    /// One line of JSON, sorted keys, and a newline; inputs only, as ``leanSchema``.
    func encoded() throws -> Data {
        var lean = self
        lean.schema = Snapshot.leanSchema
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(lean)
        data.append(0x0A)
        return data
    }
}

import Foundation
import Projections
import Workspace

/// The view model `Templates/weekly.md` and the layout are rendered with. Every property becomes a
/// template variable in snake_case (`asOf` → `as_of`); docs/templates.md lists them all.
public struct WeeklyContext: Encodable, Sendable {
    public var briefing: BriefingInfo
    /// One paragraph, generated from the figures and changes.
    public var summary: String
    /// The period in one sentence a reader can quote: the most material line of "what changed"
    /// (the archive's one-liner), or the first takeaway when nothing moved.
    public var headline: String = ""
    public var takeaways: [Takeaway]
    /// Events dated inside the period, newest first.
    public var events: [EventItem]
    public var markets: [MarketItem]
    public var changes: ChangesItem
    public var vendors: [VendorItem]
    /// Every source cited in the briefing, in footnote order.
    public var sources: [SourceItem]
    /// `sources` followed by the sources that only `vendors[].events` of earlier periods cite, their
    /// labels continuing the numbering (for vendor pages; the briefing itself prints `sources`).
    public var allSources: [SourceItem] = []

    public struct BriefingInfo: Encodable, Sendable {
        public var title: String
        public var team: String
        public var period: String
        public var periodStart: String
        public var periodEnd: String
        public var asOf: String
        public var cadence: String
        public var disclaimer: String
        public var baseURL: String?
        public var toolVersion: String
        public var previousPeriod: String?
        /// Relative link to the previous briefing (`../2026-W47/briefing.html`).
        public var previousLink: String?
        public var methodologyURL: String
    }

    public struct Takeaway: Encodable, Sendable {
        public var text: String
        /// The headline figure, formatted (`$571.1B`, `+1.2 pp`).
        public var figure: String
    }

    public struct EventItem: Encodable, Sendable {
        public var date: String
        public var headline: String
        public var slug: String
        public var importance: String
        public var vendors: [NamedItem]
        public var scenarios: [NamedItem]
        public var body: String
        /// Footnote labels (`^s3`) of the event's sources, in `sources` order.
        public var footnotes: [String]
    }

    public struct NamedItem: Encodable, Sendable {
        public var id: String
        public var name: String
    }

    public struct MarketItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var definition: String
        public var unit: String
        public var currency: String
        public var baseYear: Int
        public var horizon: Int
        /// Footnote labels for the market total's and shares' sources.
        public var footnotes: [String]
        public var scenarios: [ScenarioItem]
        public var weighted: ViewItem
        public var monteCarlo: MonteCarloItem?
        /// Vendors with their weighted horizon figures, by rank.
        public var vendors: [MarketVendorItem]
        /// Tornado rows for the headline metrics (market size, then the largest vendors).
        public var sensitivity: [TornadoItem]
        public var charts: ChartsItem
    }

    public struct ScenarioItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var story: String
        public var probability: Double
        /// Change since the previous briefing, in percentage points; `nil` when new or none before.
        public var probabilityChangePP: Double?
        public var cagr: Double
        public var growthByYear: [YearValue]
        public var horizon: Int
        public var curve: String
        public var confidence: String?
        public var rationale: String
        public var footnotes: [String]
        /// Assumption edits since the previous briefing, as sentences.
        public var edits: [String]
        /// Every year of the scenario, base year to its own horizon.
        public var view: ViewItem
        /// The scenario at the market's horizon (`market.horizon`, the last year every scenario
        /// reaches): what tables, charts and comparisons with the weighted view use.
        public var atMarketHorizon: HorizonItem
        /// The scenario at its own horizon when that is later than the market's; `nil` otherwise.
        public var ownHorizon: HorizonItem?
        /// Target shares at the scenario's horizon as written in its file (fractions), in the market's vendor order.
        public var targetShares: [VendorShareItem] = []
    }

    /// One scenario's figures in one year, with the CAGR from the base year to it.
    public struct HorizonItem: Encodable, Sendable {
        public var year: Int
        public var marketSize: Double
        /// CAGR from the market's base year to `year`.
        public var cagr: Double
        public var vendors: [VendorYearItem]
    }

    public struct VendorShareItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var share: Double
    }

    public struct YearValue: Encodable, Sendable {
        public var year: Int
        public var value: Double
    }

    /// Market size and shares for one scenario or the weighted mix.
    public struct ViewItem: Encodable, Sendable {
        public var years: [YearItem]
        /// The view's last year: the scenario's own horizon, or the market's for the weighted view.
        public var horizon: Int
        /// CAGR from the base year to `horizon`.
        public var cagr: Double
        /// The market size in `horizon`.
        public var horizonMarketSize: Double
    }

    public struct YearItem: Encodable, Sendable {
        public var year: Int
        public var marketSize: Double
        public var vendors: [VendorYearItem]
    }

    public struct VendorYearItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var revenue: Double
        public var share: Double
        public var rank: Int
    }

    public struct MonteCarloItem: Encodable, Sendable {
        public var paths: Int
        public var seed: UInt64
        public var years: [BandItem]
        /// Horizon share bands per vendor.
        public var horizonShares: [VendorBandItem]
    }

    public struct BandItem: Encodable, Sendable {
        public var year: Int
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var mean: Double
    }

    public struct VendorBandItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var p10: Double
        public var p50: Double
        public var p90: Double
        public var mean: Double
    }

    public struct MarketVendorItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var color: String
        /// Weighted figures at the horizon.
        public var share: Double
        public var revenue: Double
        public var rank: Int
        /// Versus the previous briefing (`nil` without one).
        public var shareChangePP: Double?
        public var rankChange: Int?
        /// Scenario id → share at the market's horizon.
        public var scenarioShares: [ScenarioShareItem]
    }

    public struct ScenarioShareItem: Encodable, Sendable {
        public var scenario: String
        public var share: Double
    }

    public struct TornadoItem: Encodable, Sendable {
        /// `Weighted 2030 market size` or `Nvidia weighted 2030 revenue`.
        public var title: String
        public var metric: String
        public var base: Double
        public var rows: [TornadoRowItem]
    }

    public struct TornadoRowItem: Encodable, Sendable {
        public var input: String
        public var low: Double
        public var high: Double
        public var swing: Double
    }

    /// Chart files relative to the briefing, with alternative text.
    public struct ChartsItem: Encodable, Sendable {
        public var fan: ChartItem
        public var sharesArea: ChartItem
        public var sharesByScenario: ChartItem
        public var tornado: ChartItem
    }

    public struct ChartItem: Encodable, Sendable {
        public var path: String
        public var alt: String
        /// The chart's data, for a table beside it.
        public var table: TableItem
    }

    public struct TableItem: Encodable, Sendable {
        public var caption: String
        public var headers: [String]
        public var rows: [[String]]
    }

    public struct ChangesItem: Encodable, Sendable {
        public var previousPeriod: String?
        public var previousLink: String?
        /// Changes worth a sentence, largest first.
        public var items: [ChangeLine]
        /// Smaller changes (names, tickers, kinds, sources, events, texts…) as short phrases, for one
        /// compact line.
        public var smaller: [String]
    }

    /// One line of "what changed": the moves one edit (or set of edits) caused, or one other change.
    public struct ChangeLine: Encodable, Sendable {
        /// The kind of the line's most material change (`market_size`, `share`, `probability`…).
        public var kind: String
        public var sentence: String
        /// The lead change's size relative to its reporting threshold (≥ 1 was reported).
        public var magnitude: Double
        /// The lead move's impact as printed (`+$2.5B`, `−0.7 pp`, `+1 place`); empty for an edit.
        public var figure: String
        /// The edits the moves are credited to, as clauses, largest effect first.
        public var causes: [String]
        /// How many reported moves the line covers.
        public var moves: Int
    }

    public struct VendorItem: Encodable, Sendable {
        public var id: String
        public var name: String
        public var kind: String
        public var stance: String
        public var tickers: [String]
        public var color: String
        public var updated: String
        public var summary: String
        public var sections: [SectionItem]
        public var footnotes: [String]
        /// The vendor's weighted horizon figures per market it is in.
        public var figures: [VendorFigureItem]
        /// Every event that mentions the vendor, of any period, newest first (their footnote labels
        /// are in `all_sources`).
        public var events: [EventItem] = []
    }

    public struct SectionItem: Encodable, Sendable {
        public var title: String
        public var key: String
        public var markdown: String
    }

    public struct VendorFigureItem: Encodable, Sendable {
        public var market: String
        public var marketName: String
        public var year: Int
        public var share: Double
        public var revenue: Double
        public var rank: Int
    }

    public struct SourceItem: Encodable, Sendable {
        /// The footnote label without `^` (`s3`).
        public var label: String
        public var id: String?
        public var publisher: String
        public var title: String
        public var date: String?
        public var url: String?
        public var kind: String
    }
}

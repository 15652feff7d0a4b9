import Foundation
import Projections
import Workspace

/// The view model `Templates/weekly.md` and the layout are rendered with. Every property becomes a
/// template variable in snake_case (`asOf` → `as_of`); docs/templates.md lists them all.
package struct WeeklyContext: Encodable, Sendable {
    package var briefing: BriefingInfo
    /// One paragraph, generated from the figures and changes.
    package var summary: String
    /// The period in one sentence a reader can quote: the most material line of "what changed"
    /// (the archive's one-liner), or the first takeaway when nothing moved.
    package var headline: String = ""
    package var takeaways: [Takeaway]
    /// Events dated inside the period, newest first.
    package var events: [EventItem]
    package var markets: [MarketItem]
    package var changes: ChangesItem
    package var vendors: [VendorItem]
    /// Every source cited in the briefing, in footnote order.
    package var sources: [SourceItem]
    /// `sources` followed by the sources that only `vendors[].events` of earlier periods cite, their
    /// labels continuing the numbering (for vendor pages; the briefing itself prints `sources`).
    package var allSources: [SourceItem] = []

    package struct BriefingInfo: Encodable, Sendable {
        package var title: String
        package var team: String
        package var period: String
        package var periodStart: String
        package var periodEnd: String
        package var asOf: String
        package var cadence: String
        package var disclaimer: String
        /// Disclaimer, author, distribution marking and analyst certification (`compliance:`).
        package var compliance: ComplianceItem
        package var baseURL: String?
        package var toolVersion: String
        package var previousPeriod: String?
        /// Relative link to the previous briefing (`../2026-W47/briefing.html`).
        package var previousLink: String?
        package var methodologyURL: String
    }

    package struct Takeaway: Encodable, Sendable {
        package var text: String
        /// The headline figure, formatted (`$571.1B`, `+1.2 pp`).
        package var figure: String
    }

    package struct EventItem: Encodable, Sendable {
        package var date: String
        package var headline: String
        package var slug: String
        package var importance: String
        package var vendors: [NamedItem]
        package var scenarios: [NamedItem]
        package var body: String
        /// Footnote labels (`^s3`) of the event's sources, in `sources` order.
        package var footnotes: [String]
    }

    package struct NamedItem: Encodable, Sendable {
        package var id: String
        package var name: String
    }

    package struct MarketItem: Encodable, Sendable {
        package var id: String
        package var name: String
        package var definition: String
        package var unit: String
        package var currency: String
        package var baseYear: Int
        package var horizon: Int
        /// Footnote labels for the market total's and shares' sources.
        package var footnotes: [String]
        package var scenarios: [ScenarioItem]
        package var weighted: ViewItem
        package var monteCarlo: MonteCarloItem?
        /// Vendors with their weighted horizon figures, by rank.
        package var vendors: [MarketVendorItem]
        /// Tornado rows for the headline metrics (market size, then the largest vendors).
        package var sensitivity: [TornadoItem]
        package var charts: ChartsItem
    }

    package struct ScenarioItem: Encodable, Sendable {
        package var id: String
        package var name: String
        package var story: String
        package var probability: Double
        /// Change since the previous briefing, a difference of fractions (0.05 is five percentage
        /// points; print it with `|pp`); `nil` when new or none before.
        package var probabilityChange: Double?
        /// Deprecated: `probabilityChange` in percentage points (× 100), kept for one release so
        /// templates written for it still render; `briefing check` warns where it is read.
        package var probabilityChangePP: Double?
        package var cagr: Double
        package var growthByYear: [YearValue]
        package var horizon: Int
        package var curve: String
        package var confidence: String?
        package var rationale: String
        package var footnotes: [String]
        /// Assumption edits since the previous briefing, as sentences.
        package var edits: [String]
        /// Every year of the scenario, base year to its own horizon.
        package var view: ViewItem
        /// The scenario at the market's horizon (`market.horizon`, the last year every scenario
        /// reaches): what tables, charts and comparisons with the weighted view use.
        package var atMarketHorizon: HorizonItem
        /// The scenario at its own horizon when that is later than the market's; `nil` otherwise.
        package var ownHorizon: HorizonItem?
        /// Target shares at the scenario's horizon as written in its file (fractions), in the market's vendor order.
        package var targetShares: [VendorShareItem] = []
    }

    /// One scenario's figures in one year, with the CAGR from the base year to it.
    package struct HorizonItem: Encodable, Sendable {
        package var year: Int
        package var marketSize: Double
        /// CAGR from the market's base year to `year`.
        package var cagr: Double
        package var vendors: [VendorYearItem]
    }

    package struct VendorShareItem: Encodable, Sendable {
        package var id: String
        package var name: String
        package var share: Double
    }

    package struct YearValue: Encodable, Sendable {
        package var year: Int
        package var value: Double
    }

    /// Market size and shares for one scenario or the weighted mix.
    package struct ViewItem: Encodable, Sendable {
        package var years: [YearItem]
        /// The view's last year: the scenario's own horizon, or the market's for the weighted view.
        package var horizon: Int
        /// CAGR from the base year to `horizon`.
        package var cagr: Double
        /// The market size in `horizon`.
        package var horizonMarketSize: Double
    }

    package struct YearItem: Encodable, Sendable {
        package var year: Int
        package var marketSize: Double
        package var vendors: [VendorYearItem]
    }

    package struct VendorYearItem: Encodable, Sendable {
        package var id: String
        package var name: String
        package var revenue: Double
        package var share: Double
        package var rank: Int
    }

    package struct MonteCarloItem: Encodable, Sendable {
        package var paths: Int
        package var seed: UInt64
        package var years: [BandItem]
        /// Horizon share bands per vendor.
        package var horizonShares: [VendorBandItem]
    }

    package struct BandItem: Encodable, Sendable {
        package var year: Int
        package var p10: Double
        package var p50: Double
        package var p90: Double
        package var mean: Double
    }

    package struct VendorBandItem: Encodable, Sendable {
        package var id: String
        package var name: String
        package var p10: Double
        package var p50: Double
        package var p90: Double
        package var mean: Double
    }

    package struct MarketVendorItem: Encodable, Sendable {
        package var id: String
        package var name: String
        package var color: String
        /// Weighted figures at the horizon.
        package var share: Double
        package var revenue: Double
        package var rank: Int
        /// Versus the previous briefing (`nil` without one): the share's change, a difference of
        /// fractions (−0.007 is −0.7 percentage points; print it with `|pp`).
        package var shareChange: Double?
        /// Deprecated: `shareChange` in percentage points (× 100), kept for one release so
        /// templates written for it still render; `briefing check` warns where it is read.
        package var shareChangePP: Double?
        package var rankChange: Int?
        /// Scenario id → share at the market's horizon.
        package var scenarioShares: [ScenarioShareItem]
    }

    package struct ScenarioShareItem: Encodable, Sendable {
        package var scenario: String
        package var share: Double
    }

    package struct TornadoItem: Encodable, Sendable {
        /// `Weighted 2030 market size` or `Nvidia weighted 2030 revenue`.
        package var title: String
        package var metric: String
        package var base: Double
        package var rows: [TornadoRowItem]
    }

    package struct TornadoRowItem: Encodable, Sendable {
        package var input: String
        package var low: Double
        package var high: Double
        package var swing: Double
    }

    /// Chart files relative to the briefing, with alternative text.
    package struct ChartsItem: Encodable, Sendable {
        package var fan: ChartItem
        package var sharesArea: ChartItem
        package var sharesByScenario: ChartItem
        package var tornado: ChartItem
    }

    package struct ChartItem: Encodable, Sendable {
        package var path: String
        package var alt: String
        /// The chart's data, for a table beside it.
        package var table: TableItem
    }

    package struct TableItem: Encodable, Sendable {
        package var caption: String
        package var headers: [String]
        package var rows: [[String]]
    }

    package struct ChangesItem: Encodable, Sendable {
        package var previousPeriod: String?
        package var previousLink: String?
        /// Changes worth a sentence, largest first.
        package var items: [ChangeLine]
        /// Smaller changes (names, tickers, kinds, sources, events, texts…) as short phrases, for one
        /// compact line.
        package var smaller: [String]
    }

    /// One line of "what changed": the moves one edit (or set of edits) caused, or one other change.
    package struct ChangeLine: Encodable, Sendable {
        /// The kind of the line's most material change (`market_size`, `share`, `probability`…).
        package var kind: String
        package var sentence: String
        /// The lead change's size relative to its reporting threshold (≥ 1 was reported).
        package var magnitude: Double
        /// The lead move's impact as printed (`+$2.5B`, `−0.7 pp`, `+1 place`); empty for an edit.
        package var figure: String
        /// The edits the moves are credited to, as clauses, largest effect first.
        package var causes: [String]
        /// How many reported moves the line covers.
        package var moves: Int
    }

    /// A vendor as the briefing shows it: its ``VendorProfile`` (`id`, `name`, `kind`, `stance`,
    /// `tickers`, `color`, `updated`, `params`) and, beside it, the narrative as Markdown and this
    /// period's figures.
    package struct VendorItem: Encodable, Sendable, ShowsVendorProfile {
        package var profile: VendorProfile
        package var summary: String
        package var sections: [SectionItem]
        package var footnotes: [String]
        /// The vendor's weighted horizon figures per market it is in.
        package var figures: [VendorFigureItem]
        /// Every event that mentions the vendor, of any period, newest first (their footnote labels
        /// are in `all_sources`).
        package var events: [EventItem] = []

        private enum CodingKeys: String, CodingKey {
            case summary, sections, footnotes, figures, events
        }

        /// One flat record: the profile's fields, then the item's own.
        package func encode(to encoder: any Encoder) throws {
            try profile.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(summary, forKey: .summary)
            try container.encode(sections, forKey: .sections)
            try container.encode(footnotes, forKey: .footnotes)
            try container.encode(figures, forKey: .figures)
            try container.encode(events, forKey: .events)
        }
    }

    package struct SectionItem: Encodable, Sendable {
        package var title: String
        package var key: String
        package var markdown: String
    }

    package struct VendorFigureItem: Encodable, Sendable {
        package var market: String
        package var marketName: String
        package var year: Int
        package var share: Double
        package var revenue: Double
        package var rank: Int
    }

    package struct SourceItem: Encodable, Sendable {
        /// The footnote label without `^` (`s3`).
        package var label: String
        package var id: String?
        package var publisher: String
        package var title: String
        package var date: String?
        package var url: String?
        package var kind: String
    }
}

/// The typed contents of a workspace after loading and validation. Everything is sorted by id
/// (events by date), so whatever is built from a workspace comes out the same on every run.
package struct Workspace: Sendable {
    package var config: WorkspaceConfig
    package var sources: [Source]
    package var markets: [Market]
    package var vendors: [Vendor]
    package var scenarios: [Scenario]
    package var events: [Event]

    package func market(_ id: String) -> Market? { markets.first { $0.id == id } }
    package func vendor(_ id: String) -> Vendor? { vendors.first { $0.id == id } }
    package func scenarios(of marketID: String) -> [Scenario] { scenarios.filter { $0.marketID == marketID } }
}

package enum Cadence: String, Sendable, CaseIterable, Encodable {
    case weekly, monthly, quarterly
}

/// `briefing.yaml`.
package struct WorkspaceConfig: Sendable {
    package var title: String
    package var team: String
    package var cadence: Cadence
    package var timezone: String
    package var baseURL: String?
    package var disclaimer: String
    package var defaults: Defaults
    /// Where `briefing publish` builds the site (`site: {dir: …}`), relative to the workspace. Only a
    /// publish there records its periods as published.
    package var siteDirectory: String = "Site"
    /// Bounds on what the workspace's files can make the tool do (`limits:` in briefing.yaml).
    package var limits = Limits()
    /// The PDF and e-mail editions (`paper:`, `editions:`, `email:` in briefing.yaml).
    package var editions = EditionSettings()
    /// `compliance:` in briefing.yaml: who wrote it, how it is marked, what the analyst certifies.
    /// Its `disclaimer` replaces the top-level one in `disclaimer`.
    package var compliance = Compliance()

    /// The compliance lines every briefing, report and site page carries; each is optional.
    package struct Compliance: Sendable, Hashable {
        /// The author or authors named on each page ("Jane Doe, CFA").
        package var author: String?
        /// A distribution marking shown at the top of each page and printed page ("For internal use only").
        package var marking: String?
        /// An analyst certification printed above the disclaimer.
        package var certification: String?

        package init(author: String? = nil, marking: String? = nil, certification: String? = nil) {
            self.author = author
            self.marking = marking
            self.certification = certification
        }
    }
    /// The vendor kinds the workspace allows (`vendor_kinds:`); `nil` allows any slug.
    package var vendorKinds: [String]?

    /// How much work and memory untrusted text may cost: past these, a located error instead of
    /// a run that takes minutes or gigabytes. Each is a positive whole number.
    package struct Limits: Sendable, Hashable {
        /// The largest Markdown body of a narrative or an event, in KiB.
        package var markdownBodyKiB: Int = 256
        /// The largest output of one template rendering, in MiB.
        package var templateOutputMiB: Int = 64
        /// Loop iterations one template rendering may run, all loops together.
        package var templateLoopIterations: Int = 10_000_000
        /// How deeply blocks may nest in a template.
        package var templateNestingDepth: Int = 200
        /// How deeply macros and includes may call each other.
        package var templateCallDepth: Int = 100

        package init() {}

        /// The Markdown limit in bytes.
        package var markdownBodyBytes: Int { markdownBodyKiB * 1024 }
        /// The template output limit in bytes.
        package var templateOutputBytes: Int { templateOutputMiB * 1024 * 1024 }
    }

    package struct Defaults: Sendable {
        package var horizon: Int = 2030
        package var monteCarloPaths: Int = 10_000
        package var monteCarloSeed: UInt64 = 20_261_127
        package var thresholds = Thresholds()
        package var sensitivity = SensitivitySteps()
        package var shareTolerancePP: Double = 0.1
        package var staleNarrativeDays: Int = 90
        /// How many takeaways a briefing leads with (`defaults.takeaways`); high-importance events
        /// of the period are added beyond it rather than dropped.
        package var takeaways: Int = 5
        /// A workspace's first briefing lists the events dated up to this many days before its
        /// period starts (`defaults.first_briefing_lookback_days`), so it covers the seed events.
        package var firstBriefingLookbackDays: Int = 14
    }

    /// What counts as a change worth reporting between two briefings.
    package struct Thresholds: Sendable {
        package var marketSizePercent: Double = 2.0
        package var sharePP: Double = 0.5
        package var probabilityPP: Double = 5.0
        /// The absolute floor for a revenue or market-size move, in the market's unit
        /// (`revenue_abs: 1.0` is $1.0B in a market counted in billions): a smaller move is not
        /// reported whatever its percentage. Money moves are also ranked in multiples of it.
        package var revenueAbs: Double = 1.0
    }

    /// Step sizes for the sensitivity (tornado) analysis.
    package struct SensitivitySteps: Sendable {
        package var cagrStep: Double = 0.05
        package var probabilityStep: Double = 0.10
        package var shareFactor: Double = 0.2
    }
}

/// How much a figure can be relied on.
package enum SourceKind: String, Sendable, CaseIterable, Encodable {
    /// Published actuals.
    case reported
    /// A vendor's own forecast or guidance.
    case forecast
    /// An analyst's or research firm's estimate.
    case estimate
    /// Made up for illustration, or the team's own assumption; always labelled as such.
    case illustrative
}

/// Where a figure comes from.
package struct Source: Sendable, Hashable, Encodable {
    /// The registry id (`Data/sources.yaml`); `nil` for a source written inline.
    package var id: String?
    package var publisher: String
    package var title: String
    package var date: Day?
    package var url: String?
    package var kind: SourceKind
    package var note: String?
}

package enum AmountUnit: String, Sendable, CaseIterable, Encodable {
    case ones, thousands, millions, billions

    /// The suffix briefings print after an amount (`$207.0B`).
    package var suffix: String {
        switch self {
        case .ones: return ""
        case .thousands: return "K"
        case .millions: return "M"
        case .billions: return "B"
        }
    }
}

/// A market with its definition, history and sources.
package struct Market: Sendable {
    package var id: String
    package var name: String
    package var definition: String
    package var unit: AmountUnit
    package var currency: String
    package var baseYear: Int
    /// The vendors counted in this market, in display order.
    package var vendorIDs: [String]
    /// One entry per year, contiguous, ending at `baseYear`.
    package var history: [HistoryYear]
    package var totalSource: Source?
    package var vendorSources: [String: Source]
    package var confidence: SourceKind?
    /// As shown in messages (relative to the current folder).
    package var file: String
    /// The YAML and CSV files, relative to the workspace root (for hashing inputs).
    package var path: String
    package var historyPath: String
}

/// One year of a market's history: the total and each vendor's revenue and share.
package struct HistoryYear: Sendable {
    package var year: Int
    /// In the market's unit.
    package var total: Double
    /// Vendor id → revenue in the market's unit.
    package var revenue: [String: Double]
    /// Vendor id → share of the total, a fraction (0.77, not 77), summing to 1.
    package var shares: [String: Double]
}

/// What kind of vendor this is: any slug (`merchant`, `hyperscaler`, `optics-module`…), so that a
/// workspace about another market names its own kinds; `vendor_kinds:` in briefing.yaml can list
/// the ones it allows.
package struct VendorKind: RawRepresentable, Hashable, Sendable, Encodable {
    package var rawValue: String
    package init(rawValue: String) { self.rawValue = rawValue }

    package static let merchant = VendorKind(rawValue: "merchant")
    package static let hyperscaler = VendorKind(rawValue: "hyperscaler")
    package static let designPartner = VendorKind(rawValue: "design-partner")
    package static let other = VendorKind(rawValue: "other")

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

package enum Stance: String, Sendable, CaseIterable, Encodable {
    case positive, neutral, negative
}

/// A vendor and the team's narrative about it.
package struct Vendor: Sendable {
    package var id: String
    package var name: String
    package var tickers: [String]
    package var kind: VendorKind
    package var color: String
    package var stance: Stance
    package var updated: Day
    /// Markdown before the first `##` heading (often empty).
    package var summary: String
    package var sections: [NarrativeSection]
    /// The sources the narrative cites (optional).
    package var sources: [Source]
    package var file: String
    /// The team's own fields (`params:` in the front matter), by name, as written: shown by its
    /// templates as `vendor.params.NAME`, with no code change (see ``MappingReader/params()``).
    package var params = Params()

    package func section(_ key: String) -> NarrativeSection? { sections.first { $0.key == key } }
}

/// One `## Heading` of a narrative, with its Markdown.
package struct NarrativeSection: Sendable, Hashable {
    package var title: String
    /// The title as a slug (`thesis`, `what-we-watch`), for templates and diffs.
    package var key: String
    package var markdown: String
}

/// How target shares are approached between the base year and the horizon.
package enum Curve: Sendable, Hashable {
    case linear
    /// Logistic weight centred on `midpoint` (a year) with `steepness` κ > 0.
    case sCurve(midpoint: Double, steepness: Double)
}

/// One scenario of a market's future.
package struct Scenario: Sendable {
    package var id: String
    package var name: String
    package var story: String
    package var marketID: String
    package var probability: Double
    package var horizon: Int
    /// Growth for named years (fractions: 0.55 is +55%).
    package var growthByYear: [Int: Double]
    /// Growth for every other year up to the horizon.
    package var cagr: Double
    /// Vendor id → target share at the horizon as a fraction: as written ÷ 100 (so summing to 1
    /// within the share tolerance), or rescaled to exactly 1 with `normalize_shares`.
    package var targetShares: [String: Double]
    package var curve: Curve
    /// σ of the CAGR for Monte Carlo.
    package var cagrSigma: Double
    /// σ of log target shares for Monte Carlo.
    package var shareLogSigma: Double
    package var confidence: SourceKind?
    package var rationale: String
    package var sources: [Source]
    package var file: String
    /// Relative to the workspace root.
    package var path: String

    /// The growth assumed for `year`: the named figure, else the CAGR.
    package func growth(in year: Int) -> Double { growthByYear[year] ?? cagr }
}

package enum Importance: String, Sendable, CaseIterable, Encodable, Comparable {
    case low, medium, high

    package static func < (a: Importance, b: Importance) -> Bool {
        let order: [Importance] = [.low, .medium, .high]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// Something that happened, logged by an analyst.
package struct Event: Sendable {
    package var date: Day
    /// From the file name (`2026-11-25-aws-trainium-direct.md` → `aws-trainium-direct`).
    package var slug: String
    package var headline: String
    package var vendorIDs: [String]
    package var marketIDs: [String]
    package var scenarioIDs: [String]
    package var importance: Importance
    package var sources: [Source]
    /// The Markdown body.
    package var body: String
    package var file: String
}

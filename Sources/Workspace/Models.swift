/// The typed contents of a workspace after loading and validation. Everything is sorted by id
/// (events by date), so whatever is built from a workspace comes out the same on every run.
public struct Workspace: Sendable {
    public var config: WorkspaceConfig
    public var sources: [Source]
    public var markets: [Market]
    public var vendors: [Vendor]
    public var scenarios: [Scenario]
    public var events: [Event]

    public func market(_ id: String) -> Market? { markets.first { $0.id == id } }
    public func vendor(_ id: String) -> Vendor? { vendors.first { $0.id == id } }
    public func scenarios(of marketID: String) -> [Scenario] { scenarios.filter { $0.marketID == marketID } }
}

public enum Cadence: String, Sendable, CaseIterable, Encodable {
    case weekly, monthly, quarterly
}

/// `briefing.yaml`.
public struct WorkspaceConfig: Sendable {
    public var title: String
    public var team: String
    public var cadence: Cadence
    public var timezone: String
    public var baseURL: String?
    public var disclaimer: String
    public var defaults: Defaults
    /// Where `briefing publish` builds the site (`site: {dir: …}`), relative to the workspace. Only a
    /// publish there records its periods as published.
    public var siteDirectory: String = "Site"
    /// Bounds on what the workspace's files can make the tool do (`limits:` in briefing.yaml).
    public var limits = Limits()
    /// The PDF and e-mail editions (`paper:`, `editions:`, `email:` in briefing.yaml).
    public var editions = EditionSettings()
    /// `compliance:` in briefing.yaml: who wrote it, how it is marked, what the analyst certifies.
    /// Its `disclaimer` replaces the top-level one in `disclaimer`.
    public var compliance = Compliance()

    /// The compliance lines every briefing, report and site page carries; each is optional.
    public struct Compliance: Sendable, Hashable {
        /// The author or authors named on each page ("Jane Doe, CFA").
        public var author: String?
        /// A distribution marking shown at the top of each page and printed page ("For internal use only").
        public var marking: String?
        /// An analyst certification printed above the disclaimer.
        public var certification: String?

        public init(author: String? = nil, marking: String? = nil, certification: String? = nil) {
            self.author = author
            self.marking = marking
            self.certification = certification
        }
    }
    /// The vendor kinds the workspace allows (`vendor_kinds:`); `nil` allows any slug.
    public var vendorKinds: [String]?

    /// How much work and memory untrusted text may cost: past these, a located error instead of
    /// a run that takes minutes or gigabytes. Each is a positive whole number.
    public struct Limits: Sendable, Hashable {
        /// The largest Markdown body of a narrative or an event, in KiB.
        public var markdownBodyKiB: Int = 256
        /// The largest output of one template rendering, in MiB.
        public var templateOutputMiB: Int = 64
        /// Loop iterations one template rendering may run, all loops together.
        public var templateLoopIterations: Int = 10_000_000
        /// How deeply blocks may nest in a template.
        public var templateNestingDepth: Int = 200
        /// How deeply macros and includes may call each other.
        public var templateCallDepth: Int = 100

        public init() {}

        /// The Markdown limit in bytes.
        public var markdownBodyBytes: Int { markdownBodyKiB * 1024 }
        /// The template output limit in bytes.
        public var templateOutputBytes: Int { templateOutputMiB * 1024 * 1024 }
    }

    public struct Defaults: Sendable {
        public var horizon: Int = 2030
        public var monteCarloPaths: Int = 10_000
        public var monteCarloSeed: UInt64 = 20_261_127
        public var thresholds = Thresholds()
        public var sensitivity = SensitivitySteps()
        public var shareTolerancePP: Double = 0.1
        public var staleNarrativeDays: Int = 90
        /// How many takeaways a briefing leads with (`defaults.takeaways`); high-importance events
        /// of the period are added beyond it rather than dropped.
        public var takeaways: Int = 5
        /// A workspace's first briefing lists the events dated up to this many days before its
        /// period starts (`defaults.first_briefing_lookback_days`), so it covers the seed events.
        public var firstBriefingLookbackDays: Int = 14
    }

    /// What counts as a change worth reporting between two briefings.
    public struct Thresholds: Sendable {
        public var marketSizePercent: Double = 2.0
        public var sharePP: Double = 0.5
        public var probabilityPP: Double = 5.0
        /// The absolute floor for a revenue or market-size move, in the market's unit
        /// (`revenue_abs: 1.0` is $1.0B in a market counted in billions): a smaller move is not
        /// reported whatever its percentage. Money moves are also ranked in multiples of it.
        public var revenueAbs: Double = 1.0
    }

    /// Step sizes for the sensitivity (tornado) analysis.
    public struct SensitivitySteps: Sendable {
        public var cagrStep: Double = 0.05
        public var probabilityStep: Double = 0.10
        public var shareFactor: Double = 0.2
    }
}

/// How much a figure can be relied on.
public enum SourceKind: String, Sendable, CaseIterable, Encodable {
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
public struct Source: Sendable, Hashable, Encodable {
    /// The registry id (`Data/sources.yaml`); `nil` for a source written inline.
    public var id: String?
    public var publisher: String
    public var title: String
    public var date: Day?
    public var url: String?
    public var kind: SourceKind
    public var note: String?
}

public enum AmountUnit: String, Sendable, CaseIterable, Encodable {
    case ones, thousands, millions, billions

    /// The suffix briefings print after an amount (`$207.0B`).
    public var suffix: String {
        switch self {
        case .ones: return ""
        case .thousands: return "K"
        case .millions: return "M"
        case .billions: return "B"
        }
    }
}

/// A market with its definition, history and sources.
public struct Market: Sendable {
    public var id: String
    public var name: String
    public var definition: String
    public var unit: AmountUnit
    public var currency: String
    public var baseYear: Int
    /// The vendors counted in this market, in display order.
    public var vendorIDs: [String]
    /// One entry per year, contiguous, ending at `baseYear`.
    public var history: [HistoryYear]
    public var totalSource: Source?
    public var vendorSources: [String: Source]
    public var confidence: SourceKind?
    /// As shown in messages (relative to the current folder).
    public var file: String
    /// The YAML and CSV files, relative to the workspace root (for hashing inputs).
    public var path: String
    public var historyPath: String
}

/// One year of a market's history: the total and each vendor's revenue and share.
public struct HistoryYear: Sendable {
    public var year: Int
    /// In the market's unit.
    public var total: Double
    /// Vendor id → revenue in the market's unit.
    public var revenue: [String: Double]
    /// Vendor id → share of the total, a fraction (0.77, not 77), summing to 1.
    public var shares: [String: Double]
}

/// What kind of vendor this is: any slug (`merchant`, `hyperscaler`, `optics-module`…), so that a
/// workspace about another market names its own kinds; `vendor_kinds:` in briefing.yaml can list
/// the ones it allows.
public struct VendorKind: RawRepresentable, Hashable, Sendable, Encodable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let merchant = VendorKind(rawValue: "merchant")
    public static let hyperscaler = VendorKind(rawValue: "hyperscaler")
    public static let designPartner = VendorKind(rawValue: "design-partner")
    public static let other = VendorKind(rawValue: "other")

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

public enum Stance: String, Sendable, CaseIterable, Encodable {
    case positive, neutral, negative
}

/// A vendor and the team's narrative about it.
public struct Vendor: Sendable {
    public var id: String
    public var name: String
    public var tickers: [String]
    public var kind: VendorKind
    public var color: String
    public var stance: Stance
    public var updated: Day
    /// Markdown before the first `##` heading (often empty).
    public var summary: String
    public var sections: [NarrativeSection]
    /// The sources the narrative cites (optional).
    public var sources: [Source]
    public var file: String

    public func section(_ key: String) -> NarrativeSection? { sections.first { $0.key == key } }
}

/// One `## Heading` of a narrative, with its Markdown.
public struct NarrativeSection: Sendable, Hashable {
    public var title: String
    /// The title as a slug (`thesis`, `what-we-watch`), for templates and diffs.
    public var key: String
    public var markdown: String
}

/// How target shares are approached between the base year and the horizon.
public enum Curve: Sendable, Hashable {
    case linear
    /// Logistic weight centred on `midpoint` (a year) with `steepness` κ > 0.
    case sCurve(midpoint: Double, steepness: Double)
}

/// One scenario of a market's future.
public struct Scenario: Sendable {
    public var id: String
    public var name: String
    public var story: String
    public var marketID: String
    public var probability: Double
    public var horizon: Int
    /// Growth for named years (fractions: 0.55 is +55%).
    public var growthByYear: [Int: Double]
    /// Growth for every other year up to the horizon.
    public var cagr: Double
    /// Vendor id → target share at the horizon as a fraction: as written ÷ 100 (so summing to 1
    /// within the share tolerance), or rescaled to exactly 1 with `normalize_shares`.
    public var targetShares: [String: Double]
    public var curve: Curve
    /// σ of the CAGR for Monte Carlo.
    public var cagrSigma: Double
    /// σ of log target shares for Monte Carlo.
    public var shareLogSigma: Double
    public var confidence: SourceKind?
    public var rationale: String
    public var sources: [Source]
    public var file: String
    /// Relative to the workspace root.
    public var path: String

    /// The growth assumed for `year`: the named figure, else the CAGR.
    public func growth(in year: Int) -> Double { growthByYear[year] ?? cagr }
}

public enum Importance: String, Sendable, CaseIterable, Encodable, Comparable {
    case low, medium, high

    public static func < (a: Importance, b: Importance) -> Bool {
        let order: [Importance] = [.low, .medium, .high]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// Something that happened, logged by an analyst.
public struct Event: Sendable {
    public var date: Day
    /// From the file name (`2026-11-25-aws-trainium-direct.md` → `aws-trainium-direct`).
    public var slug: String
    public var headline: String
    public var vendorIDs: [String]
    public var marketIDs: [String]
    public var scenarioIDs: [String]
    public var importance: Importance
    public var sources: [Source]
    /// The Markdown body.
    public var body: String
    public var file: String
}

/// What a projection needs to know about a market: its base year and the history at that year.
/// Vendors are positions in `vendorIDs`; every per-vendor array below uses that order.
package struct MarketInput: Sendable, Hashable {
    package var id: String
    package var baseYear: Int
    /// The history total for the base year, `M(b)`.
    package var baseSize: Double
    package var vendorIDs: [String]
    /// Base-year shares `s_i(b)`, normalised here to sum to 1.
    package var baseShares: [Double]

    package init(id: String, baseYear: Int, baseSize: Double, vendorIDs: [String], baseShares: [Double]) {
        precondition(vendorIDs.count == baseShares.count, "one base share per vendor")
        self.id = id
        self.baseYear = baseYear
        self.baseSize = baseSize
        self.vendorIDs = vendorIDs
        self.baseShares = Self.normalised(baseShares)
    }
}

extension MarketInput {
    /// Shares rescaled to sum to 1 — unless they already do to within 1e-9, so that figures
    /// written as 0.65 are not turned into 0.6500000000000001 by a rounding-level rescale.
    static func normalised(_ shares: [Double]) -> [Double] {
        let total = shares.reduce(0, +)
        guard total > 0, abs(total - 1) > 1e-9 else { return shares }
        return shares.map { $0 / total }
    }
}

/// How shares move from the base year to the targets.
package enum ShareCurve: Sendable, Hashable {
    /// `w(t) = (t−b)/(H−b)`.
    case linear
    /// `L(x) = 1/(1+e^(−κ(x−m)))`, `w(t) = (L(t)−L(b))/(L(H)−L(b))`.
    case sCurve(midpoint: Double, steepness: Double)
}

/// One scenario's assumptions for a market.
package struct ScenarioInput: Sendable, Hashable {
    package var id: String
    package var probability: Double
    package var horizon: Int
    /// Growth for named years (fractions).
    package var growthByYear: [Int: Double]
    /// Growth for every other year.
    package var cagr: Double
    /// Target shares at the horizon, per vendor (normalised here to sum to 1).
    package var targetShares: [Double]
    package var curve: ShareCurve
    /// σ of the growth shift for Monte Carlo.
    package var cagrSigma: Double
    /// σ of the log target shares for Monte Carlo.
    package var shareLogSigma: Double

    package init(
        id: String, probability: Double, horizon: Int, growthByYear: [Int: Double] = [:], cagr: Double, targetShares: [Double],
        curve: ShareCurve = .linear, cagrSigma: Double = 0, shareLogSigma: Double = 0
    ) {
        self.id = id
        self.probability = probability
        self.horizon = horizon
        self.growthByYear = growthByYear
        self.cagr = cagr
        self.targetShares = MarketInput.normalised(targetShares)
        self.curve = curve
        self.cagrSigma = cagrSigma
        self.shareLogSigma = shareLogSigma
    }

    /// `g(t)`: the named growth for `year`, else the CAGR.
    package func growth(in year: Int) -> Double { growthByYear[year] ?? cagr }
}

/// A market with its scenarios: the unit everything is projected for.
package struct ProjectionProblem: Sendable, Hashable {
    package var market: MarketInput
    package var scenarios: [ScenarioInput]

    package init(market: MarketInput, scenarios: [ScenarioInput]) {
        self.market = market
        self.scenarios = scenarios
    }

    /// The years every scenario reaches: the base year up to the earliest horizon.
    package var commonYears: ClosedRange<Int> {
        market.baseYear...max(market.baseYear, scenarios.map(\.horizon).min() ?? market.baseYear)
    }
}

import Foundation

extension ShareCurve {
    /// `w(t)`: how far shares have moved from the base year (0) to the targets (1) in `year`.
    package func weight(year: Int, baseYear: Int, horizon: Int) -> Double {
        guard horizon > baseYear else { return 1 }
        switch self {
        case .linear:
            return Double(year - baseYear) / Double(horizon - baseYear)
        case .sCurve(let midpoint, let steepness):
            return Self.logisticWeight(
                at: Double(year), base: Double(baseYear), horizon: Double(horizon), midpoint: midpoint, steepness: steepness)
        }
    }

    /// `(L(t) − L(b)) / (L(H) − L(b))` for the logistic `L(x) = 1 / (1 + e^(−k(x − m)))`, in a form
    /// that stays exact at any midpoint.
    ///
    /// Subtracting two logistics cancels catastrophically when the midpoint lies far outside
    /// `[b, H]` (both values sit near 0 or near 1). Factoring the difference gives
    ///
    ///     L(t) − L(b) = e^(−k(b−m)) · (1 − e^(−k(t−b))) / ((1 + e^(−k(t−m))) (1 + e^(−k(b−m))))
    ///
    /// so the weight is `expm1(−k(t−b)) / expm1(−k(H−b)) · exp(softplus(−k(H−m)) − softplus(−k(t−m)))`,
    /// with no subtraction of nearly equal numbers. Its limits are the exponential paths
    /// `(e^{k(t−b)} − 1) / (e^{k(H−b)} − 1)` (midpoint far after the horizon) and its mirror
    /// (far before the base year), never the linear path.
    static func logisticWeight(at t: Double, base b: Double, horizon h: Double, midpoint m: Double, steepness k: Double) -> Double {
        // A zero steepness is the flat logistic, whose normalised limit is the straight line.
        guard k != 0 else { return (t - b) / (h - b) }
        let rise = expm1(-k * (t - b)) / expm1(-k * (h - b))
        return rise * exp(softplus(-k * (h - m)) - softplus(-k * (t - m)))
    }

    /// `log(1 + e^z)` without overflow for large `z` or loss for very negative `z`.
    static func softplus(_ z: Double) -> Double {
        z > 0 ? z + log1p(exp(-z)) : log1p(exp(z))
    }
}

import Foundation

extension ShareCurve {
    /// `w(t)`: how far shares have moved from the base year (0) to the targets (1) in `year`.
    public func weight(year: Int, baseYear: Int, horizon: Int) -> Double {
        guard horizon > baseYear else { return 1 }
        switch self {
        case .linear:
            return Double(year - baseYear) / Double(horizon - baseYear)
        case .sCurve(let midpoint, let steepness):
            func logistic(_ x: Double) -> Double { 1 / (1 + exp(-steepness * (x - midpoint))) }
            let start = logistic(Double(baseYear))
            let end = logistic(Double(horizon))
            // A curve so flat that L(H) = L(b) in floating point moves linearly instead.
            guard end - start > 1e-12 else { return Double(year - baseYear) / Double(horizon - baseYear) }
            return (logistic(Double(year)) - start) / (end - start)
        }
    }
}

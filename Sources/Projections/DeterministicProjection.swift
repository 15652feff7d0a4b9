import Foundation

/// One scenario projected year by year: market size, each vendor's share and revenue.
package struct ScenarioProjection: Sendable, Hashable {
    package var scenarioID: String
    package var probability: Double
    /// The base year through the horizon.
    package var years: [Int]
    /// `M(t)` per year.
    package var marketSize: [Double]
    /// `s_i(t)`: `shares[year index][vendor index]`, each row summing to 1.
    package var shares: [[Double]]
    /// `R_i(t) = M(t)·s_i(t)`, same layout as `shares`.
    package var revenue: [[Double]]

    package func index(of year: Int) -> Int? {
        guard let first = years.first, year >= first, year - first < years.count else { return nil }
        return year - first
    }
}

/// The probability-weighted view of a market over the years all its scenarios reach.
package struct WeightedProjection: Sendable, Hashable {
    package var years: [Int]
    /// `E[M(t)] = Σ_k p_k·M_k(t)`.
    package var marketSize: [Double]
    /// `E[R_i(t)] = Σ_k p_k·R_ik(t)`, `[year][vendor]`.
    package var revenue: [[Double]]
    /// `E[R_i(t)] / E[M(t)]` — revenue-weighted, not an average of shares.
    package var shares: [[Double]]
    /// 1 = largest weighted revenue that year; ties keep the market's vendor order.
    package var ranks: [[Int]]
}

package enum Projection {
    /// `M(t) = M(t−1)·(1+g(t))` and `s_i(t) = s_i(b) + w(t)·(s_i(H) − s_i(b))`, for t = b…H.
    package static func project(_ scenario: ScenarioInput, in market: MarketInput) -> ScenarioProjection {
        let years = Array(market.baseYear...max(market.baseYear, scenario.horizon))
        var size = [Double]()
        var shares = [[Double]]()
        var revenue = [[Double]]()
        size.reserveCapacity(years.count)
        var current = market.baseSize
        for year in years {
            if year > market.baseYear { current *= 1 + scenario.growth(in: year) }
            let w = scenario.curve.weight(year: year, baseYear: market.baseYear, horizon: scenario.horizon)
            let row = zip(market.baseShares, scenario.targetShares).map { base, target in base + w * (target - base) }
            size.append(current)
            shares.append(row)
            revenue.append(row.map { current * $0 })
        }
        return ScenarioProjection(
            scenarioID: scenario.id, probability: scenario.probability, years: years, marketSize: size, shares: shares, revenue: revenue)
    }

    /// Every scenario of the problem, in the problem's order.
    package static func project(_ problem: ProjectionProblem) -> [ScenarioProjection] {
        problem.scenarios.map { project($0, in: problem.market) }
    }

    /// The probability-weighted view over `problem.commonYears`.
    package static func weighted(_ projections: [ScenarioProjection], years: ClosedRange<Int>, vendorCount: Int) -> WeightedProjection {
        var size = [Double]()
        var revenue = [[Double]]()
        var shares = [[Double]]()
        var ranks = [[Int]]()
        for year in years {
            var m = 0.0
            var r = [Double](repeating: 0, count: vendorCount)
            for projection in projections {
                guard let t = projection.index(of: year) else { continue }
                m += projection.probability * projection.marketSize[t]
                for i in 0..<vendorCount { r[i] += projection.probability * projection.revenue[t][i] }
            }
            size.append(m)
            revenue.append(r)
            shares.append(r.map { m > 0 ? $0 / m : 0 })
            ranks.append(rank(r))
        }
        return WeightedProjection(years: Array(years), marketSize: size, revenue: revenue, shares: shares, ranks: ranks)
    }

    /// Values closer than this, relative to the larger, rank as equal: revenues that are equal in
    /// exact arithmetic can differ in the last bits after different sums of products.
    package static let rankTolerance = 1e-12

    /// Ranks (1 = largest). Values within `rankTolerance` of each other (relative) are ties, and ties
    /// keep the input's order (the market's vendor order), so floating-point noise never decides a rank.
    package static func rank(_ values: [Double]) -> [Int] {
        let descending = values.indices.sorted { a, b in values[a] != values[b] ? values[a] > values[b] : a < b }
        var order: [Int] = []
        order.reserveCapacity(values.count)
        var group: [Int] = []
        for index in descending {
            if let leader = group.first, !nearlyEqual(values[leader], values[index]) {
                order += group.sorted()
                group.removeAll(keepingCapacity: true)
            }
            group.append(index)
        }
        order += group.sorted()
        var ranks = [Int](repeating: 0, count: values.count)
        for (position, index) in order.enumerated() { ranks[index] = position + 1 }
        return ranks
    }

    static func nearlyEqual(_ a: Double, _ b: Double) -> Bool {
        a == b || abs(a - b) <= rankTolerance * max(abs(a), abs(b))
    }

    /// `(M(t2)/M(t1))^(1/(t2−t1)) − 1`.
    package static func cagr(from start: Double, to end: Double, years: Int) -> Double {
        guard years > 0, start > 0 else { return 0 }
        return pow(end / start, 1 / Double(years)) - 1
    }
}

import Foundation
import Testing
@testable import Projections

/// A two-vendor market over two years, small enough to compute by hand.
let handMarket = MarketInput(id: "m", baseYear: 2025, baseSize: 100, vendorIDs: ["a", "b"], baseShares: [80, 20])

@Test func linearProjectionByHand() {
    let scenario = ScenarioInput(id: "s", probability: 1, horizon: 2027, growthByYear: [2026: 0.5], cagr: 0.1, targetShares: [60, 40])
    let p = Projection.project(scenario, in: handMarket)
    #expect(p.years == [2025, 2026, 2027])
    // M(2026) = 100·1.5 = 150; M(2027) = 150·1.1 = 165.
    #expect(p.marketSize == [100, 150, 150 * 1.1])
    // w = 0, ½, 1: a's share 0.8 → 0.7 → 0.6.
    #expect(p.shares[1] == [0.7, 0.30000000000000004])
    #expect(p.shares[2] == [0.6, 0.4])
    #expect(abs(p.revenue[1][0] - 105) < 1e-12)
    #expect(abs(p.revenue[2][1] - 66) < 1e-9)
}

@Test func sCurveProjectionByHand() {
    let scenario = ScenarioInput(
        id: "s", probability: 1, horizon: 2027, cagr: 0, targetShares: [60, 40], curve: .sCurve(midpoint: 2026, steepness: 1))
    let p = Projection.project(scenario, in: handMarket)
    // L(x) = 1/(1+e^−(x−2026)); symmetric around the midpoint, so w(2026) = ½ exactly.
    let l = { (x: Double) in 1 / (1 + exp(-(x - 2026))) }
    let w = (l(2026) - l(2025)) / (l(2027) - l(2025))
    #expect(abs(w - 0.5) < 1e-15)
    #expect(abs(p.shares[1][0] - (0.8 + w * (0.6 - 0.8))) < 1e-15)
    #expect(p.shares[0] == [0.8, 0.2])
    #expect(abs(p.shares[2][0] - 0.6) < 1e-15)
    let steep = ShareCurve.sCurve(midpoint: 2028, steepness: 2)
    #expect(steep.weight(year: 2025, baseYear: 2025, horizon: 2030) == 0)
    #expect(abs(steep.weight(year: 2030, baseYear: 2025, horizon: 2030) - 1) < 1e-15)
    #expect(steep.weight(year: 2027, baseYear: 2025, horizon: 2030) < 0.5)
}

@Test func sharesSumToOneEveryYear() {
    let scenario = ScenarioInput(
        id: "s", probability: 1, horizon: 2030, growthByYear: [2026: 0.55], cagr: 0.15, targetShares: [65, 7, 28],
        curve: .sCurve(midpoint: 2028, steepness: 1))
    let market = MarketInput(id: "m", baseYear: 2025, baseSize: 207, vendorIDs: ["a", "b", "c"], baseShares: [77, 3.3, 19.7])
    for row in Projection.project(scenario, in: market).shares {
        #expect(abs(row.reduce(0, +) - 1) < 1e-12)
    }
}

@Test func weightedViewIsRevenueWeighted() {
    let problem = ProjectionProblem(market: handMarket, scenarios: [
        ScenarioInput(id: "up", probability: 0.25, horizon: 2027, cagr: 0.5, targetShares: [50, 50]),
        ScenarioInput(id: "flat", probability: 0.75, horizon: 2028, cagr: 0, targetShares: [90, 10]),
    ])
    let projections = Projection.project(problem)
    let weighted = Projection.weighted(projections, years: problem.commonYears, vendorCount: 2)
    #expect(weighted.years == [2025, 2026, 2027])
    for (t, year) in weighted.years.enumerated() {
        let expectedSize = 0.25 * projections[0].marketSize[t] + 0.75 * projections[1].marketSize[t]
        #expect(abs(weighted.marketSize[t] - expectedSize) < 1e-9, "\(year)")
        for i in 0..<2 {
            let expected = 0.25 * projections[0].revenue[t][i] + 0.75 * projections[1].revenue[t][i]
            #expect(abs(weighted.revenue[t][i] - expected) < 1e-9)
            #expect(abs(weighted.shares[t][i] - expected / expectedSize) < 1e-12)
        }
    }
    // 2027: up = 225 (a 112.5), flat = 100 (a 86.67): E[R_a] = 93.125, not an average of shares.
    #expect(abs(weighted.revenue[2][0] - (0.25 * 112.5 + 0.75 * 100 * (0.8 + 2.0 / 3.0 * 0.1))) < 1e-9)
    #expect(weighted.ranks[2] == [1, 2])
}

let rankCases: [([Double], [Int])] = [([3, 1, 2], [1, 3, 2]), ([5, 5, 1], [1, 2, 3]), ([0, 0, 0], [1, 2, 3])]

@Test(arguments: rankCases)
func ranksAreDescendingWithStableTies(_ values: [Double], _ expected: [Int]) {
    #expect(Projection.rank(values) == expected)
}

@Test func cagrBetweenTwoYears() {
    #expect(abs(Projection.cagr(from: 207, to: 561, years: 5) - 0.22065) < 1e-4)
    #expect(Projection.cagr(from: 0, to: 5, years: 2) == 0)
}

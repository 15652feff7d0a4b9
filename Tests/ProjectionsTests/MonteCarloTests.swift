import Foundation
import Testing
@testable import Projections

let bundledLikeProblem = ProjectionProblem(
    market: MarketInput(id: "ai", baseYear: 2025, baseSize: 207, vendorIDs: ["nvidia", "amd", "custom", "other"],
                        baseShares: [77, 3.3, 11.7, 8]),
    scenarios: [
        ScenarioInput(id: "base", probability: 0.5, horizon: 2030, growthByYear: [2026: 0.55], cagr: 0.15,
                      targetShares: [65, 7, 22, 6], curve: .sCurve(midpoint: 2028, steepness: 1), cagrSigma: 0.04, shareLogSigma: 0.15),
        ScenarioInput(id: "merchant", probability: 0.25, horizon: 2030, growthByYear: [2026: 0.55], cagr: 0.18,
                      targetShares: [52, 6, 36, 6], curve: .sCurve(midpoint: 2027, steepness: 1.2), cagrSigma: 0.06, shareLogSigma: 0.25),
        ScenarioInput(id: "holds", probability: 0.25, horizon: 2030, growthByYear: [2026: 0.60], cagr: 0.13,
                      targetShares: [75, 5, 14, 6], cagrSigma: 0.03, shareLogSigma: 0.10),
    ])

let allocationCases: [(Int, [Double], [Int])] = [
    (10_000, [0.5, 0.25, 0.25], [5000, 2500, 2500]), (7, [0.5, 0.25, 0.25], [3, 2, 2]), (10, [1.0 / 3, 1.0 / 3, 1.0 / 3], [4, 3, 3]),
    (3, [0.0, 1.0], [0, 3]), (0, [0.5, 0.5], [0, 0]), (101, [0.7, 0.2, 0.1], [71, 20, 10]),
]

@Test(arguments: allocationCases)
func pathsAreAllocatedByLargestRemainder(_ paths: Int, _ probabilities: [Double], _ expected: [Int]) {
    let allocation = MonteCarlo.allocate(paths, probabilities: probabilities)
    #expect(allocation == expected)
    #expect(allocation.reduce(0, +) == paths)
}

@Test func sameSeedSameResultWhateverTheThreadCount() {
    let one = MonteCarlo.run(bundledLikeProblem, paths: 2_001, seed: 42, threads: 1)
    let two = MonteCarlo.run(bundledLikeProblem, paths: 2_001, seed: 42, threads: 2)
    let many = MonteCarlo.run(bundledLikeProblem, paths: 2_001, seed: 42, threads: 7)
    #expect(one == two)
    #expect(one == many)
    let other = MonteCarlo.run(bundledLikeProblem, paths: 2_001, seed: 43, threads: 2)
    #expect(one != other)
}

@Test func bandsAreOrderedAndSharesSumToOne() {
    let result = MonteCarlo.run(bundledLikeProblem, paths: 3_000, seed: 7)
    #expect(result.years == [2026, 2027, 2028, 2029, 2030])
    #expect(result.allocation == [1500, 750, 750])
    for bands in [result.mixture] + result.perScenario {
        for t in result.years.indices {
            let m = bands.marketSize[t]
            #expect(m.p10 <= m.p50 && m.p50 <= m.p90)
            for i in 0..<4 {
                let r = bands.revenue[t][i]
                let s = bands.shares[t][i]
                #expect(r.p10 <= r.p50 && r.p50 <= r.p90)
                #expect(s.p10 <= s.p50 && s.p50 <= s.p90)
                #expect(s.p10 >= 0 && s.p90 <= 1)
            }
            // Each path's shares sum to 1, so the mean shares do too.
            #expect(abs(bands.shares[t].reduce(0) { $0 + $1.mean } - 1) < 1e-9)
        }
    }
}

@Test func withoutUncertaintyTheMeanIsTheWeightedProjection() {
    var problem = bundledLikeProblem
    for k in problem.scenarios.indices {
        problem.scenarios[k].cagrSigma = 0
        problem.scenarios[k].shareLogSigma = 0
    }
    let result = MonteCarlo.run(problem, paths: 1_000, seed: 1)
    let weighted = Projection.weighted(Projection.project(problem), years: problem.commonYears, vendorCount: 4)
    for (t, year) in result.years.enumerated() {
        let w = weighted.years.firstIndex(of: year)!
        #expect(abs(result.mixture.marketSize[t].mean - weighted.marketSize[w]) < 1e-9 * weighted.marketSize[w])
        for i in 0..<4 {
            #expect(abs(result.mixture.revenue[t][i].mean - weighted.revenue[w][i]) < 1e-9 * weighted.marketSize[w])
        }
        // Per scenario, every path is the deterministic path.
        let deterministic = Projection.project(problem.scenarios[0], in: problem.market)
        let band = result.perScenario[0].marketSize[t]
        #expect(band.p10 == deterministic.marketSize[t + 1] && band.p90 == deterministic.marketSize[t + 1])
    }
}

let percentileCases: [([Double], [Double])] = [
    ([1, 2, 3, 4], [1.3, 2.5, 3.7]), ([5], [5, 5, 5]), ([3, 1], [1.2, 2, 2.8]),
    ([10, 0, 5, 5, 5, 1, 9, 2, 8, 3, 7], [1, 5, 9]),
]

@Test(arguments: percentileCases)
func percentilesMatchNumpysLinearMethod(_ values: [Double], _ expected: [Double]) {
    var copy = values
    let q = copy.withUnsafeMutableBufferPointer { Percentile.quantiles($0, [0.1, 0.5, 0.9]) }
    for (a, b) in zip(q, expected) { #expect(abs(a - b) < 1e-12, "\(q) vs \(expected)") }
}

@Test func percentilesOfShuffledDataEqualThoseOfSortedData() {
    var generator = PathRandom(seed: 9, path: 0)
    for n in [2, 3, 17, 100, 1_001] {
        let values = (0..<n).map { _ in generator.normal() }
        var shuffled = values
        let fast = shuffled.withUnsafeMutableBufferPointer { Percentile.quantiles($0, [0.1, 0.5, 0.9]) }
        let sorted = values.sorted()
        let reference = [0.1, 0.5, 0.9].map { q -> Double in
            let h = q * Double(n - 1)
            let lo = Int(h.rounded(.down))
            return Percentile.lerp(sorted[lo], sorted[min(n - 1, lo + 1)], h - Double(lo))
        }
        #expect(fast == reference)
    }
}

@Test func normalDrawsLookNormal() {
    var generator = PathRandom(seed: 2026, path: 5)
    let draws = (0..<200_000).map { _ in generator.normal() }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
    #expect(abs(mean) < 0.01)
    #expect(abs(variance - 1) < 0.01)
    #expect(Double(draws.filter { abs($0) < 1.959964 }.count) / Double(draws.count) > 0.945)
}

@Test func zeroProbabilitiesRunNoPaths() {
    var problem = bundledLikeProblem
    for k in problem.scenarios.indices { problem.scenarios[k].probability = 0 }
    let result = MonteCarlo.run(problem, paths: 100, seed: 1)
    #expect(result.allocation == [0, 0, 0])
    #expect(result.mixture.marketSize.allSatisfy { $0.mean.isNaN })
}

/// Large inputs take the bucketed path; it must agree exactly with plain selection.
@Test(arguments: [5_000, 100_000])
func bucketedPercentilesEqualPlainSelection(_ n: Int) {
    var generator = PathRandom(seed: UInt64(n), path: 3)
    var values = (0..<n).map { i -> Double in
        let x = generator.normal()
        // Heavy tail, ties and a clamp at zero, as market sizes have.
        return i % 97 == 0 ? 1e6 * x : i % 13 == 0 ? 0 : max(0, exp(2 * x))
    }
    var copy = values
    let fast = values.withUnsafeMutableBufferPointer { Percentile.quantiles($0, [0.1, 0.5, 0.9]) }
    let plain = copy.withUnsafeMutableBufferPointer { Percentile.selected($0, [0.1, 0.5, 0.9]) }
    #expect(fast == plain)
}

/// A working memory too small for all columns splits the run into blocks of columns; the paths are
/// simulated again for each block and every band is the same to the bit.
@Test(arguments: [1, 3, 7])
func blockedRunsGiveTheSameBandsAsOneBlock(columnsPerBlock: Int) {
    let whole = MonteCarlo.run(bundledLikeProblem, paths: 2_001, seed: 42, threads: 2)
    let vendors = bundledLikeProblem.market.vendorIDs.count
    let plan = MonteCarlo.MemoryPlan(
        paths: 2_001, years: whole.years.count, vendors: vendors, scenarios: bundledLikeProblem.scenarios.count, threads: 2,
        workingMemory: 0)
    #expect(plan.columnsPerBlock == 1)
    // Working memory for exactly `columnsPerBlock` columns beside the scratch and bands.
    let budget = plan.minimumBytes + (columnsPerBlock - 1) * 2_001 * 8
    let sized = MonteCarlo.MemoryPlan(
        paths: 2_001, years: whole.years.count, vendors: vendors, scenarios: bundledLikeProblem.scenarios.count, threads: 2,
        workingMemory: budget)
    #expect(sized.columnsPerBlock == columnsPerBlock)
    #expect(sized.blocks == (sized.columns + columnsPerBlock - 1) / columnsPerBlock)
    let blocked = MonteCarlo.run(bundledLikeProblem, paths: 2_001, seed: 42, threads: 2, workingMemory: budget)
    #expect(blocked == whole)
}

/// The estimate a user sees before a large run: 10 million paths over 5 years and 8 vendors hold
/// 85 columns of 80 MB each at once, but need only one column and the workers' scratch.
@Test func memoryPlanForTenMillionPaths() {
    let plan = MonteCarlo.MemoryPlan(paths: 10_000_000, years: 5, vendors: 8, scenarios: 3, threads: 2, workingMemory: 1 << 30)
    #expect(plan.columns == 85)
    #expect(plan.fullBytes > 6_800_000_000)
    #expect(plan.minimumBytes < 250_000_000)
    #expect(plan.columnsPerBlock == 11)
    #expect(plan.blocks == 8)
    #expect(plan.largestPaths(within: plan.minimumBytes) == 10_000_000)
    #expect(plan.largestPaths(within: 100 << 20) < 10_000_000)
    // Absurd shapes saturate instead of overflowing.
    let huge = MonteCarlo.MemoryPlan(paths: Int.max / 2, years: 1_000, vendors: 1_000, scenarios: 1, threads: 64, workingMemory: 1 << 30)
    #expect(huge.fullBytes == Int.max)
}

/// A scan made while the values were filled in gives the same percentiles as the narrowing's own
/// scan, including when it must refuse (−0.0, NaN, all equal).
@Test(arguments: [0, 1, 2, 3])
func precomputedScanGivesTheSamePercentiles(_ variant: Int) {
    var generator = PathRandom(seed: 77, path: variant)
    var values = (0..<4_096).map { _ in max(0, exp(generator.normal())) }
    if variant == 1 { values[100] = -0.0 }
    if variant == 2 { values[7] = .nan }
    if variant == 3 { values = Array(repeating: 2.5, count: 4_096) }
    var scan = Percentile.Scan(first: values[0])
    for v in values { scan.add(v) }
    var copy = values
    let scanned = values.withUnsafeMutableBufferPointer { Percentile.quantiles($0, [0.1, 0.5, 0.9], scanned: scan) }
    let plain = copy.withUnsafeMutableBufferPointer { Percentile.quantiles($0, [0.1, 0.5, 0.9]) }
    #expect(scanned.map(\.bitPattern) == plain.map(\.bitPattern))
}

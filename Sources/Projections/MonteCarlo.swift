import Dispatch
import Foundation

/// P10, P50, P90 and mean of one figure across paths.
package struct Band: Sendable, Hashable, Encodable {
    package var p10: Double
    package var p50: Double
    package var p90: Double
    package var mean: Double
}

/// Bands for every figure of a market over the projection years.
package struct Bands: Sendable, Hashable {
    /// `[year]`.
    package var marketSize: [Band]
    /// `[year][vendor]`.
    package var revenue: [[Band]]
    /// `[year][vendor]`, shares as fractions.
    package var shares: [[Band]]
}

package struct MonteCarloResult: Sendable, Hashable {
    /// The base year's successors up to the earliest horizon: the years every path covers.
    package var years: [Int]
    package var paths: Int
    package var seed: UInt64
    /// Paths per scenario (largest remainder), in the problem's scenario order.
    package var allocation: [Int]
    /// All paths together.
    package var mixture: Bands
    /// Per scenario, in the problem's order (a scenario with no paths has NaN bands).
    package var perScenario: [Bands]
}

/// Monte Carlo around the deterministic projection (see `docs/methodology.md`).
package enum MonteCarlo {
    /// Splits `paths` among scenarios in proportion to probability by largest remainder;
    /// ties go to the earlier scenario.
    package static func allocate(_ paths: Int, probabilities: [Double]) -> [Int] {
        let total = probabilities.reduce(0, +)
        guard total > 0, paths > 0 else { return probabilities.map { _ in 0 } }
        let quotas = probabilities.map { Double(paths) * $0 / total }
        var counts = quotas.map { Int($0.rounded(.down)) }
        let remainders = quotas.enumerated().map { ($0.offset, $0.element - Double(counts[$0.offset])) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        for (index, _) in remainders.prefix(paths - counts.reduce(0, +)) { counts[index] += 1 }
        return counts
    }

    /// Runs `paths` paths with `seed` on all cores. `threads` sets how finely the paths are split
    /// into work items (about four per thread); the result never depends on it. Scenarios whose
    /// probabilities are all zero get no paths.
    ///
    /// At most `workingMemory` bytes hold simulated figures at once: when every figure of every
    /// path does not fit, the figures are processed a block of columns at a time and the paths are
    /// simulated again for each block. A path's draws depend only on the seed and the path number,
    /// so every block sees the same values and the result is the same to the bit (see `MemoryPlan`).
    package static func run(
        _ problem: ProjectionProblem, paths requested: Int, seed: UInt64,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount, workingMemory: Int = MemoryPlan.defaultWorkingMemory
    ) -> MonteCarloResult {
        let market = problem.market
        let years = Array((market.baseYear + 1)...max(market.baseYear + 1, problem.commonYears.upperBound))
        let yearCount = problem.commonYears.upperBound > market.baseYear ? years.count : 0
        let vendorCount = market.vendorIDs.count
        let allocation = allocate(requested, probabilities: problem.scenarios.map(\.probability))
        let paths = allocation.reduce(0, +)
        let starts = allocation.indices.map { allocation[..<$0].reduce(0, +) }
        let plans = problem.scenarios.map { ScenarioPlan($0, market: market, years: Array(years.prefix(yearCount))) }
        let workers = max(1, min(threads, 64))
        // One column per (figure, year, vendor), one row per path.
        let memory = MemoryPlan(paths: paths, years: yearCount, vendors: vendorCount, scenarios: allocation.count, threads: workers, workingMemory: workingMemory)
        let columns = memory.columns
        let groups: [Range<Int>] = [0..<paths] + allocation.indices.map { starts[$0]..<(starts[$0] + allocation[$0]) }
        var bands = [Band](repeating: Band(p10: .nan, p50: .nan, p90: .nan, mean: .nan), count: columns * groups.count)
        // Column-major storage for one block of columns. Left uninitialized: every path writes every
        // column of a block before the block is read, so zeroing it first only cost a serial pass
        // over megabytes (and its page faults) before the parallel simulation.
        let storageCount = min(columns, memory.columnsPerBlock) * paths
        var storage = [Double](unsafeUninitializedCapacity: storageCount) { _, count in count = storageCount }
        var blockStart = 0
        while blockStart < columns, paths > 0 {
            let block = blockStart..<min(columns, blockStart + memory.columnsPerBlock)
            simulate(
                block: block, into: &storage, paths: paths, workers: workers, plans: plans, starts: starts,
                allocation: allocation, seed: seed, market: market)
            summarise(block: block, of: storage, paths: paths, groups: groups, columns: columns, into: &bands)
            blockStart = block.upperBound
        }
        func assemble(_ g: Int) -> Bands {
            let offset = g * columns
            return Bands(
                marketSize: (0..<yearCount).map { bands[offset + $0] },
                revenue: (0..<yearCount).map { t in (0..<vendorCount).map { bands[offset + yearCount + t * vendorCount + $0] } },
                shares: (0..<yearCount).map { t in
                    (0..<vendorCount).map { bands[offset + yearCount + yearCount * vendorCount + t * vendorCount + $0] }
                })
        }
        return MonteCarloResult(
            years: Array(years.prefix(yearCount)), paths: paths, seed: seed, allocation: allocation, mixture: assemble(0),
            perScenario: allocation.indices.map { assemble($0 + 1) })
    }
}

extension MonteCarlo {
    /// Simulates every path and keeps the figures of the columns in `block` (column-major in `storage`).
    fileprivate static func simulate(
        block: Range<Int>, into storage: inout [Double], paths: Int, workers: Int, plans: [ScenarioPlan], starts: [Int],
        allocation: [Int], seed: UInt64, market: MarketInput
    ) {
        let vendorCount = market.vendorIDs.count
        storage.withUnsafeMutableBufferPointer { buffer in
            let chunk = (paths + workers * 4 - 1) / max(1, workers * 4)
            let chunks = chunk == 0 ? 0 : (paths + chunk - 1) / chunk
            let shared = UnsafeSendable(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: chunks) { chunkIndex in
                let pointer = shared.value
                var eps = [Double](repeating: 0, count: vendorCount)
                var target = [Double](repeating: 0, count: vendorCount)
                var scenario = 0
                let first = chunkIndex * chunk
                for path in first..<min(paths, first + chunk) {
                    while scenario + 1 < starts.count && path >= starts[scenario + 1] { scenario += 1 }
                    while scenario < allocation.count && allocation[scenario] == 0 { scenario += 1 }
                    plans[scenario].simulate(
                        path: path, seed: seed, market: market, eps: &eps, target: &target,
                        store: { column, value in
                            if block.contains(column) { pointer[(column - block.lowerBound) * paths + path] = value }
                        })
                }
            }
        }
    }

    /// P10, P50, P90 and mean of every column of `block`, for the mixture and each scenario's paths.
    fileprivate static func summarise(
        block: Range<Int>, of storage: [Double], paths: Int, groups: [Range<Int>], columns: Int, into bands: inout [Band]
    ) {
        storage.withUnsafeBufferPointer { buffer in
            let data = UnsafeSendable(buffer.baseAddress!)
            bands.withUnsafeMutableBufferPointer { out in
                let results = UnsafeSendable(out.baseAddress!)
                DispatchQueue.concurrentPerform(iterations: block.count) { offset in
                    let column = block.lowerBound + offset
                    // Written before it is read, for each group: not zeroed first.
                    var scratch = [Double](unsafeUninitializedCapacity: paths) { _, count in count = paths }
                    for (g, range) in groups.enumerated() where !range.isEmpty {
                        let source = data.value + offset * paths
                        var sum = 0.0
                        var scan = Percentile.Scan(first: source[range.lowerBound])
                        scratch.withUnsafeMutableBufferPointer { s in
                            let slice = UnsafeMutableBufferPointer(rebasing: s[0..<range.count])
                            // The mean's sum in path order, and the percentiles' first scan, as the values are copied.
                            for (index, i) in range.enumerated() {
                                let value = source[i]
                                sum += value
                                scan.add(value)
                                slice[index] = value
                            }
                            let q = Percentile.quantiles(slice, [0.1, 0.5, 0.9], scanned: scan)
                            results.value[g * columns + column] = Band(p10: q[0], p50: q[1], p90: q[2], mean: sum / Double(range.count))
                        }
                    }
                }
            }
        }
    }
}

/// A scenario's deterministic pieces, computed once for all its paths.
struct ScenarioPlan: Sendable {
    let growth: [Double]
    let weights: [Double]
    let logTargets: [Double]
    let targets: [Double]
    let cagrSigma: Double
    let shareLogSigma: Double
    let years: Int

    init(_ scenario: ScenarioInput, market: MarketInput, years: [Int]) {
        growth = years.map { scenario.growth(in: $0) }
        weights = years.map { scenario.curve.weight(year: $0, baseYear: market.baseYear, horizon: scenario.horizon) }
        targets = scenario.targetShares
        logTargets = scenario.targetShares.map { $0 > 0 ? log($0) : -.infinity }
        cagrSigma = scenario.cagrSigma
        shareLogSigma = scenario.shareLogSigma
        self.years = years.count
    }

    /// One path: `g'(t) = g(t) + σ_g·z`, `s'(H) = softmax(log s(H) + σ_s·ε)`, then the deterministic rules.
    @inline(__always)
    func simulate(
        path: Int, seed: UInt64, market: MarketInput, eps: inout [Double], target: inout [Double],
        store: (Int, Double) -> Void
    ) {
        var random = PathRandom(seed: seed, path: path)
        let z = random.normal()
        let vendorCount = targets.count
        for i in 0..<vendorCount { eps[i] = random.normal() }
        if shareLogSigma > 0 {
            var largest = -Double.infinity
            for i in 0..<vendorCount {
                target[i] = logTargets[i] + shareLogSigma * eps[i]
                largest = max(largest, target[i])
            }
            var total = 0.0
            for i in 0..<vendorCount {
                target[i] = largest.isFinite ? exp(target[i] - largest) : 0
                total += target[i]
            }
            for i in 0..<vendorCount { target[i] = total > 0 ? target[i] / total : targets[i] }
        } else {
            for i in 0..<vendorCount { target[i] = targets[i] }
        }
        var size = market.baseSize
        for t in 0..<years {
            // Growth below −100% would make the market negative: it stops at zero instead.
            size *= max(0, 1 + growth[t] + cagrSigma * z)
            store(t, size)
            let w = weights[t]
            for i in 0..<vendorCount {
                let share = market.baseShares[i] + w * (target[i] - market.baseShares[i])
                store(years + t * vendorCount + i, size * share)
                store(years + years * vendorCount + t * vendorCount + i, share)
            }
        }
    }
}

/// A pointer handed to concurrent workers that write disjoint elements.
struct UnsafeSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

import BenchmarkSupport
import Foundation
import Projections

/// Runs the Monte Carlo projection once (after optional warm-up runs) and reports the time;
/// used by scripts/bench-projections.
/// Usage: ProjectionBenchmark INPUT.json [--paths N] [--seed S] [--threads T] [--warmup N] [--working-memory-mib N] [--dump FILE]
///
/// `--dump FILE` writes every band of the timed run (mixture, then each scenario; market size,
/// revenue, shares; P10, P50, P90, mean) one number per line in Swift's shortest round-trip form,
/// so two builds can be compared bit for bit (`cmp`) after a change to the Monte Carlo code.
///
/// INPUT.json is written by the driver so that the numpy peer reads exactly the same inputs:
/// `{"market": {"id", "base_year", "base_size", "vendors", "base_shares"},
///   "scenarios": [{"id", "probability", "horizon", "growth_by_year": {"2026": g}, "cagr",
///                  "target_shares", "curve": {"type": "linear"} | {"type": "s-curve", "midpoint", "steepness"},
///                  "cagr_sigma", "share_log_sigma"}],
///   "paths", "seed"}`.
/// Prints one JSON line: elapsed seconds of the timed run (monotonic clock), peak RSS in KiB
/// (VmHWM), threads, the allocation, and cross-check figures from the mixture at the horizon.
struct Input: Decodable {
    struct Market: Decodable {
        let id: String
        let baseYear: Int
        let baseSize: Double
        let vendors: [String]
        let baseShares: [Double]
    }
    struct Curve: Decodable {
        let type: String
        let midpoint: Double?
        let steepness: Double?
    }
    struct Scenario: Decodable {
        let id: String
        let probability: Double
        let horizon: Int
        let growthByYear: [String: Double]
        let cagr: Double
        let targetShares: [Double]
        let curve: Curve
        let cagrSigma: Double
        let shareLogSigma: Double
    }
    let market: Market
    let scenarios: [Scenario]
    let paths: Int
    let seed: UInt64
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("ProjectionBenchmark: \(message)\n".utf8))
    exit(2)
}

let args = Array(CommandLine.arguments.dropFirst())
guard let inputPath = args.first, !inputPath.hasPrefix("--") else {
    fail("usage: ProjectionBenchmark INPUT.json [--paths N] [--seed S] [--threads T] [--warmup N] [--working-memory-mib N] [--dump FILE]")
}
func option(_ name: String) -> String? { args.firstIndex(of: name).flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil } }

let input: Input
do {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase  // the input file's keys are snake_case
    input = try decoder.decode(Input.self, from: Data(contentsOf: URL(fileURLWithPath: inputPath)))
} catch {
    fail("cannot read \(inputPath): \(error)")
}
let paths = option("--paths").map { Int($0)! } ?? input.paths
let seed = option("--seed").map { UInt64($0)! } ?? input.seed
let threads = option("--threads").map { Int($0)! } ?? ProcessInfo.processInfo.activeProcessorCount
/// `--working-memory-mib N`: the Monte Carlo working memory (default: the product's default).
let workingMemory = option("--working-memory-mib").map { Int($0)! << 20 } ?? MonteCarlo.MemoryPlan.defaultWorkingMemory
let warmup = option("--warmup").map { Int($0)! } ?? 0

let market = MarketInput(
    id: input.market.id, baseYear: input.market.baseYear, baseSize: input.market.baseSize,
    vendorIDs: input.market.vendors, baseShares: input.market.baseShares)
let scenarios = input.scenarios.map { s -> ScenarioInput in
    let curve: ShareCurve
    switch s.curve.type {
    case "linear": curve = .linear
    case "s-curve": curve = .sCurve(midpoint: s.curve.midpoint!, steepness: s.curve.steepness!)
    default: fail("unknown curve \(s.curve.type)")
    }
    let growth = Dictionary(uniqueKeysWithValues: s.growthByYear.map { (Int($0.key)!, $0.value) })
    return ScenarioInput(
        id: s.id, probability: s.probability, horizon: s.horizon, growthByYear: growth, cagr: s.cagr,
        targetShares: s.targetShares, curve: curve, cagrSigma: s.cagrSigma, shareLogSigma: s.shareLogSigma)
}
let problem = ProjectionProblem(market: market, scenarios: scenarios)
let baseline = peakRSSKiB()

for _ in 0..<warmup { _ = MonteCarlo.run(problem, paths: paths, seed: seed, threads: threads, workingMemory: workingMemory) }
let start = monotonicSeconds()
let result = MonteCarlo.run(problem, paths: paths, seed: seed, threads: threads, workingMemory: workingMemory)
let elapsed = monotonicSeconds() - start

if let dumpPath = option("--dump") {
    var lines: [String] = ["years \(result.years)", "allocation \(result.allocation)"]
    func dump(_ name: String, _ band: Band) {
        lines.append("\(name) \(band.p10) \(band.p50) \(band.p90) \(band.mean)")
    }
    for (g, bands) in ([result.mixture] + result.perScenario).enumerated() {
        let group = g == 0 ? "mixture" : problem.scenarios[g - 1].id
        for (t, year) in result.years.enumerated() {
            dump("\(group) \(year) market", bands.marketSize[t])
            for i in market.vendorIDs.indices {
                dump("\(group) \(year) revenue \(market.vendorIDs[i])", bands.revenue[t][i])
                dump("\(group) \(year) share \(market.vendorIDs[i])", bands.shares[t][i])
            }
        }
    }
    do {
        try (lines.joined(separator: "\n") + "\n").write(toFile: dumpPath, atomically: true, encoding: .utf8)
    } catch {
        fail("cannot write \(dumpPath): \(error)")
    }
}

let horizon = result.years.count - 1
let size = result.mixture.marketSize[horizon]
let share = result.mixture.shares[horizon][0]
let report: [String: Any] = [
    "implementation": "ours", "elapsed_s": elapsed, "peak_rss_kib": peakRSSKiB(), "baseline_rss_kib": baseline,
    "threads": threads, "paths": paths, "seed": seed, "warmup": warmup, "years": result.years,
    "allocation": result.allocation,
    "market_p50": size.p50, "market_mean": size.mean, "market_p10": size.p10, "market_p90": size.p90,
    "share0_p50": share.p50, "share0_mean": share.mean,
]
let line = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
print(String(decoding: line, as: UTF8.self))

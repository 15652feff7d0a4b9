import Crypto
import Foundation
import Projections
import Workspace

/// Everything `briefing project` reports for one market: the inputs' identity, each scenario's
/// path, the probability-weighted view, and optionally Monte Carlo bands and the tornado.
package struct ProjectionReport: Sendable {
    package struct Options: Sendable {
        package var monteCarlo: (paths: Int, seed: UInt64)?
        package var sensitivity: Bool
        package var threads: Int
        /// Bytes of simulated figures the Monte Carlo run holds at once (`MonteCarlo.MemoryPlan`).
        package var workingMemory: Int

        package init(
            monteCarlo: (paths: Int, seed: UInt64)? = nil, sensitivity: Bool = false,
            threads: Int = ProcessInfo.processInfo.activeProcessorCount,
            workingMemory: Int = MonteCarlo.MemoryPlan.defaultWorkingMemory
        ) {
            self.monteCarlo = monteCarlo
            self.sensitivity = sensitivity
            self.threads = threads
            self.workingMemory = workingMemory
        }
    }

    package var market: Market
    package var scenarios: [Scenario]
    /// Workspace-relative path → SHA-256 of the file, for every input the figures come from.
    package var inputHashes: [String: String]
    package var problem: ProjectionProblem
    package var projections: [ScenarioProjection]
    package var weighted: WeightedProjection
    package var monteCarlo: MonteCarloResult?
    package var sensitivity: [SensitivityTable]?
    /// Vendor id → display name, for people-facing text.
    package var vendorNames: [String: String]

    /// The memory a Monte Carlo run of `market` with `paths` paths would need, before running it.
    package static func monteCarloMemory(market: Market, workspace: Workspace, paths: Int, options: Options) -> MonteCarlo.MemoryPlan {
        let problem = ProjectionInputs.problem(for: market, scenarios: workspace.scenarios(of: market.id))
        let years = max(0, problem.commonYears.upperBound - problem.market.baseYear)
        return MonteCarlo.MemoryPlan(
            paths: paths, years: years, vendors: market.vendorIDs.count, scenarios: problem.scenarios.count,
            threads: options.threads, workingMemory: options.workingMemory)
    }

    /// Projects `market` of `workspace` (whose files are under `root`).
    package static func build(market: Market, workspace: Workspace, root: URL, options: Options) -> ProjectionReport {
        let scenarios = workspace.scenarios(of: market.id)
        let problem = ProjectionInputs.problem(for: market, scenarios: scenarios)
        let projections = Projection.project(problem)
        let weighted = Projection.weighted(projections, years: problem.commonYears, vendorCount: market.vendorIDs.count)
        let monteCarlo = options.monteCarlo.map { MonteCarlo.run(problem, paths: $0.paths, seed: $0.seed, threads: options.threads, workingMemory: options.workingMemory)
        }
        let sensitivity = options.sensitivity
            ? Sensitivity.tornado(problem, steps: ProjectionInputs.steps(workspace.config.defaults.sensitivity)) : nil
        var hashes: [String: String] = [:]
        for path in [WorkspaceFiles.manifest, market.path, market.historyPath] + scenarios.map(\.path) {
            hashes[path] = WorkspaceFiles.sha256(root.appendingPathComponent(path))
        }
        return ProjectionReport(
            market: market, scenarios: scenarios, inputHashes: hashes, problem: problem, projections: projections,
            weighted: weighted, monteCarlo: monteCarlo, sensitivity: sensitivity,
            vendorNames: Dictionary(uniqueKeysWithValues: workspace.vendors.map { ($0.id, $0.name) }))
    }
}

/// The workspace's typed values as the projection engine's inputs.
package enum ProjectionInputs {
    package static func problem(for market: Market, scenarios: [Scenario]) -> ProjectionProblem {
        let base = market.history.last
        let input = MarketInput(
            id: market.id, baseYear: market.baseYear, baseSize: base?.total ?? 0, vendorIDs: market.vendorIDs,
            baseShares: market.vendorIDs.map { base?.shares[$0] ?? 0 })
        return ProjectionProblem(market: input, scenarios: scenarios.map { scenario in
            ScenarioInput(
                id: scenario.id, probability: scenario.probability, horizon: scenario.horizon, growthByYear: scenario.growthByYear,
                cagr: scenario.cagr, targetShares: market.vendorIDs.map { scenario.targetShares[$0] ?? 0 },
                curve: curve(scenario.curve), cagrSigma: scenario.cagrSigma, shareLogSigma: scenario.shareLogSigma)
        })
    }

    static func curve(_ curve: Curve) -> ShareCurve {
        switch curve {
        case .linear: return .linear
        case .sCurve(let midpoint, let steepness): return .sCurve(midpoint: midpoint, steepness: steepness)
        }
    }

    package static func steps(_ steps: WorkspaceConfig.SensitivitySteps) -> SensitivitySteps {
        SensitivitySteps(cagrStep: steps.cagrStep, probabilityStep: steps.probabilityStep, shareFactor: steps.shareFactor)
    }
}

/// Workspace files by content.
package enum WorkspaceFiles {
    package static let manifest = "briefing.yaml"

    /// Lowercase hex SHA-256 of the file's bytes (`"missing"` when it cannot be read).
    package static func sha256(_ url: URL) -> String {
        guard let data = try? Data(contentsOf: url) else { return "missing" }
        return sha256(data)
    }

    /// Lowercase hex SHA-256 of `data`.
    package static func sha256(_ data: Data) -> String {
        hex(SHA256.hash(data: data))
    }

    /// Lowercase hex of `bytes`. Written out by hand: `String(format: "%02x")` per byte went through
    /// Foundation's format parser and cost a weekly run several milliseconds over its ~100 hashes.
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

import Crypto
import Foundation
import Projections
import Workspace

/// Everything `briefing project` reports for one market: the inputs' identity, each scenario's
/// path, the probability-weighted view, and optionally Monte Carlo bands and the tornado.
public struct ProjectionReport: Sendable {
    public struct Options: Sendable {
        public var monteCarlo: (paths: Int, seed: UInt64)?
        public var sensitivity: Bool
        public var threads: Int
        /// Bytes of simulated figures the Monte Carlo run holds at once (`MonteCarlo.MemoryPlan`).
        public var workingMemory: Int

        public init(
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

    public var market: Market
    public var scenarios: [Scenario]
    /// Workspace-relative path → SHA-256 of the file, for every input the figures come from.
    public var inputHashes: [String: String]
    public var problem: ProjectionProblem
    public var projections: [ScenarioProjection]
    public var weighted: WeightedProjection
    public var monteCarlo: MonteCarloResult?
    public var sensitivity: [SensitivityTable]?
    /// Vendor id → display name, for people-facing text.
    public var vendorNames: [String: String]

    /// The memory a Monte Carlo run of `market` with `paths` paths would need, before running it.
    public static func monteCarloMemory(market: Market, workspace: Workspace, paths: Int, options: Options) -> MonteCarlo.MemoryPlan {
        let problem = ProjectionInputs.problem(for: market, scenarios: workspace.scenarios(of: market.id))
        let years = max(0, problem.commonYears.upperBound - problem.market.baseYear)
        return MonteCarlo.MemoryPlan(
            paths: paths, years: years, vendors: market.vendorIDs.count, scenarios: problem.scenarios.count,
            threads: options.threads, workingMemory: options.workingMemory)
    }

    /// Projects `market` of `workspace` (whose files are under `root`).
    public static func build(market: Market, workspace: Workspace, root: URL, options: Options) -> ProjectionReport {
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
public enum ProjectionInputs {
    public static func problem(for market: Market, scenarios: [Scenario]) -> ProjectionProblem {
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

    public static func steps(_ steps: WorkspaceConfig.SensitivitySteps) -> SensitivitySteps {
        SensitivitySteps(cagrStep: steps.cagrStep, probabilityStep: steps.probabilityStep, shareFactor: steps.shareFactor)
    }
}

/// Workspace files by content.
public enum WorkspaceFiles {
    public static let manifest = "briefing.yaml"

    /// Lowercase hex SHA-256 of the file's bytes (`"missing"` when it cannot be read).
    public static func sha256(_ url: URL) -> String {
        guard let data = try? Data(contentsOf: url) else { return "missing" }
        return sha256(data)
    }

    /// Lowercase hex SHA-256 of `data`.
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }
}

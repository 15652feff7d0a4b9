import Foundation
import TestSupport
import Testing
import Workspace

/// A complete, valid workspace written to a temporary folder: `briefing.yaml`, a source
/// registry, one market (YAML and history CSV) with three vendors, their narratives, two
/// scenarios whose probabilities sum to 1, and one event. Tests patch single files and load.
///
/// Line numbers in the expected diagnostics of the tests refer to the files below, so keep
/// their lines stable (append rather than insert).
final class WorkspaceFixture {
    /// The date every rule is checked against unless a test says otherwise.
    static let asOf = Day("2026-11-27")!

    let root: URL

    /// Writes the valid workspace, then `files` over it (a `nil` text removes that file).
    init(_ files: [String: String?] = [:]) throws {
        root = try TemporaryDirectory(prefix: "workspace").url
        for (path, text) in WorkspaceFixture.files { try write(path, text) }
        for (path, text) in files {
            if let text { try write(path, text) } else { try remove(path) }
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ path: String) -> URL { root.appendingPathComponent(path) }

    func write(_ path: String, _ text: String) throws {
        try write(path, bytes: Data(text.utf8))
    }

    func write(_ path: String, bytes: Data) throws {
        let target = url(path)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: target)
    }

    func remove(_ path: String) throws {
        try FileManager.default.removeItem(at: url(path))
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: url(path), encoding: .utf8)
    }

    /// Replaces the one occurrence of `old` in the file; fails the test when it is not there
    /// exactly once, so a patch never silently misses.
    func replace(_ old: String, with new: String, in path: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try self.text(path)
        let count = text.components(separatedBy: old).count - 1
        try #require(count == 1, "'\(old)' occurs \(count) times in \(path)", sourceLocation: sourceLocation)
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    /// Loads with paths shown relative to the workspace (`Data/...`), as `briefing check` does
    /// from the workspace folder.
    func load(asOf: Day? = WorkspaceFixture.asOf) -> WorkspaceLoadResult {
        WorkspaceLoader(root: root, displayPrefix: "").load(asOf: asOf)
    }

    /// The diagnostics of a load, one `description` per element.
    func diagnostics(asOf: Day? = WorkspaceFixture.asOf) -> [String] {
        load(asOf: asOf).diagnostics.map(\.description)
    }

    // MARK: - The valid workspace

    static let files: [String: String] = [
        "briefing.yaml": briefing,
        "Data/sources.yaml": sources,
        "Data/markets/accelerators.yaml": market,
        "Data/markets/accelerators.csv": history,
        "Data/vendors/nvidia.md": nvidia,
        "Data/vendors/amd.md": amd,
        "Data/vendors/google-tpu.md": googleTPU,
        "Data/scenarios/base.yaml": baseScenario,
        "Data/scenarios/custom.yaml": customScenario,
        "Data/events/2026-11-20-tpu-sales.md": event,
    ]

    static let briefing = """
        title: Test Briefing
        team: Infrastructure Research
        cadence: weekly
        timezone: UTC
        base_url: https://research.example.internal/briefing
        disclaimer: For internal discussion only.
        defaults:
          horizon: 2030
          validation:
            share_tolerance_pp: 0.1
            stale_narrative_days: 90

        """

    static let sources = """
        - id: research-2025
          publisher: Research Firm
          title: Accelerator market sizes
          date: 2025-06-10
          url: https://example.com/research
          kind: estimate
        - id: team-shares
          publisher: Infrastructure Research
          title: Vendor shares
          kind: illustrative
          note: The team's own split.

        """

    static let market = """
        id: accelerators
        name: AI accelerators
        definition: Chips sold for data-center AI, valued at vendor revenue.
        unit: billions
        currency: USD
        base_year: 2025
        vendors: [nvidia, amd, google-tpu]
        history:
          file: accelerators.csv
          values: share
          normalize: false
        sources:
          total: research-2025
          vendors: team-shares
        confidence: estimate

        """

    static let history = """
        year,total,nvidia,amd,google-tpu
        2023,50,80,10,10
        2024,100,75,10,15
        2025,200,70,10,20

        """

    static let nvidia = """
        ---
        id: nvidia
        name: Nvidia
        tickers: [NVDA]
        kind: merchant
        color: "#76b900"
        stance: positive
        updated: 2026-11-24
        sources: [research-2025]
        ---
        Most of the market.

        ## Thesis
        Keeps two thirds of the market.

        ## Catalysts
        - New parts.

        ## Risks
        - Custom silicon.

        ## What we watch
        Guidance against our growth assumption.

        """

    static let amd = """
        ---
        id: amd
        name: AMD
        tickers: [AMD]
        kind: merchant
        color: "#ED1C24"
        stance: neutral
        updated: 2026-10-01
        ---
        ## Thesis
        The second merchant vendor.

        ## Catalysts
        - Cloud wins.

        ## Risks
        - Software.

        """

    static let googleTPU = """
        ---
        id: google-tpu
        name: Google TPU
        tickers: [GOOGL]
        kind: hyperscaler
        color: "#4285F4"
        stance: positive
        updated: 2026-09-15
        ---
        ## Thesis
        The largest custom accelerator.

        ## Catalysts
        - Sales to other clouds.

        ## Risks
        - Internal demand only.

        """

    static let baseScenario = """
        id: base
        name: Base case
        story: Custom silicon grows steadily.
        market: accelerators
        probability: 0.6
        horizon: 2030
        growth:
          by_year:
            2026: 0.5
          cagr: 0.2
        shares:
          nvidia: 60
          amd: 15
          google-tpu: 25
        normalize_shares: false
        curve:
          type: s-curve
          midpoint: 2028
          steepness: 1.5
        uncertainty:
          cagr_sigma: 0.04
          share_log_sigma: 0.15
        confidence: illustrative
        rationale: Growth slows after 2026.
        sources: [research-2025]

        """

    static let customScenario = """
        id: custom
        name: Custom silicon wins
        story: Cloud providers sell their own chips.
        market: accelerators
        probability: 0.4
        growth:
          cagr: 0.25
        shares:
          nvidia: 45
          amd: 10
          google-tpu: 45
        curve:
          type: linear
        rationale: Custom parts take share.
        sources:
          - research-2025
          - publisher: Infrastructure Research
            title: Custom silicon roadmap
            kind: illustrative

        """

    static let event = """
        ---
        date: 2026-11-20
        headline: Google offers TPUs for customers' own data centers
        vendors: [google-tpu, nvidia]
        markets: [accelerators]
        scenarios: [custom]
        importance: high
        sources:
          - publisher: The Newsroom
            title: Google to sell TPUs to other companies
            date: 2026-11-20
            url: https://example.com/article
            kind: reported
        ---
        Google will sell TPUs to other companies.

        """
}

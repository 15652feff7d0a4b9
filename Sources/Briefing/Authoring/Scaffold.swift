import Workspace

/// The files of a new workspace (`briefing init`): settings, one example market with two
/// vendors, two scenarios, two sources, one event, a `Templates/README.md` that explains how to
/// override the built-in templates, and the archive folder. No template is copied: the workspace
/// uses the tool's defaults until the team overrides one (`briefing templates copy NAME`).
///
/// Years and dates come from the as-of date, so the scaffold passes `briefing check` with no
/// error and no warning on the day it is created, whatever that day is: the history ends the
/// year before, the horizon is five years after that, and narratives are reviewed that day.
package enum Scaffold {
    /// One file to write, by its path relative to the workspace root (`Data/sources.yaml`).
    package struct File: Sendable, Hashable {
        package let path: String
        package let contents: String
    }

    /// The example market's id; its vendors and scenarios.
    package static let marketID = "example-market"
    package static let vendorIDs = ["example-merchant", "example-custom"]
    package static let scenarioIDs = ["base", "custom-gains"]

    /// Every file, in the order `briefing init` reports them.
    package static func files(asOf: Day) -> [File] {
        let years = Years(asOf: asOf)
        return [
            File(path: "briefing.yaml", contents: manifest(asOf: asOf, years: years)),
            File(path: "Data/sources.yaml", contents: sources(asOf: asOf)),
            File(path: "Data/markets/\(marketID).yaml", contents: market(years: years)),
            File(path: "Data/markets/\(marketID).csv", contents: history(years: years)),
            File(path: "Data/vendors/example-merchant.md", contents: merchantVendor(asOf: asOf)),
            File(path: "Data/vendors/example-custom.md", contents: customVendor(asOf: asOf)),
            File(path: "Data/scenarios/base.yaml", contents: baseScenario(years: years)),
            File(path: "Data/scenarios/custom-gains.yaml", contents: customGainsScenario(years: years)),
            File(path: "Data/events/\(asOf)-workspace-created.md", contents: event(asOf: asOf)),
            File(path: "Templates/README.md", contents: templatesReadme),
            File(path: "Reports/README.md", contents: reportsReadme),
        ]
    }

    /// The years the example data uses.
    struct Years {
        /// The last year of history: the year before the as-of date.
        let base: Int
        var first: Int { base - 1 }
        var next: Int { base + 1 }
        var horizon: Int { base + 5 }
        var midpoint: Int { base + 3 }

        init(asOf: Day) { base = asOf.year - 1 }
    }

    // MARK: - Settings

    static func manifest(asOf: Day, years: Years) -> String {
        """
        # Workspace settings (see docs/data.md). `briefing` looks for this file in the current
        # folder and its parents to find the workspace (override with --workspace DIR).
        title: Research Briefing
        team: Research
        cadence: weekly
        timezone: UTC
        base_url: https://research.example.internal/briefing/
        disclaimer: >
          For internal discussion only. Not investment advice. The example market, vendors and
          scenarios are illustrative.
        defaults:
          horizon: \(years.horizon)
          monte_carlo:
            paths: 10000
            seed: \(asOf.year * 10_000 + asOf.month * 100 + asOf.day)
          thresholds:
            market_size_pct: 2.0
            share_pp: 0.5
            probability_pp: 5.0
          sensitivity:
            cagr_step: 0.05
            probability_step: 0.10
            share_factor: 0.2
          validation:
            share_tolerance_pp: 0.1
            stale_narrative_days: 90

        """
    }

    static func sources(asOf: Day) -> String {
        """
        # The registry of sources, cited by id from markets, scenarios and events. Replace the
        # examples with the published sources behind the team's figures.

        - id: example-market-size
          publisher: Research
          title: Example market size (illustrative)
          date: \(asOf)
          url: https://research.example.internal/sources/example-market-size
          kind: illustrative
          note: Made up to show the format; cite the published market size here.

        - id: example-shares
          publisher: Research
          title: Example vendor shares (illustrative)
          date: \(asOf)
          url: https://research.example.internal/sources/example-shares
          kind: illustrative
          note: The team's illustrative split of the example market by vendor.

        """
    }

    // MARK: - Market

    static func market(years: Years) -> String {
        """
        id: \(marketID)
        name: Example market
        definition: >
          An example market that shows the format: replace it with a market the team follows,
          what it counts and at what value (for instance vendor revenue from data-center AI
          accelerators, excluding networking, CPUs and memory).
        unit: billions
        currency: USD
        base_year: \(years.base)
        vendors: [\(vendorIDs.joined(separator: ", "))]
        history:
          file: \(marketID).csv
          values: share
          normalize: false
        sources:
          total: example-market-size
          vendors: example-shares
        confidence: illustrative

        """
    }

    static func history(years: Years) -> String {
        """
        year,total,\(vendorIDs.joined(separator: ","))
        \(years.first),100,80,20
        \(years.base),130,75,25

        """
    }

    // MARK: - Vendors

    static func merchantVendor(asOf: Day) -> String {
        """
        ---
        id: example-merchant
        name: Example Merchant
        tickers: []
        kind: merchant
        color: "#1F77B4"
        stance: neutral
        updated: \(asOf)
        ---
        ## Thesis
        An example merchant vendor that sells accelerators to every buyer. Replace this narrative
        with the team's view: why the vendor matters, in a paragraph or two.

        ## Catalysts
        - A new product generation ships on schedule.

        ## Risks
        - The largest customers move volume to their own custom silicon.

        """
    }

    static func customVendor(asOf: Day) -> String {
        """
        ---
        id: example-custom
        name: Example Custom Silicon
        tickers: []
        kind: hyperscaler
        color: "#FF7F0E"
        stance: positive
        updated: \(asOf)
        ---
        ## Thesis
        An example cloud provider that designs its own accelerators for its data centers.
        Replace this narrative with the team's view.

        ## Catalysts
        - The next chip generation reaches volume production.

        ## Risks
        - The software stack lags the merchant vendor's, which slows adoption outside the
          provider's own services.

        """
    }

    // MARK: - Scenarios

    static func baseScenario(years: Years) -> String {
        """
        id: base
        name: Base case
        story: The merchant vendor keeps most of the market while custom silicon grows steadily.
        market: \(marketID)
        probability: 0.6
        horizon: \(years.horizon)
        growth:
          by_year:
            \(years.next): 0.25
          cagr: 0.15
        shares:
          example-merchant: 70
          example-custom: 30
        normalize_shares: false
        curve:
          type: s-curve
          midpoint: \(years.midpoint)
          steepness: 1.0
        uncertainty:
          cagr_sigma: 0.04
          share_log_sigma: 0.15
        confidence: illustrative
        rationale: |
          Illustrative: growth of +25% in \(years.next), then 15% a year to \(years.horizon); custom
          silicon gains five points of share from \(years.base). Replace with the team's reasoning.
        sources: [example-market-size, example-shares]

        """
    }

    static func customGainsScenario(years: Years) -> String {
        """
        id: custom-gains
        name: Custom silicon gains
        story: Custom accelerators take share faster as the largest buyers shift their own workloads.
        market: \(marketID)
        probability: 0.4
        horizon: \(years.horizon)
        growth:
          cagr: 0.12
        shares:
          example-merchant: 55
          example-custom: 45
        normalize_shares: false
        curve:
          type: linear
        uncertainty:
          cagr_sigma: 0.05
          share_log_sigma: 0.2
        confidence: illustrative
        rationale: |
          Illustrative: 12% a year to \(years.horizon), with custom silicon at 45% of the market by
          then. Replace with the team's reasoning.
        sources: [example-market-size, example-shares]

        """
    }

    // MARK: - Event, templates, archive

    static func event(asOf: Day) -> String {
        """
        ---
        date: \(asOf)
        headline: Research workspace created
        vendors: []
        markets: [\(marketID)]
        scenarios: []
        importance: low
        sources:
          - publisher: Research
            title: Workspace created with briefing init
            date: \(asOf)
            url: https://research.example.internal/briefing/
            kind: illustrative
        ---
        This workspace was created with `briefing init`. The market, vendors, scenarios and sources
        in `Data/` are examples: replace them with the team's own, and log what happens with
        `briefing new event "Headline"`.

        """
    }

    static let templatesReadme = """
        # Templates

        This workspace uses the templates built into `briefing`: the weekly briefing (`weekly.md`,
        `partials/`), its HTML page (`layout.html`), the vendor and scenario reports (`vendor.md`,
        `scenario.md`), the readers' methodology page (`methodology.md`), the site's pages (`site/`)
        and its style sheet (`assets/site.css`).

        To change one, copy it here and edit the copy:

            briefing templates list                 # every template, and whether it is built-in or here
            briefing templates copy weekly.md       # writes Templates/weekly.md from the built-in one

        A file in this folder replaces the built-in template of the same name, file by file; every
        other template stays built-in, and `{% include %}` and `{% extends %}` look here first, then
        in the built-in ones. Delete a copy to go back to the built-in template. `briefing check`
        renders every template with this period's data and reports mistakes with their line and
        column. The template language is described in the tool's docs/templates.md.

        """

    static let reportsReadme = """
        # Reports

        The published archive of briefings, one folder per period (`Reports/<period>/`),
        versioned like content.

        """
}

import Foundation
import MarkdownHTML
import Templating
import Workspace

/// The readers' methodology page: `methodology.md` (a built-in template a workspace can override)
/// filled with the workspace's own settings. It is written beside every briefing
/// (`Reports/<period>/methodology.html`, with that period's settings) and published once at the
/// site's top (`methodology.html`, with the current settings); briefings link it as
/// `methodology.html` in `Reports/`, the site rewrites that link, and a standalone report links the
/// site's address.
package enum MethodologyPage {
    /// The template's name.
    package static let template = "methodology.md"
    /// The page's file name, beside each briefing and at the site's top.
    package static let fileName = "methodology.html"
    /// The Markdown copy older briefings kept beside the page (the lean archive keeps the page only).
    static let markdownFileName = "methodology.md"

    /// The settings the page explains, as the template sees them (`settings.monte_carlo.seed`).
    struct Settings: Encodable {
        struct MonteCarlo: Encodable { var paths: Int; var seed: UInt64 }
        /// The reporting thresholds as fractions, like every number in the template context
        /// (`briefing.yaml` writes them in percent and points): a market size moves by
        /// `market_size_change` (0.02, print with `|percent`), a share by `share_change` and a
        /// probability by `probability_change` (0.005 and 0.05, print with `|pp`). The `_pct` and
        /// `_pp` names, in the file's units, are deprecated and go in the next release.
        struct Thresholds: Encodable {
            var marketSizeChange: Double
            var shareChange: Double
            var probabilityChange: Double
            var marketSizePct: Double
            var sharePp: Double
            var probabilityPp: Double
        }
        struct Sensitivity: Encodable { var cagrStep: Double; var probabilityStep: Double; var shareFactor: Double }
        struct ScenarioItem: Encodable {
            var id: String
            var name: String
            var probability: Double
            var horizon: Int
            var cagrSigma: Double
            var shareLogSigma: Double
            var file: String
        }
        struct MarketItem: Encodable {
            var id: String
            var name: String
            var unit: String
            var currency: String
            var baseYear: Int
            var file: String
            var historyFile: String
            var vendors: Int
            var scenarios: [ScenarioItem]
        }
        struct SourceKindItem: Encodable { var kind: String; var count: Int }

        var dataFolder = "Data/"
        var reportsFolder = "Reports/"
        var sourcesFile = "Data/sources.yaml"
        var cadence: String
        var monteCarlo: MonteCarlo
        var thresholds: Thresholds
        var sensitivity: Sensitivity
        /// How far a year's shares may sum from 100%, a fraction (0.001).
        var shareTolerance: Double
        /// Deprecated: `shareTolerance` in percentage points, as `briefing.yaml` writes it.
        var shareTolerancePp: Double
        var markets: [MarketItem]
        /// Every kind of source the workspace cites, with how many sources of that kind.
        var sourceKinds: [SourceKindItem]
    }

    static func settings(of workspace: Workspace) -> Settings {
        let defaults = workspace.config.defaults
        let markets = workspace.markets.map { market in
            Settings.MarketItem(
                id: market.id, name: market.name, unit: market.unit.rawValue, currency: market.currency, baseYear: market.baseYear,
                file: market.path, historyFile: market.historyPath, vendors: market.vendorIDs.count,
                scenarios: workspace.scenarios(of: market.id).map {
                    .init(id: $0.id, name: $0.name, probability: $0.probability, horizon: $0.horizon, cagrSigma: $0.cagrSigma,
                          shareLogSigma: $0.shareLogSigma, file: $0.path)
                })
        }
        var sources = Set(workspace.sources)
        for market in workspace.markets { sources.formUnion([market.totalSource].compactMap { $0 } + market.vendorSources.values) }
        for scenario in workspace.scenarios { sources.formUnion(scenario.sources) }
        for vendor in workspace.vendors { sources.formUnion(vendor.sources) }
        for event in workspace.events { sources.formUnion(event.sources) }
        let kinds = SourceKind.allCases.compactMap { kind -> Settings.SourceKindItem? in
            let count = sources.filter { $0.kind == kind }.count
            return count == 0 ? nil : .init(kind: kind.rawValue, count: count)
        }
        return Settings(
            cadence: workspace.config.cadence.rawValue,
            monteCarlo: .init(paths: defaults.monteCarloPaths, seed: defaults.monteCarloSeed),
            thresholds: .init(
                marketSizeChange: defaults.thresholds.marketSizePercent / 100, shareChange: defaults.thresholds.sharePP / 100,
                probabilityChange: defaults.thresholds.probabilityPP / 100,
                marketSizePct: defaults.thresholds.marketSizePercent, sharePp: defaults.thresholds.sharePP,
                probabilityPp: defaults.thresholds.probabilityPP),
            sensitivity: .init(
                cagrStep: defaults.sensitivity.cagrStep, probabilityStep: defaults.sensitivity.probabilityStep,
                shareFactor: defaults.sensitivity.shareFactor),
            shareTolerance: defaults.shareTolerancePP / 100, shareTolerancePp: defaults.shareTolerancePP, markets: markets, sourceKinds: kinds)
    }

    /// The variables the page's template gets besides `briefing`: `settings`.
    static func variables(_ base: [String: Value], workspace: Workspace) throws -> [String: Value] {
        var variables = base
        variables["settings"] = try Value(encoding: settings(of: workspace), keys: .snakeCase)
        return variables
    }

    /// The page's Markdown: `methodology.md` rendered with `variables` (which must hold `briefing`).
    static func markdown(in environment: Environment, variables: [String: Value], workspace: Workspace) throws -> String {
        try environment.render(name: template, context: try Self.variables(variables, workspace: workspace))
    }

    /// The complete page through `layout.html`, for a briefing's folder (the page once: no Markdown copy).
    /// `variables` are the briefing's own (the layout shows its period and links).
    static func files(in environment: Environment, variables: [String: Value], workspace: Workspace) throws -> [String: Data] {
        let markdown = try markdown(in: environment, variables: variables, workspace: workspace)
        let page = LayoutPage.variables(
            try Self.variables(variables, workspace: workspace), markdown: markdown, title: "\(workspace.config.title) — Methodology")
        let html = try environment.render(name: "layout.html", context: page)
        return [fileName: Data(html.utf8)]
    }
}

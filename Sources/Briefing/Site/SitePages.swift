import Charts
import Foundation
import MarkdownHTML
import Workspace

/// A vendor's page: the current narrative and how the view on it evolved across briefings.
struct VendorPageBuilder {
    let vendor: Vendor
    let inputs: SiteInputs

    /// The vendor's ``VendorProfile`` (as the briefing shows it) and, beside it, the narrative as
    /// HTML and its history across briefings.
    struct Model: Encodable, ShowsVendorProfile {
        var profile: VendorProfile
        var summary: String
        var sections: [Section]
        var markets: [MarketHistory]
        var events: [EventLink]

        private enum CodingKeys: String, CodingKey {
            case summary, sections, markets, events
        }

        /// One flat record: the profile's fields, then the page's own.
        func encode(to encoder: any Encoder) throws {
            try profile.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(summary, forKey: .summary)
            try container.encode(sections, forKey: .sections)
            try container.encode(markets, forKey: .markets)
            try container.encode(events, forKey: .events)
        }
    }

    struct Section: Encodable {
        var title: String
        var html: String
    }

    struct MarketHistory: Encodable {
        var market: String
        var marketName: String
        var rows: [HistoryRow]
        /// Revenue as readers see it (`$364.5B`), per row.
        var revenueText: [String]
        var chart: String
        var chartTable: [[String]]
    }

    struct HistoryRow: Encodable {
        var period: String
        var href: String
        var year: Int
        var share: Double
        var revenue: Double
        var rank: Int
    }

    struct EventLink: Encodable {
        var date: String
        var headline: String
        var importance: String
        var href: String?
    }

    func model() -> Model {
        let renderer = MarkdownRenderer(options: [])
        var histories: [MarketHistory] = []
        for market in inputs.workspace.markets where market.vendorIDs.contains(vendor.id) {
            let rows = inputs.briefings.compactMap { briefing -> HistoryRow? in
                guard let figures = briefing.markets.first(where: { $0.id == market.id }), let horizon = figures.horizon,
                    let figures = horizon.vendors[vendor.id]
                else { return nil }
                return HistoryRow(
                    period: briefing.period.description, href: "../periods/\(briefing.period)/briefing.html", year: horizon.year,
                    share: figures.share, revenue: figures.revenue, rank: figures.rank)
            }
            let chart = Chart.line(
                [ChartSeries(name: "\(vendor.name) weighted horizon share", values: rows.map(\.share), color: vendor.color)],
                x: .labels(rows.map(\.period)),
                options: ChartOptions(
                    id: "vendor-\(vendor.id)-\(market.id)", title: "\(vendor.name): weighted horizon share by briefing",
                    description: "The probability-weighted share of \(vendor.name) at each briefing's horizon, one point per briefing.",
                    format: .percent(decimals: 0), labelHeader: "Briefing"))
            let money = MoneyFormat(market: market)
            histories.append(MarketHistory(
                market: market.id, marketName: market.name, rows: rows, revenueText: rows.map { money($0.revenue) }, chart: chart.svg,
                chartTable: chart.table.rows))
        }
        let events = inputs.workspace.events.filter { $0.vendorIDs.contains(vendor.id) }.reversed().map { event in
            EventLink(
                date: event.date.description, headline: event.headline, importance: event.importance.rawValue,
                href: inputs.briefings.first { $0.period.contains(event.date) }.map { "../periods/\($0.period)/briefing.html" })
        }
        return Model(
            profile: VendorProfile(vendor), summary: renderer.html(from: vendor.summary),
            sections: vendor.sections.map { Section(title: $0.title, html: renderer.html(from: $0.markdown)) },
            markets: histories, events: Array(events))
    }
}

/// A scenario's page: its story and assumptions and its probability across briefings.
struct ScenarioPageBuilder {
    let scenario: Scenario
    let inputs: SiteInputs

    struct Model: Encodable {
        var id: String
        var name: String
        var story: String
        var market: String
        var probability: Double
        var horizon: Int
        var cagr: Double
        var growthByYear: [YearValue]
        var curve: String
        var rationale: String
        var targets: [Target]
        var history: [ProbabilityRow]
        var chart: String
    }

    struct YearValue: Encodable {
        var year: Int
        var value: Double
    }

    struct Target: Encodable {
        var vendor: String
        var share: Double
    }

    struct ProbabilityRow: Encodable {
        var period: String
        var href: String
        var probability: Double
    }

    func model() -> Model {
        let names = Dictionary(uniqueKeysWithValues: inputs.workspace.vendors.map { ($0.id, $0.name) })
        let market = inputs.workspace.market(scenario.marketID)
        let history = inputs.briefings.compactMap { briefing -> ProbabilityRow? in
            guard let found = briefing.markets.first(where: { $0.id == scenario.marketID })?.scenarios.first(where: { $0.id == scenario.id })
            else { return nil }
            return ProbabilityRow(period: briefing.period.description, href: "../periods/\(briefing.period)/briefing.html", probability: found.probability)
        }
        let chart = Chart.line(
            [ChartSeries(name: "Probability", values: history.map(\.probability))], x: .labels(history.map(\.period)),
            options: ChartOptions(
                id: "scenario-\(scenario.id)", title: "\(scenario.name): probability by briefing",
                description: "The probability the team gave the \(scenario.name) scenario in each briefing.", format: .percent(decimals: 0),
                labelHeader: "Briefing"))
        let curve: String
        switch scenario.curve {
        case .linear: curve = "linear"
        case .sCurve(let midpoint, let steepness): curve = "s-curve, midpoint \(Int(midpoint)), steepness \(steepness)"
        }
        return Model(
            id: scenario.id, name: scenario.name, story: scenario.story, market: market?.name ?? scenario.marketID,
            probability: scenario.probability, horizon: scenario.horizon, cagr: scenario.cagr,
            growthByYear: scenario.growthByYear.sorted { $0.key < $1.key }.map { YearValue(year: $0.key, value: $0.value) },
            curve: curve, rationale: MarkdownRenderer(options: []).html(from: scenario.rationale),
            targets: (market?.vendorIDs ?? []).map { Target(vendor: names[$0] ?? $0, share: scenario.targetShares[$0] ?? 0) },
            history: history, chart: chart.svg)
    }
}

/// The Atom feed and the sitemap: the only files with absolute links.
enum SiteFeeds {
    static func escape(_ text: String) -> String { escapeHTML(text, apostrophes: false) }

    static func atom(site: SiteBuilder.SiteInfo, briefings: [SiteInputs.Briefing]) -> String {
        let updated = briefings.last.map { "\($0.summary.asOf)T00:00:00Z" } ?? "1970-01-01T00:00:00Z"
        var xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom">
              <title>\(escape(site.title))</title>
              <id>\(escape(site.baseURL))</id>
              <link rel="alternate" type="text/html" href="\(escape(site.baseURL))"/>
              <link rel="self" type="application/atom+xml" href="\(escape(site.baseURL))feed.xml"/>
              <updated>\(updated)</updated>
              <author><name>\(escape(site.team))</name></author>

            """
        for briefing in briefings.reversed() {
            let url = "\(site.baseURL)periods/\(briefing.period)/briefing.html"
            xml += """
                  <entry>
                    <title>\(escape(briefing.summary.title)) — \(briefing.period)</title>
                    <id>\(escape(url))</id>
                    <link rel="alternate" type="text/html" href="\(escape(url))"/>
                    <updated>\(briefing.summary.asOf)T00:00:00Z</updated>
                    <summary>\(escape(briefing.summary.summary))</summary>
                  </entry>

                """
        }
        return xml + "</feed>\n"
    }

    static func sitemap(baseURL: String, paths: [String]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for path in paths { xml += "  <url><loc>\(escape(baseURL + path))</loc></url>\n" }
        return xml + "</urlset>\n"
    }
}

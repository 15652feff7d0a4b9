import Foundation
import Projections
import Workspace

/// Assembles the template context from the projections, the changes and the workspace.
struct WeeklyContextBuilder {
    let workspace: Workspace
    let period: Period
    let asOf: Day
    let toolVersion: String
    let reports: [ProjectionReport]
    let snapshot: Snapshot
    let previous: (period: Period, snapshot: Snapshot)?
    let changes: [Change]
    let charts: [String: WeeklyContext.ChartsItem]

    func build() -> WeeklyContext {
        var catalog = SourceCatalog()
        let vendorNames = Dictionary(uniqueKeysWithValues: workspace.vendors.map { ($0.id, $0.name) })
        let scenarioNames = Dictionary(uniqueKeysWithValues: workspace.scenarios.map { ($0.id, $0.name) })
        let previousLink = previous.map { "../\($0.period)/briefing.html" }

        func eventItem(_ event: Event, _ catalog: inout SourceCatalog) -> WeeklyContext.EventItem {
            WeeklyContext.EventItem(
                date: event.date.description, headline: event.headline, slug: event.slug, importance: event.importance.rawValue,
                vendors: event.vendorIDs.map { .init(id: $0, name: vendorNames[$0] ?? $0) },
                scenarios: event.scenarioIDs.map { .init(id: $0, name: scenarioNames[$0] ?? $0) },
                body: event.body, footnotes: catalog.labels(event.sources))
        }

        let markets = reports.map { marketItem($0, catalog: &catalog, vendorNames: vendorNames) }
        let events = workspace.events.filter(isListed).reversed().map { eventItem($0, &catalog) }
        var vendors = workspace.vendors.map { vendor -> WeeklyContext.VendorItem in
            let figures = reports.compactMap { report -> WeeklyContext.VendorFigureItem? in
                guard let i = report.market.vendorIDs.firstIndex(of: vendor.id), let t = report.weighted.years.indices.last else { return nil }
                return .init(market: report.market.id, marketName: report.market.name, year: report.weighted.years[t],
                             share: report.weighted.shares[t][i], revenue: report.weighted.revenue[t][i], rank: report.weighted.ranks[t][i])
            }
            return WeeklyContext.VendorItem(
                profile: VendorProfile(vendor), summary: vendor.summary,
                sections: vendor.sections.map { .init(title: $0.title, key: $0.key, markdown: $0.markdown) },
                footnotes: catalog.labels(vendor.sources), figures: figures)
        }
        // Vendor pages list every event that mentions the vendor; sources only those events cite are
        // labelled after the briefing's own, so the briefing's footnotes stay as they are.
        var allCatalog = catalog
        let allEvents = workspace.events.reversed().map { eventItem($0, &allCatalog) }
        for index in vendors.indices {
            vendors[index].events = allEvents.filter { $0.vendors.contains { $0.id == vendors[index].id } }
        }
        let config = workspace.config
        let info = WeeklyContext.BriefingInfo(
            title: config.title, team: config.team, period: period.description, periodStart: period.start.description,
            periodEnd: period.end.description, asOf: asOf.description, cadence: config.cadence.rawValue, disclaimer: config.disclaimer,
            compliance: ComplianceItem(config), baseURL: config.baseURL, toolVersion: toolVersion, previousPeriod: previous?.period.description, previousLink: previousLink,
            methodologyURL: MethodologyPage.fileName)
        let marketNames = Dictionary(reports.map { ($0.market.id, $0.market.name) }, uniquingKeysWith: { a, _ in a })
        let lines = ChangeLine.lines(changes, marketNames: marketNames, namesMarkets: reports.count > 1)
        let takeaways = takeaways(markets, events: events, lines: lines)
        let items = lines.map { line in
            WeeklyContext.ChangeLine(kind: line.kind.rawValue, sentence: line.sentence, magnitude: line.lead.magnitude, figure: line.figure,
                                     causes: line.moves.isEmpty ? [] : line.causes.map(\.text), moves: line.moves.count)
        }
        return WeeklyContext(
            briefing: info, summary: summary(markets, events: events), headline: lines.first(where: TakeawayBudget.isTakeaway)?.quotable ?? takeaways.first?.text ?? "",
            takeaways: takeaways, events: Array(events), markets: markets,
            changes: .init(previousPeriod: previous?.period.description, previousLink: previousLink,
                           items: items, smaller: changes.filter(\.isDetail).map(\.sentence)),
            vendors: vendors, sources: catalog.items, allSources: allCatalog.items)
    }

    /// Days before the period's start whose events the briefing lists too: none, or for a
    /// workspace's first briefing `first_briefing_lookback_days` (its seed events are usually older
    /// than the period, and "no events this week" would hide them).
    var lookbackDays: Int { previous == nil ? workspace.config.defaults.firstBriefingLookbackDays : 0 }

    /// Whether the briefing lists `event`: dated in the period or in the ``lookbackDays`` before it.
    private func isListed(_ event: Event) -> Bool { event.date <= period.end && period.start.days(since: event.date) <= lookbackDays }

    private func marketItem(_ report: ProjectionReport, catalog: inout SourceCatalog, vendorNames: [String: String]) -> WeeklyContext.MarketItem {
        let market = report.market
        let vendorIDs = market.vendorIDs
        func name(_ id: String) -> String { vendorNames[id] ?? id }
        func view(years: [Int], size: [Double], revenue: [[Double]], shares: [[Double]], ranks: [[Int]]) -> WeeklyContext.ViewItem {
            let items = years.indices.map { t in
                WeeklyContext.YearItem(year: years[t], marketSize: size[t], vendors: vendorIDs.indices.map { i in
                    .init(id: vendorIDs[i], name: name(vendorIDs[i]), revenue: revenue[t][i], share: shares[t][i], rank: ranks[t][i])
                })
            }
            let cagr = Projection.cagr(from: size.first ?? 0, to: size.last ?? 0, years: (years.last ?? 0) - (years.first ?? 0))
            return .init(years: items, horizon: years.last ?? market.baseYear, cagr: cagr, horizonMarketSize: size.last ?? 0)
        }
        let marketHorizon = report.weighted.years.last ?? market.baseYear
        /// The view's figures in `year` (the market's horizon, or the scenario's own).
        func figures(_ view: WeeklyContext.ViewItem, in year: Int) -> WeeklyContext.HorizonItem {
            let item = view.years.first { $0.year == year } ?? view.years.last
            let base = view.years.first?.marketSize ?? 0
            return .init(
                year: item?.year ?? year, marketSize: item?.marketSize ?? 0,
                cagr: Projection.cagr(from: base, to: item?.marketSize ?? 0, years: (item?.year ?? year) - market.baseYear),
                vendors: item?.vendors ?? [])
        }
        let previousMarket = previous?.snapshot.markets.first { $0.id == market.id }
        let marketFootnotes = catalog.labels([market.totalSource].compactMap { $0 } + vendorIDs.compactMap { market.vendorSources[$0] })
        let scenarios = zip(report.scenarios, report.projections).map { scenario, projection -> WeeklyContext.ScenarioItem in
            let old = previousMarket?.scenarios.first { $0.id == scenario.id }
            let current = snapshot.markets.first { $0.id == market.id }?.scenarios.first { $0.id == scenario.id }
            // The scenario's own edits, its probability first (the page must not say "no assumption
            // was edited" under a probability move).
            var edits: [String] = []
            if let old, let current {
                if old.probability != current.probability {
                    edits.append("the \(current.name) scenario's probability \(current.probability > old.probability ? "rose" : "fell") from "
                        + "\(ChangeFinder.percent(old.probability, digits: 0)) to \(ChangeFinder.percent(current.probability, digits: 0))")
                }
                edits += ChangeFinder.assumptionEdits(old, current, oldVendorIDs: previousMarket?.vendorIDs ?? vendorIDs, vendorIDs: vendorIDs, names: vendorNames)
                    .map(\.sentence)
            }
            let curve: String
            switch scenario.curve {
            case .linear: curve = "linear"
            case .sCurve(let m, let k): curve = "s-curve (midpoint \(Int(m)), steepness \(k))"
            }
            let scenarioView = view(
                years: projection.years, size: projection.marketSize, revenue: projection.revenue, shares: projection.shares,
                ranks: projection.revenue.map(Projection.rank))
            return .init(
                id: scenario.id, name: scenario.name, story: scenario.story, probability: scenario.probability,
                probabilityChange: old.map { scenario.probability - $0.probability },
                probabilityChangePP: old.map { (scenario.probability - $0.probability) * 100 }, cagr: scenario.cagr,
                growthByYear: scenario.growthByYear.sorted { $0.key < $1.key }.map { .init(year: $0.key, value: $0.value) },
                horizon: scenario.horizon, curve: curve, confidence: scenario.confidence?.rawValue, rationale: scenario.rationale,
                footnotes: catalog.labels(scenario.sources), edits: edits,
                view: scenarioView, atMarketHorizon: figures(scenarioView, in: marketHorizon),
                ownHorizon: scenarioView.horizon > marketHorizon ? figures(scenarioView, in: scenarioView.horizon) : nil,
                targetShares: vendorIDs.compactMap { id in scenario.targetShares[id].map { .init(id: id, name: name(id), share: $0) } })
        }
        let w = report.weighted
        let weighted = view(years: w.years, size: w.marketSize, revenue: w.revenue, shares: w.shares, ranks: w.ranks)
        let last = w.years.count - 1
        let previousHorizon = previousMarket?.weighted.first { $0.year == w.years[last] }
        let vendors = vendorIDs.indices.map { i -> WeeklyContext.MarketVendorItem in
            let id = vendorIDs[i]
            let before = previousHorizon?.vendors[id]
            return .init(
                id: id, name: name(id), color: workspace.vendor(id)?.color ?? "#777777", share: w.shares[last][i], revenue: w.revenue[last][i],
                rank: w.ranks[last][i], shareChange: before.map { w.shares[last][i] - $0.share },
                shareChangePP: before.map { (w.shares[last][i] - $0.share) * 100 },
                rankChange: before.map { $0.rank - w.ranks[last][i] },
                scenarioShares: zip(report.scenarios, report.projections).map { scenario, projection in
                    // At the market's horizon, not the scenario's own (which may run longer).
                    .init(scenario: scenario.id, share: projection.index(of: marketHorizon).map { projection.shares[$0][i] } ?? .nan)
                })
        }.sorted { $0.rank < $1.rank }
        var monteCarlo: WeeklyContext.MonteCarloItem?
        if let mc = report.monteCarlo, let t = mc.years.indices.last {
            monteCarlo = .init(
                paths: mc.paths, seed: mc.seed,
                years: mc.years.indices.map { .init(year: mc.years[$0], p10: mc.mixture.marketSize[$0].p10, p50: mc.mixture.marketSize[$0].p50,
                                                   p90: mc.mixture.marketSize[$0].p90, mean: mc.mixture.marketSize[$0].mean) },
                horizonShares: vendorIDs.indices.map { i in
                    let band = mc.mixture.shares[t][i]
                    return .init(id: vendorIDs[i], name: name(vendorIDs[i]), p10: band.p10, p50: band.p50, p90: band.p90, mean: band.mean)
                })
        }
        let headline = ["market_size"] + vendors.prefix(3).map(\.id)
        let sensitivity = (report.sensitivity ?? []).filter { headline.contains($0.metric) }.map { table in
            WeeklyContext.TornadoItem(
                title: table.metric == "market_size" ? "Weighted \(table.year) market size" : "\(name(table.metric)) weighted \(table.year) revenue",
                metric: table.metric, base: table.base,
                rows: table.rows.prefix(8).filter { $0.swing > 0 }.map { .init(input: report.describe($0), low: $0.low, high: $0.high, swing: $0.swing) })
        }
        return .init(
            id: market.id, name: market.name, definition: market.definition, unit: market.unit.rawValue, currency: market.currency,
            baseYear: market.baseYear, horizon: w.years.last ?? market.baseYear, footnotes: marketFootnotes, scenarios: scenarios,
            weighted: weighted, monteCarlo: monteCarlo, vendors: vendors, sensitivity: sensitivity,
            charts: charts[market.id]!)
    }

    // MARK: - Generated prose

    private func summary(_ markets: [WeeklyContext.MarketItem], events: [WeeklyContext.EventItem]) -> String {
        var sentences: [String] = []
        for market in markets {
            guard let first = market.weighted.years.first, let last = market.weighted.years.last,
                let format = workspace.market(market.id).map(MoneyFormat.init(market:))
            else { continue }
            var sentence = "Weighted across \(market.scenarios.count) scenarios, the \(market.name) market grows from \(format(first.marketSize)) in \(first.year) to "
                + "\(format(last.marketSize)) in \(last.year) (\(Self.percent(market.weighted.cagr)) a year)"
            if let leader = market.vendors.first {
                sentence += ", with \(leader.name) at \(Self.percent(leader.share)) of \(last.year) revenue"
            }
            sentences.append(sentence + ".")
        }
        let high = events.filter { $0.importance == "high" }.count
        if events.isEmpty {
            sentences.append(lookbackDays > 0
                ? "No events were logged this \(Self.periodNoun(period)) or the \(lookbackDays) day\(lookbackDays == 1 ? "" : "s") before it."
                : "No events were logged this \(Self.periodNoun(period)).")
        } else {
            let when = lookbackDays > 0 ? "this \(Self.periodNoun(period)) and the \(lookbackDays) day\(lookbackDays == 1 ? "" : "s") before it" : "this \(Self.periodNoun(period))"
            sentences.append("\(events.count) event\(events.count == 1 ? " was" : "s were") logged \(when)\(high > 0 ? ", \(high) of high importance" : "").")
        }
        if let previous {
            let reportable = changes.filter(\.isReportable).count
            sentences.append(reportable == 0
                ? "Nothing moved beyond the reporting thresholds since \(previous.period)."
                : "\(reportable) change\(reportable == 1 ? "" : "s") since \(previous.period) passed the reporting thresholds.")
        } else {
            sentences.append("This is the first briefing, so there is nothing to compare with yet.")
        }
        return sentences.joined(separator: " ")
    }

    private func takeaways(_ markets: [WeeklyContext.MarketItem], events: [WeeklyContext.EventItem], lines: [ChangeLine]) -> [WeeklyContext.Takeaway] {
        var outlook: [WeeklyContext.Takeaway] = []
        for market in markets {
            guard let format = workspace.market(market.id).map(MoneyFormat.init(market:)), let last = market.weighted.years.last else { continue }
            outlook.append(.init(
                text: "The probability-weighted \(market.name) market reaches \(format(last.marketSize)) in \(last.year), \(Self.percent(market.weighted.cagr)) a year from \(market.baseYear).",
                figure: format(last.marketSize)))
            if let leader = market.vendors.first, let second = market.vendors.dropFirst().first {
                outlook.append(.init(
                    text: "\(leader.name) keeps the largest weighted \(last.year) share at \(Self.percent(leader.share)); \(second.name) follows at \(Self.percent(second.share)).",
                    figure: Self.percent(leader.share)))
            }
        }
        let high = events.filter { $0.importance == "high" }.map { WeeklyContext.Takeaway(text: "\($0.headline) (\($0.date)).", figure: "") }
        return TakeawayBudget(budget: workspace.config.defaults.takeaways, lines: lines, outlook: outlook, events: high).pick()
    }

    /// The first signed figure in a change sentence (`+1.2 pp`, `−$3.0B`), for the takeaway's figure.
    static func figure(in sentence: String) -> String {
        let words = sentence.split(separator: " ")
        for (index, word) in words.enumerated() where word.hasPrefix("+") || word.hasPrefix("\u{2212}") {
            if index + 1 < words.count, words[index + 1] == "pp" { return "\(word) pp" }
            return String(word)
        }
        return ""
    }

    static func percent(_ fraction: Double, digits: Int = 1) -> String { ReaderNumbers.percent(fraction, digits: digits) }

    static func periodNoun(_ period: Period) -> String {
        switch period.cadence {
        case .weekly: return "week"
        case .monthly: return "month"
        case .quarterly: return "quarter"
        }
    }
}

import Projections

/// The people-facing forms of a projection report: terminal tables and Markdown.
extension ProjectionReport {
    package enum TableStyle: Sendable {
        case terminal(bold: Bool)
        case markdown
    }

    package func tables(_ selection: ProjectionSelection, style: TableStyle) -> String {
        let vendors = vendorIndices(selection)
        var sections: [String] = []
        func render(_ table: TextTable) -> String {
            switch style {
            case .terminal(let bold): return table.terminal(bold: bold)
            case .markdown: return table.markdown()
            }
        }
        func heading(_ text: String) -> String {
            switch style {
            case .terminal: return text + "\n"
            // Headings carry market, scenario and vendor names: one line, escaped like any data
            // value placed into Markdown (a name is never markup or a link).
            case .markdown: return "## " + MarkdownEscaping.tableCell(text) + "\n\n"
            }
        }
        let unitNote = "\(market.currency) \(market.unit.rawValue)"
        for view in views(selection) {
            var table = TextTable([("Year", .left), ("Market", .right)] + vendors.map { (market.vendorIDs[$0], .right) })
            for (t, year) in view.years.enumerated() where included(year, selection) {
                table.add([String(year), money(view.marketSize[t])] + vendors.map { Self.percent(view.shares[t][$0]) })
            }
            sections.append(heading("\(market.name) — \(view.title): market size (\(unitNote)) and shares") + render(table))
            if let bands = view.bands, let years = monteCarlo?.years, !bands.marketSize.allSatisfy({ $0.mean.isNaN }) {
                var bandTable = TextTable([("Year", .left), ("P10", .right), ("P50", .right), ("P90", .right), ("Mean", .right)])
                for (t, year) in years.enumerated() where included(year, selection) {
                    let band = bands.marketSize[t]
                    bandTable.add([String(year), money(band.p10), money(band.p50), money(band.p90), money(band.mean)])
                }
                sections.append(heading("\(view.title): market size, Monte Carlo (\(monteCarlo!.paths) paths, seed \(monteCarlo!.seed))") + render(bandTable))
                if let last = years.indices.last(where: { included(years[$0], selection) }) {
                    var shareTable = TextTable([("Vendor", .left), ("P10", .right), ("P50", .right), ("P90", .right), ("Mean", .right)])
                    for i in vendors {
                        let band = bands.shares[last][i]
                        shareTable.add([market.vendorIDs[i], Self.percent(band.p10), Self.percent(band.p50), Self.percent(band.p90), Self.percent(band.mean)])
                    }
                    sections.append(heading("\(view.title): shares in \(years[last]), Monte Carlo") + render(shareTable))
                }
            }
        }
        if let sensitivity {
            let wanted = Set(["market_size"] + vendors.map { market.vendorIDs[$0] })
            for tornado in sensitivity where wanted.contains(tornado.metric) {
                let metricName = tornado.metric == "market_size" ? "weighted market size" : "\(tornado.metric) weighted revenue"
                var table = TextTable([("Input", .left), ("Low", .right), ("High", .right), ("Swing", .right)])
                for row in tornado.rows.prefix(10) where row.swing > 0 {
                    table.add([describe(row), money(row.low), money(row.high), money(row.swing)])
                }
                sections.append(heading("Sensitivity of \(metricName) in \(tornado.year) (base \(money(tornado.base)))") + render(table))
            }
        }
        return sections.joined(separator: "\n")
    }

    /// `base: CAGR 11.0% → 19.0%`, `merchant: probability 15% → 35%`, `base: nvidia target 52.0% → 78.0%`.
    /// `Base case: CAGR 11.0% → 19.0%`, `Nvidia holds: probability 15% → 35%`,
    /// `Base case: Google TPU target 8.2% → 11.8%` — names, as readers know them.
    func describe(_ row: SensitivityRow) -> String {
        let scenario = scenarios.first { $0.id == row.scenarioID }?.name ?? row.scenarioID
        switch row.input {
        case .cagr:
            return "\(scenario): CAGR \(Self.percent(row.inputLow)) → \(Self.percent(row.inputHigh))"
        case .probability:
            return "\(scenario): probability \(Self.percent(row.inputLow, digits: 0)) → \(Self.percent(row.inputHigh, digits: 0))"
        case .targetShare:
            let vendor = row.vendorID.map { vendorNames[$0] ?? $0 } ?? ""
            return "\(scenario): \(vendor) target \(Self.percent(row.inputLow)) → \(Self.percent(row.inputHigh))"
        }
    }
}

import Foundation

/// Rules that span files: references between ids, and each scenario against its market.
struct Validator {
    let context: LoadContext
    let markets: [Market]
    let vendors: [Vendor]
    let scenarios: [(Scenario, LoadContext.ScenarioPositions)]

    private var sink: DiagnosticSink { context.sink }

    func checkUniqueIDs() {
        func check(_ kind: String, _ items: [(id: String, file: String)]) {
            var seen: [String: String] = [:]
            for item in items {
                if let first = seen[item.id] {
                    sink.error("duplicate \(kind) id '\(item.id)' (also in \(first))", at: context.idLocations[item.file] ?? .file(item.file))
                } else {
                    seen[item.id] = item.file
                }
            }
        }
        check("market", markets.map { ($0.id, $0.file) })
        check("vendor", vendors.map { ($0.id, $0.file) })
        check("scenario", scenarios.map { ($0.0.id, $0.0.file) })
    }

    /// Whether a file declaring `id` exists but failed to load: its own errors say what is wrong,
    /// so citing it is not also "unknown".
    private func isBroken(_ kind: Reference.Kind, _ id: String) -> Bool {
        context.brokenIDs[kind]?.contains(id) ?? false
    }

    func checkReferences(_ references: [Reference]) {
        let known: [Reference.Kind: [String]] = [
            .vendor: vendors.map(\.id), .market: markets.map(\.id), .scenario: scenarios.map(\.0.id),
        ]
        for reference in references
        where !(known[reference.kind] ?? []).contains(reference.id) && !isBroken(reference.kind, reference.id) {
            sink.error(unknownMessage(reference.kind.rawValue, reference.id, among: known[reference.kind] ?? []), at: reference.location)
        }
    }

    private func unknownMessage(_ kind: String, _ id: String, among candidates: [String]) -> String {
        var message = "unknown \(kind) \(quoted(id))"
        if let close = suggestion(for: id, among: candidates) { message += "; did you mean '\(close)'?" }
        return message
    }

    func checkScenarios() {
        let tolerance = context.defaults.shareTolerancePP
        for (scenario, positions) in scenarios {
            guard let market = markets.first(where: { $0.id == scenario.marketID }) else {
                if !isBroken(.market, scenario.marketID) {
                    sink.error(unknownMessage("market", scenario.marketID, among: markets.map(\.id)), at: positions.market)
                }
                continue
            }
            if scenario.horizon <= market.baseYear {
                sink.error("the horizon \(scenario.horizon) must come after the market's base year \(market.baseYear)", at: positions.horizon)
            }
            for (year, location) in positions.growthYears.sorted(by: { $0.key < $1.key })
            where year <= market.baseYear || year > scenario.horizon {
                let (firstYear, overflow) = market.baseYear.addingReportingOverflow(1)
                let range = overflow ? "the years" : "\(firstYear)…\(scenario.horizon)"
                sink.error("growth for \(year) lies outside \(range) (after the base year, up to the horizon)", at: location)
            }
            for (vendorID, location) in positions.shareKeys.sorted(by: { $0.key < $1.key }) where !market.vendorIDs.contains(vendorID) {
                var message = "\(quoted(vendorID)) is not a vendor of market '\(market.id)'"
                if let close = suggestion(for: vendorID, among: market.vendorIDs) { message += "; did you mean '\(close)'?" }
                sink.error(message, at: location)
            }
            let missing = market.vendorIDs.filter { positions.shareKeys[$0] == nil }
            if !missing.isEmpty {
                sink.error("no target share for \(missing.map { "'\($0)'" }.joined(separator: ", ")) (every vendor of '\(market.id)' needs one)", at: positions.shares)
            }
            let sum = positions.writtenShares.values.reduce(0, +)
            if !positions.normalizeShares, abs(sum - 100) > tolerance + 1e-9 {
                sink.error(
                    "target shares for \(scenario.horizon) sum to \(LoadContext.percentText(sum, differingFrom: 100)), expected 100% ± \(LoadContext.number(tolerance)) pp (or set normalize_shares: true)",
                    at: positions.shares)
            }
            if positions.normalizeShares, sum <= 0 {
                sink.error("target shares sum to 0: nothing to normalise", at: positions.shares)
            }
            checkProjectionStaysBounded(scenario, positions, in: market)
        }
        for market in markets {
            // A scenario of this market that failed to load would make the sum (or its absence) wrong.
            if context.brokenScenarioWithoutMarket || context.marketsWithBrokenScenarios.contains(market.id) { continue }
            let own = scenarios.filter { $0.0.marketID == market.id }
            guard let first = own.first else {
                sink.warning("market '\(market.id)' has no scenarios, so nothing can be projected", at: .file(market.file))
                continue
            }
            let total = own.reduce(0) { $0 + $1.0.probability }
            if abs(total - 1) > 1e-6 {
                let parts = own.map { "\($0.0.id) \(LoadContext.number($0.0.probability))" }.joined(separator: ", ")
                sink.error("scenario probabilities for market '\(market.id)' sum to \(LoadContext.number(total, differingFrom: 1)) (\(parts)), expected 1", at: first.1.probability)
            }
        }
    }

    /// The largest amount a projection may reach, in the market's unit: far beyond any real
    /// market, far below where doubles overflow (a briefing would print `$nanB`, and the figures
    /// could not be written as JSON).
    static let largestProjectedAmount = 1e15
    /// The largest |z| the Monte Carlo normal draws can take: Box–Muller with u₁ ≥ 2⁻⁵³ gives
    /// √(−2 ln 2⁻⁵³) ≈ 8.57 (docs/methodology.md §4).
    static let largestNormalDraw = (-2 * log(pow(2.0, -53))).squareRoot()

    /// Projects the market size of `scenario` as the briefing will: the deterministic path, and
    /// the highest path Monte Carlo or the sensitivity analysis can draw. A figure beyond
    /// `largestProjectedAmount` is reported at the input responsible (the growth, else its σ).
    private func checkProjectionStaysBounded(_ scenario: Scenario, _ positions: LoadContext.ScenarioPositions, in market: Market) {
        guard positions.growthIsPlausible, scenario.horizon > market.baseYear,
            let base = market.history.last(where: { $0.year == market.baseYear })?.total
        else { return }
        let spread = scenario.cagrSigma > 0
            ? scenario.cagrSigma * Validator.largestNormalDraw : context.defaults.sensitivity.cagrStep
        var size = base
        var highest = base
        for year in (market.baseYear + 1)...scenario.horizon {
            let growth = scenario.growth(in: year)
            size *= 1 + growth
            highest *= max(0, 1 + growth + spread)
            if !(size.isFinite && size <= Validator.largestProjectedAmount) {
                let (key, location) = largestGrowth(scenario, positions)
                sink.error(
                    "the projected market size reaches \(Validator.amount(size)) \(market.unit.rawValue) by \(year), beyond \(Validator.amount(Validator.largestProjectedAmount)): \(key) compounded from \(market.baseYear) to the horizon \(scenario.horizon) is too large",
                    at: location)
                return
            }
            if !(highest.isFinite && highest <= Validator.largestProjectedAmount) {
                let cause = scenario.cagrSigma > 0
                    ? "Monte Carlo paths (cagr_sigma \(LoadContext.number(scenario.cagrSigma)))"
                    : "the sensitivity analysis (cagr_step \(LoadContext.number(context.defaults.sensitivity.cagrStep)) in briefing.yaml)"
                sink.error(
                    "\(cause) can take the market size to \(Validator.amount(highest)) \(market.unit.rawValue) by \(year), beyond \(Validator.amount(Validator.largestProjectedAmount)): lower the uncertainty, the growth or the horizon",
                    at: scenario.cagrSigma > 0 ? positions.cagrSigma ?? positions.cagr : positions.cagr)
                return
            }
        }
    }

    /// The growth figure that compounds most: `cagr`, or the largest `by_year` figure.
    private func largestGrowth(_ scenario: Scenario, _ positions: LoadContext.ScenarioPositions) -> (String, Location) {
        guard let (year, value) = scenario.growthByYear.max(by: { ($0.value, -$0.key) < ($1.value, -$1.key) }),
            value > scenario.cagr, let location = positions.growthYears[year]
        else { return ("'cagr' \(LoadContext.number(scenario.cagr))", positions.cagr) }
        return ("growth of \(LoadContext.number(value)) in \(year)", location)
    }

    /// `1.23e+16`, `inf`: a huge amount for messages.
    static func amount(_ value: Double) -> String {
        value.isFinite ? String(format: "%.3g", value) : "infinity"
    }
}

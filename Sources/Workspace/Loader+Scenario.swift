/// `Data/scenarios/<id>.yaml`.
extension LoadContext {
    /// Where a scenario's checked-later figures are, for cross-file diagnostics.
    struct ScenarioPositions {
        var file: Location
        var market: Location
        var probability: Location
        var shares: Location
        var shareKeys: [String: Location]
        var growthYears: [Int: Location]
        var horizon: Location
        var normalizeShares: Bool
        /// Shares exactly as written (percent), before normalisation.
        var writtenShares: [String: Double]
        var cagr: Location
        var cagrSigma: Location?
        /// Every growth figure lies in `plausibleGrowth` (the others are reported already).
        var growthIsPlausible: Bool
    }

    /// Growth a year may assume, as a fraction: more than -100% (the market cannot turn
    /// negative) and at most +1,000% (beyond that, a typo such as `cagr: 15` for 15%, or a
    /// value that overflows the projection).
    static let plausibleGrowth = (above: -1.0, atMost: 10.0)
    static let growthRangeText = "it must be at most +1,000% a year (growth is written as a fraction: 0.15 is +15%)"
    /// σ of the CAGR (a fraction, like the CAGR) and of log target shares.
    static let largestCAGRSigma = 1.0
    static let largestShareLogSigma = 5.0

    static func isPlausibleGrowth(_ value: Double) -> Bool {
        value > plausibleGrowth.above && value <= plausibleGrowth.atMost
    }

    /// `+1,500%`, `-100%`: a growth fraction as a percentage for messages.
    static func growthText(_ value: Double) -> String {
        // Negative growth reads as before (`-150.0%`); huge values in exponent form (`+1e+302%`).
        let percent = value * 100
        let text = abs(percent) < 1e15 ? percentText(percent) : "\(percent)%"
        return (percent > 0 ? "+" : "") + text
    }

    func loadScenario(_ path: String) -> (Scenario, ScenarioPositions)? {
        var declared: (id: String?, market: String?) = (nil, nil)
        if let loaded = readScenario(path, declared: &declared) { return loaded }
        noteBroken(.scenario, path: path, id: declared.id)
        if let market = declared.market { marketsWithBrokenScenarios.insert(market) } else { brokenScenarioWithoutMarket = true }
        return nil
    }

    private func readScenario(_ path: String, declared: inout (id: String?, market: String?)) -> (Scenario, ScenarioPositions)? {
        let file = display(path)
        guard let text = read(path) else { return nil }
        let document = YAMLDocument(text: text, file: file, sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "scenario") else { return nil }
        let id = self.id(from: &reader)
        declared.id = id?.0
        if let (_, location) = id { idLocations[file] = location }
        let name = reader.string("name", required: true)
        let story = reader.string("story", required: true)
        let marketNode = reader.node("market", required: true)
        let market = marketNode.flatMap { MappingReader.string($0, key: "market", document: document, sink: sink) }
        declared.market = market
        let probability = reader.double("probability", required: true)
        let horizonNode = reader.value("horizon")
        let writtenHorizon = year(&reader, "horizon")
        // A horizon written but invalid (reported) is not replaced by the default: the checks
        // against it would be wrong.
        let horizonOK = writtenHorizon != nil || horizonNode.map(MappingReader.isNull) ?? true
        let horizon = writtenHorizon ?? defaults.horizon
        var growthReader = reader.mapping("growth", what: "growth assumptions", required: true)
        let cagr = growthReader?.double("cagr", required: true)
        var byYear: [Int: Double] = [:]
        var growthYears: [Int: Location] = [:]
        if var years = growthReader?.mapping("by_year", what: "growth by year") {
            for (key, keyNode) in years.keys {
                guard let value = years.double(key) else { continue }
                guard let year = Int(key) else {
                    sink.error("growth years must be years, got \(quoted(key))", at: years.location(of: keyNode))
                    continue
                }
                byYear[year] = value
                growthYears[year] = years.location(of: years.value(key)!)
            }
            years.finish()
        }
        growthReader?.finish()
        var growthOK = true
        for (year, value) in byYear.sorted(by: { $0.key < $1.key }) where !LoadContext.isPlausibleGrowth(value) {
            let rule = value <= -1 ? "it must be more than -100%" : LoadContext.growthRangeText
            sink.error("growth for \(year) is \(LoadContext.growthText(value)): \(rule)", at: growthYears[year]!)
            growthOK = false
        }
        if let cagr, !LoadContext.isPlausibleGrowth(cagr), let node = growthReader?.value("cagr") {
            let rule = cagr <= -1 ? "it must be more than -100%" : LoadContext.growthRangeText
            sink.error("'cagr' is \(LoadContext.growthText(cagr)): \(rule)", at: growthReader!.location(of: node))
            growthOK = false
        }
        var shares: [String: Double] = [:]
        var shareKeys: [String: Location] = [:]
        let sharesNode = reader.node("shares", required: true)
        if let sharesNode, var sharesReader = MappingReader(sharesNode, in: document, sink: sink, what: "target shares") {
            for (vendorID, keyNode) in sharesReader.keys {
                guard let value = sharesReader.double(vendorID) else { continue }
                if value < 0 {
                    sink.error(
                        "the target share of \(quoted(vendorID)) is negative (\(LoadContext.number(value, differingFrom: 0)))",
                        at: sharesReader.location(of: sharesReader.value(vendorID)!))
                } else if value > 100 {
                    sink.error(
                        "the target share of \(quoted(vendorID)) is \(LoadContext.number(value, differingFrom: 100)): shares are percentages, at most 100",
                        at: sharesReader.location(of: sharesReader.value(vendorID)!))
                }
                shares[vendorID] = value
                shareKeys[vendorID] = sharesReader.location(of: keyNode)
            }
            sharesReader.finish()
        }
        let normalizeShares = reader.bool("normalize_shares") ?? false
        let curve = self.curve(&reader, horizon: horizon)
        var uncertainty = reader.mapping("uncertainty", what: "uncertainty")
        let cagrSigmaNode = uncertainty?.value("cagr_sigma")
        let cagrSigma = nonNegativeField(&uncertainty, "cagr_sigma", atMost: LoadContext.largestCAGRSigma) ?? 0
        let shareLogSigma = nonNegativeField(&uncertainty, "share_log_sigma", atMost: LoadContext.largestShareLogSigma) ?? 0
        uncertainty?.finish()
        let confidence = reader.choice("confidence", SourceKind.allCases.map(\.rawValue)).flatMap(SourceKind.init)
        let rationale = reader.string("rationale", required: true)
        let sources = self.sources(from: &reader)
        reader.finish()

        if let (id, location) = id, !path.hasSuffix("/\(id).yaml") {
            sink.error("scenario '\(id)' must be in a file named \(id).yaml", at: location)
        }
        if let probability, !(0...1).contains(probability), let node = reader.value("probability") {
            sink.error("'probability' must be between 0 and 1, got \(LoadContext.number(probability, differingFrom: probability > 1 ? 1 : 0))", at: reader.location(of: node))
        }
        if sources.isEmpty, reader.value("sources") == nil {
            sink.warning("the scenario cites no sources", at: reader.location)
        }
        guard let (id, _) = id, let name, let story, let market, let marketNode, let probability, let cagr, let curve,
            let rationale, let sharesNode, horizonOK
        else { return nil }
        // As written (÷ 100) unless the file asks for normalisation, so 65 stays exactly 0.65.
        let total = shares.values.reduce(0, +)
        let fractions = normalizeShares && total > 0 ? shares.mapValues { $0 / total } : shares.mapValues { $0 / 100 }
        let scenario = Scenario(
            id: id, name: name, story: story, marketID: market, probability: probability, horizon: horizon,
            growthByYear: byYear, cagr: cagr, targetShares: fractions, curve: curve, cagrSigma: cagrSigma,
            shareLogSigma: shareLogSigma, confidence: confidence, rationale: rationale, sources: sources, file: file, path: path)
        let positions = ScenarioPositions(
            file: reader.location, market: document.location(of: marketNode), probability: reader.location(of: reader.value("probability")!),
            shares: document.location(of: sharesNode), shareKeys: shareKeys, growthYears: growthYears,
            horizon: horizonNode.map(document.location(of:)) ?? reader.location, normalizeShares: normalizeShares,
            writtenShares: shares, cagr: growthReader?.value("cagr").map(document.location(of:)) ?? reader.location,
            cagrSigma: cagrSigmaNode.map(document.location(of:)), growthIsPlausible: growthOK)
        return (scenario, positions)
    }

    private func curve(_ reader: inout MappingReader, horizon: Int) -> Curve? {
        guard let node = reader.node("curve") else { return .linear }
        guard var curve = MappingReader(node, in: reader.document, sink: sink, what: "curve") else { return nil }
        defer { curve.finish() }
        switch curve.choice("type", ["linear", "s-curve"], required: true) {
        case "linear"?:
            return .linear
        case "s-curve"?:
            let midpoint = curve.double("midpoint", required: true)
            let steepness = curve.double("steepness", required: true)
            if let steepness, steepness <= 0 || steepness > 100 {
                let bound = steepness <= 0 ? "must be more than 0" : "must be at most 100"
                sink.error("'steepness' \(bound), got \(LoadContext.number(steepness, differingFrom: steepness <= 0 ? 0 : 100))", at: curve.location(of: curve.value("steepness")!))
                return nil
            }
            if let midpoint, !(Double(LoadContext.plausibleYears.lowerBound)...Double(LoadContext.plausibleYears.upperBound)).contains(midpoint) {
                sink.error(
                    "'midpoint' must be a year between \(LoadContext.plausibleYears.lowerBound) and \(LoadContext.plausibleYears.upperBound), got \(LoadContext.number(midpoint))",
                    at: curve.location(of: curve.value("midpoint")!))
                return nil
            }
            guard let midpoint, let steepness else { return nil }
            return .sCurve(midpoint: midpoint, steepness: steepness)
        default:
            // Without a valid type, the other keys cannot be judged; the type's error says it all.
            curve.accept(["midpoint", "steepness"])
            return nil
        }
    }

    private func nonNegativeField(_ reader: inout MappingReader?, _ key: String, atMost largest: Double) -> Double? {
        guard let value = reader?.double(key) else { return nil }
        if value < 0 {
            sink.error("'\(key)' must not be negative, got \(LoadContext.number(value, differingFrom: 0))", at: reader!.location(of: reader!.value(key)!))
            return nil
        }
        if value > largest {
            sink.error(
                "'\(key)' must be at most \(LoadContext.number(largest)), got \(LoadContext.number(value, differingFrom: largest))",
                at: reader!.location(of: reader!.value(key)!))
            return nil
        }
        return value
    }
}

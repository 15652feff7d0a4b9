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
        for (year, value) in byYear where value <= -1 {
            sink.error("growth for \(year) is \(LoadContext.percentText(value * 100)): it must be more than -100%", at: growthYears[year]!)
        }
        if let cagr, cagr <= -1, let node = growthReader?.value("cagr") {
            sink.error("'cagr' is \(LoadContext.percentText(cagr * 100)): it must be more than -100%", at: growthReader!.location(of: node))
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
                }
                shares[vendorID] = value
                shareKeys[vendorID] = sharesReader.location(of: keyNode)
            }
            sharesReader.finish()
        }
        let normalizeShares = reader.bool("normalize_shares") ?? false
        let curve = self.curve(&reader, horizon: horizon)
        var uncertainty = reader.mapping("uncertainty", what: "uncertainty")
        let cagrSigma = nonNegativeField(&uncertainty, "cagr_sigma") ?? 0
        let shareLogSigma = nonNegativeField(&uncertainty, "share_log_sigma") ?? 0
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
            writtenShares: shares)
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
            if let steepness, steepness <= 0 {
                sink.error("'steepness' must be more than 0, got \(LoadContext.number(steepness, differingFrom: 0))", at: curve.location(of: curve.value("steepness")!))
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

    private func nonNegativeField(_ reader: inout MappingReader?, _ key: String) -> Double? {
        guard let value = reader?.double(key) else { return nil }
        if value < 0 {
            sink.error("'\(key)' must not be negative, got \(LoadContext.number(value, differingFrom: 0))", at: reader!.location(of: reader!.value(key)!))
            return nil
        }
        return value
    }
}

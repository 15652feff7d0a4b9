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
        let file = display(path)
        guard let text = read(path) else { return nil }
        let document = YAMLDocument(text: text, file: file, sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "scenario") else { return nil }
        let id = self.id(from: &reader)
        let name = reader.string("name", required: true)
        let story = reader.string("story", required: true)
        let marketNode = reader.node("market", required: true)
        let market = marketNode.flatMap { MappingReader.string($0, key: "market", document: document, sink: sink) }
        let probability = reader.double("probability", required: true)
        let horizonNode = reader.value("horizon")
        let horizon = reader.int("horizon") ?? defaults.horizon
        var growthReader = reader.mapping("growth", what: "growth assumptions", required: true)
        let cagr = growthReader?.double("cagr", required: true)
        var byYear: [Int: Double] = [:]
        var growthYears: [Int: Location] = [:]
        if var years = growthReader?.mapping("by_year", what: "growth by year") {
            for (key, keyNode) in years.keys {
                guard let value = years.double(key) else { continue }
                guard let year = Int(key) else {
                    sink.error("growth years must be years, got '\(key)'", at: years.location(of: keyNode))
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
            for (vendorID, _) in sharesReader.keys {
                guard let value = sharesReader.double(vendorID) else { continue }
                let location = sharesReader.location(of: sharesReader.value(vendorID)!)
                if value < 0 {
                    sink.error("the target share of '\(vendorID)' is negative (\(LoadContext.number(value)))", at: location)
                }
                shares[vendorID] = value
                shareKeys[vendorID] = location
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
            sink.error("'probability' must be between 0 and 1, got \(LoadContext.number(probability))", at: reader.location(of: node))
        }
        if sources.isEmpty, reader.value("sources") == nil {
            sink.warning("the scenario cites no sources", at: reader.location)
        }
        guard let (id, _) = id, let name, let story, let market, let marketNode, let probability, let cagr, let curve,
            let rationale, let sharesNode
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
        guard var curve = reader.mapping("curve", what: "curve") else { return .linear }
        defer { curve.finish() }
        switch curve.choice("type", ["linear", "s-curve"], required: true) {
        case "linear"?:
            return .linear
        case "s-curve"?:
            let midpoint = curve.double("midpoint", required: true)
            let steepness = curve.double("steepness", required: true)
            if let steepness, steepness <= 0 {
                sink.error("'steepness' must be more than 0, got \(LoadContext.number(steepness))", at: curve.location(of: curve.value("steepness")!))
                return nil
            }
            guard let midpoint, let steepness else { return nil }
            return .sCurve(midpoint: midpoint, steepness: steepness)
        default:
            return nil
        }
    }

    private func nonNegativeField(_ reader: inout MappingReader?, _ key: String) -> Double? {
        guard let value = reader?.double(key) else { return nil }
        if value < 0 {
            sink.error("'\(key)' must not be negative, got \(LoadContext.number(value))", at: reader!.location(of: reader!.value(key)!))
            return nil
        }
        return value
    }
}

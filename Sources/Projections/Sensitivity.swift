/// Step sizes for moving one input at a time.
package struct SensitivitySteps: Sendable, Hashable {
    /// ± applied to a scenario's CAGR when its σ is 0 (otherwise ±σ).
    package var cagrStep: Double
    /// ± applied to a scenario's probability (the others rescaled to keep the sum 1).
    package var probabilityStep: Double
    /// A vendor's target share is multiplied by 1 ± this (then all are renormalised).
    package var shareFactor: Double

    package init(cagrStep: Double = 0.05, probabilityStep: Double = 0.10, shareFactor: Double = 0.2) {
        self.cagrStep = cagrStep
        self.probabilityStep = probabilityStep
        self.shareFactor = shareFactor
    }
}

/// One bar of a tornado chart: the metric with one input moved down and up.
package struct SensitivityRow: Sendable, Hashable, Encodable {
    package enum Input: String, Sendable, Hashable, Encodable {
        case cagr, probability, targetShare = "target_share"
    }

    package var input: Input
    package var scenarioID: String
    /// For `targetShare`: whose share moved.
    package var vendorID: String?
    /// The input's value at the low and high end (a CAGR, a probability or a share fraction).
    package var inputLow: Double
    package var inputHigh: Double
    /// The metric with the input at its low and at its high end.
    package var low: Double
    package var high: Double
    package var swing: Double { abs(high - low) }

    enum CodingKeys: String, CodingKey {
        case input, scenarioID = "scenario", vendorID = "vendor", inputLow = "input_low", inputHigh = "input_high", low, high, swing
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(input, forKey: .input)
        try container.encode(scenarioID, forKey: .scenarioID)
        try container.encodeIfPresent(vendorID, forKey: .vendorID)
        try container.encode(inputLow, forKey: .inputLow)
        try container.encode(inputHigh, forKey: .inputHigh)
        try container.encode(low, forKey: .low)
        try container.encode(high, forKey: .high)
        try container.encode(swing, forKey: .swing)
    }
}

/// The tornado for one metric: its base value and the rows, largest swing first.
package struct SensitivityTable: Sendable, Hashable {
    /// `market_size` or a vendor id (its weighted horizon revenue).
    package var metric: String
    package var year: Int
    package var base: Double
    package var rows: [SensitivityRow]
}

package enum Sensitivity {
    /// Tornados for the weighted horizon market size and each vendor's weighted horizon revenue.
    package static func tornado(_ problem: ProjectionProblem, steps: SensitivitySteps) -> [SensitivityTable] {
        let year = problem.commonYears.upperBound
        let vendorCount = problem.market.vendorIDs.count
        /// Every metric for one version of the problem: market size, then each vendor's revenue.
        func metrics(_ variant: ProjectionProblem) -> [Double] {
            let weighted = Projection.weighted(Projection.project(variant), years: year...year, vendorCount: vendorCount)
            return [weighted.marketSize[0]] + weighted.revenue[0]
        }
        let base = metrics(problem)
        var rows: [(SensitivityRow, [Double], [Double])] = []
        func add(_ input: SensitivityRow.Input, _ k: Int, vendor: Int? = nil, inputs: (Double, Double),
                 _ lowVariant: ProjectionProblem, _ highVariant: ProjectionProblem) {
            let row = SensitivityRow(
                input: input, scenarioID: problem.scenarios[k].id, vendorID: vendor.map { problem.market.vendorIDs[$0] },
                inputLow: inputs.0, inputHigh: inputs.1, low: 0, high: 0)
            rows.append((row, metrics(lowVariant), metrics(highVariant)))
        }
        for (k, scenario) in problem.scenarios.enumerated() {
            let step = scenario.cagrSigma > 0 ? scenario.cagrSigma : steps.cagrStep
            var low = problem
            var high = problem
            low.scenarios[k].cagr -= step
            high.scenarios[k].cagr += step
            add(.cagr, k, inputs: (scenario.cagr - step, scenario.cagr + step), low, high)
        }
        for (k, scenario) in problem.scenarios.enumerated() where problem.scenarios.count > 1 {
            let lowP = min(1, max(0, scenario.probability - steps.probabilityStep))
            let highP = min(1, max(0, scenario.probability + steps.probabilityStep))
            add(.probability, k, inputs: (lowP, highP),
                withProbability(problem, k, lowP), withProbability(problem, k, highP))
        }
        for (k, scenario) in problem.scenarios.enumerated() {
            for i in 0..<vendorCount where scenario.targetShares[i] > 0 {
                var low = problem
                var high = problem
                low.scenarios[k].targetShares = scaled(scenario.targetShares, i, by: 1 - steps.shareFactor)
                high.scenarios[k].targetShares = scaled(scenario.targetShares, i, by: 1 + steps.shareFactor)
                add(.targetShare, k, vendor: i, inputs: (low.scenarios[k].targetShares[i], high.scenarios[k].targetShares[i]), low, high)
            }
        }
        let names = ["market_size"] + problem.market.vendorIDs
        return names.enumerated().map { m, name in
            let tableRows = rows.enumerated().map { index, entry -> (Int, SensitivityRow) in
                var row = entry.0
                row.low = entry.1[m]
                row.high = entry.2[m]
                return (index, row)
            }
            .sorted { $0.1.swing != $1.1.swing ? $0.1.swing > $1.1.swing : $0.0 < $1.0 }
            .map(\.1)
            return SensitivityTable(metric: name, year: year, base: base[m], rows: tableRows)
        }
    }

    /// Scenario `k` at probability `p`; the others rescaled proportionally so the sum stays 1
    /// (shared equally when they were all zero).
    package static func withProbability(_ problem: ProjectionProblem, _ k: Int, _ p: Double) -> ProjectionProblem {
        var variant = problem
        let othersBefore = problem.scenarios.indices.filter { $0 != k }.reduce(0) { $0 + problem.scenarios[$1].probability }
        for j in problem.scenarios.indices where j != k {
            variant.scenarios[j].probability = othersBefore > 0
                ? problem.scenarios[j].probability * (1 - p) / othersBefore
                : (1 - p) / Double(problem.scenarios.count - 1)
        }
        variant.scenarios[k].probability = p
        return variant
    }

    /// Shares with vendor `i` multiplied by `factor`, renormalised to sum to 1.
    static func scaled(_ shares: [Double], _ i: Int, by factor: Double) -> [Double] {
        var result = shares
        result[i] *= factor
        let total = result.reduce(0, +)
        return total > 0 ? result.map { $0 / total } : shares
    }
}

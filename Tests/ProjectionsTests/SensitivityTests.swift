import Testing
@testable import Projections

@Test func tornadoRowsAreSortedBySwingAndMoveTheRightWay() {
    let tables = Sensitivity.tornado(bundledLikeProblem, steps: SensitivitySteps())
    #expect(tables.map(\.metric) == ["market_size", "nvidia", "amd", "custom", "other"])
    let market = tables[0]
    #expect(market.year == 2030)
    let swings = market.rows.map(\.swing)
    #expect(swings == swings.sorted(by: >))
    // A higher CAGR makes a bigger market; σ_g is the step where it is set.
    let baseCAGR = market.rows.first { $0.input == .cagr && $0.scenarioID == "base" }!
    #expect(baseCAGR.high > market.base && baseCAGR.low < market.base)
    #expect(abs(baseCAGR.inputHigh - 0.19) < 1e-12 && abs(baseCAGR.inputLow - 0.11) < 1e-12)
    // Target shares do not change the market size.
    #expect(market.rows.filter { $0.input == .targetShare }.allSatisfy { $0.swing < 1e-9 })
    // Raising a vendor's target share raises its weighted revenue.
    let custom = tables[3].rows.first { $0.input == .targetShare && $0.vendorID == "custom" && $0.scenarioID == "merchant" }!
    #expect(custom.high > custom.low)
}

@Test func probabilityMovesRescaleTheOthers() {
    let variant = Sensitivity.withProbability(bundledLikeProblem, 0, 0.6)
    #expect(variant.scenarios.map(\.probability) == [0.6, 0.2, 0.2])
    let clipped = Sensitivity.withProbability(bundledLikeProblem, 1, 0)
    #expect(abs(clipped.scenarios.map(\.probability).reduce(0, +) - 1) < 1e-12)
    #expect(clipped.scenarios[1].probability == 0)
}

@Test func shareScalingRenormalises() {
    let scaled = Sensitivity.scaled([0.5, 0.5], 0, by: 1.2)
    #expect(abs(scaled[0] - 0.6 / 1.1) < 1e-15)
    #expect(abs(scaled.reduce(0, +) - 1) < 1e-15)
}

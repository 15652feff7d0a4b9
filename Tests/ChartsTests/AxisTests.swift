import Testing
@testable import Charts

@Test(arguments: [
    (0.0, 207.0, false, [0.0, 50, 100, 150, 200, 250]),
    (0, 0.77, false, [0, 0.2, 0.4, 0.6, 0.8]),
    (-12, 30, false, [-20, -10, 0, 10, 20, 30]),
    (0, 1, true, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    (207, 990, false, [200, 400, 600, 800, 1000]),
    (470, 640, false, [450, 500, 550, 600, 650]),
    (5, 30, true, [0, 5, 10, 15, 20, 25, 30]),
    (-0.3, -0.05, false, [-0.3, -0.25, -0.2, -0.15, -0.1, -0.05]),
    (-40, 25, true, [-40, -20, 0, 20, 40]),
    (0, 0, true, [0, 0.2, 0.4, 0.6, 0.8, 1]),
    (207, 207, false, [180, 190, 200, 210, 220, 230]),
    (1.2e6, 4.8e6, false, [1e6, 2e6, 3e6, 4e6, 5e6]),
    (0.001, 0.0042, false, [0.001, 0.002, 0.003, 0.004, 0.005]),
])
func niceTicks(_ low: Double, _ high: Double, _ includeZero: Bool, _ expected: [Double]) {
    #expect(Axis.niceScale(low, high, includeZero: includeZero).ticks == expected)
}

/// Whatever the range, between four and seven ticks at a 1, 2 or 5 step that cover it.
@Test(arguments: [0.013, 0.9, 1, 3.3, 7.77, 12, 99.9, 101, 480, 1234, 55_555, 9.9e9])
func tickCountAndCoverage(_ span: Double) {
    for offset in [-span * 1.3, -span / 2, 0, span / 3, span * 7] {
        let scale = Axis.niceScale(offset, offset + span, includeZero: false)
        #expect((4...7).contains(scale.ticks.count), "\(offset)…\(offset + span): \(scale.ticks)")
        #expect(scale.lower <= offset && scale.upper >= offset + span)
        let mantissa = scale.step / SVGWriter.powerOfTen(scale.exponent)
        #expect([1, 2, 5].contains(mantissa))
    }
}

@Test func tickLabelsTakeTheirDecimalsFromTheStep() {
    let money = ValueFormat.money(symbol: "$", suffix: "B", decimals: 1)
    let scale = Axis.niceScale(0, 207, includeZero: true)
    #expect(scale.ticks.map { money.tickLabel($0, scale: scale) } == ["$0B", "$50B", "$100B", "$150B", "$200B", "$250B"])
    let shares = Axis.niceScale(0, 0.77, includeZero: true)
    #expect(shares.ticks.map { ValueFormat.percent().tickLabel($0, scale: shares) } == ["0%", "20%", "40%", "60%", "80%"])
    let small = Axis.niceScale(0, 0.0042, includeZero: true)
    #expect(small.ticks.map { ValueFormat.percent().tickLabel($0, scale: small) } == ["0.0%", "0.1%", "0.2%", "0.3%", "0.4%", "0.5%"])
}

@Test(arguments: [
    (0.0, "0"), (-0.001, "0"), (12.5, "12.5"), (12.345, "12.35"), (-3.999, "-4"), (300, "300"), (0.07, "0.07"), (1e20, "1e+20"),
])
func coordinatesHaveAtMostTwoDecimals(_ value: Double, _ expected: String) {
    #expect(SVGWriter.number(value) == expected)
}

@Test func escapingDropsWhatXMLCannotCarry() {
    #expect(SVGWriter.escape("a\u{0}b\u{1B}c\td\ne") == "abc d e")
    #expect(SVGWriter.escape("<&>\"'") == "&lt;&amp;&gt;&quot;&apos;")
}

@Test func wrappingAndCutting() {
    #expect(TextMetrics.fit("Microsoft Maia", width: 62, fontSize: 10) == "Microsoft…")
    #expect(TextMetrics.fit("AMD", width: 60, fontSize: 10) == "AMD")
    #expect(TextMetrics.wrap("Other custom silicon", width: 80, fontSize: 10, maxLines: 2) == ["Other custom", "silicon"])
    #expect(TextMetrics.wrap("one two three four five six", width: 50, fontSize: 10, maxLines: 2) == ["one two", "three f…"])
}

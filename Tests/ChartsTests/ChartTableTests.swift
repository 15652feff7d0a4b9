import Testing
@testable import Charts

@Test func lineTableHasAYearColumnAndOneColumnPerSeries() {
    let table = Sample.line.chart.table
    #expect(table.caption == "AI accelerator market, market-lines")
    #expect(table.headers == ["Year", "Bull", "Base", "Bear"])
    #expect(table.rows.first == ["2025", "$207.0B", "$207.0B", "$207.0B"])
    #expect(table.rows.count == 6)
}

@Test func fanTableListsTheBandThenTheScenarios() {
    let table = Sample.fan.chart.table
    #expect(table.headers == ["Year", "P10", "P50", "P90", "Bull", "Base", "Bear"])
    #expect(table.rows.last == ["2030", "$400.0B", "$610.0B", "$990.0B", "$950.0B", "$610.0B", "$300.0B"])
    #expect(Sample.missingValues.chart.table.rows[1] == ["2026", "n/a", "$3.0B", "$4.0B", "$2.0B"])
}

@Test func stackedAreaTableShowsTheValuesAsGiven() {
    let table = Sample.stackedArea.chart.table
    #expect(table.headers == ["Year", "Nvidia", "AMD", "Google TPU", "Other"])
    #expect(table.rows[0] == ["2025", "77.0%", "5.0%", "8.0%", "10.0%"])
}

@Test func groupedBarTableHasOneRowPerCategory() {
    let table = Sample.groupedBar.chart.table
    #expect(table.headers == ["", "Bull", "Base", "Bear", "Weighted"])
    #expect(table.rows.map(\.first) == ["Nvidia", "AMD", "Google TPU", "Other custom silicon"])
    #expect(table.rows[0] == ["Nvidia", "55.0%", "60.0%", "70.0%", "61.0%"])
}

@Test func tornadoTableHasLowHighAndSwing() {
    let table = Sample.tornado.chart.table
    #expect(table.caption == "AI accelerator market, tornado (base $540.0B)")
    #expect(table.headers == ["Input", "Low input", "High input", "Swing"])
    #expect(table.rows[0] == ["Bull CAGR", "$470.0B", "$640.0B", "$170.0B"])
    #expect(Sample.tornadoNegativeLows.chart.table.rows[0] == ["Price war", "\u{2212}$40.0B", "$25.0B", "$65.0B"])
    #expect(Sample.missingTornado.chart.table.rows[0] == ["A", "n/a", "$10.0B", "n/a"])
}

@Test func labelHeaderOverridesTheFirstHeading() {
    let options = ChartOptions(id: "v", title: "t", description: "d", labelHeader: "Vendor")
    #expect(Chart.groupedBar([ChartSeries(name: "Base", values: [1])], categories: ["Nvidia"], options: options).table.headers == ["Vendor", "Base"])
}

@Test(arguments: [
    (ValueFormat.money(symbol: "$", suffix: "B", decimals: 0), 207.4, "$207B"),
    (.money(symbol: "$", suffix: "B", decimals: 1), -12.25, "\u{2212}$12.3B"),
    (.money(symbol: "€", suffix: "M", decimals: 1), -0.01, "€0.0M"),
    (.percent(decimals: 1), 0.253, "25.3%"),
    (.percent(decimals: 0), 1, "100%"),
    (.plain(decimals: 2), 1.125, "1.13"),
    (.plain(decimals: 2), .nan, "n/a"),
])
func valuesAreFormattedWithoutLocale(_ format: ValueFormat, _ value: Double, _ expected: String) {
    #expect(format.string(value) == expected)
}

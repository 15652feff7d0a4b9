import Testing
@testable import Charts

/// The 34 pairs of Sharma, Wu and Dalal (2005), Table 1: CIELAB values and the published ΔE₀₀ to four
/// decimals. They exercise the hue-angle wrap at 0°/360°, the mean-hue branch, the rotation term in the
/// blue region and the chroma-dependent G factor.
struct SharmaPair: CustomTestStringConvertible, Sendable {
    var number: Int
    var first: LabColor
    var second: LabColor
    var expected: Double
    var testDescription: String { "pair \(number)" }

    static let all: [SharmaPair] = [
        (50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425),
        (50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615),
        (50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412),
        (50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000),
        (50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000),
        (50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000),
        (50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669),
        (50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195),
        (50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195),
        (50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045),
        (50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045),
        (50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461),
        (50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065),
        (50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492),
        (50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977),
        (50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030),
        (50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535),
        (50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000),
        (50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000),
        (50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000),
        (50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000),
        (60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644),
        (63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630),
        (61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731),
        (35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645),
        (22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373),
        (36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146),
        (90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441),
        (90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381),
        (6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377),
        (2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082),
    ].enumerated().map { index, row in
        SharmaPair(
            number: index + 1, first: LabColor(l: row.0, a: row.1, b: row.2), second: LabColor(l: row.3, a: row.4, b: row.5),
            expected: row.6)
    }
}

@Test(arguments: SharmaPair.all)
func ciede2000MatchesThePublishedTestData(_ pair: SharmaPair) {
    let forward = ColorDifference.ciede2000(pair.first, pair.second)
    let backward = ColorDifference.ciede2000(pair.second, pair.first)
    // The table gives four decimals.
    #expect(abs(forward - pair.expected) < 0.00005 + 1e-9, "got \(forward)")
    #expect(abs(forward - backward) < 1e-9)
}

@Test func ciede2000OfHexColours() throws {
    #expect(ColorDifference.ciede2000("#123456", "#123456") == 0)
    #expect(ColorDifference.ciede2000("#123456", "blue") == nil)
    // Black and white are the far ends of lightness.
    let extremes = try #require(ColorDifference.ciede2000("#000000", "#FFFFFF"))
    #expect(abs(extremes - 100) < 0.01)
}

@Test func labOfTheSRGBPrimaries() throws {
    let red = try #require(RGBColor(hex: "#FF0000")).lab
    #expect(abs(red.l - 53.24) < 0.05 && abs(red.a - 80.09) < 0.05 && abs(red.b - 67.20) < 0.05)
    let white = try #require(RGBColor(hex: "#ffffff")).lab
    #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
}

@Test func wcagContrastOfKnownPairs() throws {
    let black = try #require(RGBColor(hex: "#000000"))
    #expect(abs(black.contrast(with: .white) - 21) < 1e-9)
    // #767676 is the lightest grey with 4.5:1 on white.
    let grey = try #require(RGBColor(hex: "#767676"))
    #expect(abs(grey.contrast(with: .white) - 4.54) < 0.01)
}

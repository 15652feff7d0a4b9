import Foundation
import Testing
@testable import Charts

/// The palette's promises, computed rather than asserted by hand: every colour is visible on the page and
/// on the fan band, the colours are far apart, and the first six stay apart for the commonest colour-vision
/// deficiencies.
struct PaletteTests {
    static let background = RGBColor.white
    /// What the fan chart's band looks like on the page: its colour at its opacity over white.
    static let band = RGBColor(hex: Palette.bandColor)!.over(.white, opacity: Palette.bandOpacity)

    @Test func hasTwelveDistinctColours() {
        #expect(Palette.categorical.count >= 12)
        #expect(Set(Palette.categorical).count == Palette.categorical.count)
        #expect(Palette.categorical.allSatisfy { Palette.validColor($0) == $0 })
    }

    @Test(arguments: Palette.categorical)
    func contrastsWithTheBackgroundAndTheBand(_ hex: String) throws {
        let colour = try #require(RGBColor(hex: hex))
        #expect(colour.contrast(with: Self.background) >= 3, "\(hex) on white: \(colour.contrast(with: Self.background))")
        #expect(colour.contrast(with: Self.band) >= 3, "\(hex) on the band: \(colour.contrast(with: Self.band))")
    }

    @Test func everyPairIsPerceptuallyDistinct() throws {
        for (i, a) in Palette.categorical.enumerated() {
            for b in Palette.categorical[(i + 1)...] {
                let distance = try #require(ColorDifference.ciede2000(a, b))
                #expect(distance >= 12, "\(a) vs \(b): ΔE00 \(distance)")
            }
        }
    }

    @Test(arguments: ColourVision.allCases)
    func theFirstSixStayApartWithColourVisionDeficiencies(_ vision: ColourVision) throws {
        let six = Palette.categorical.prefix(Palette.colourOnlySeries).map { vision.simulate(RGBColor(hex: $0)!) }
        for (i, a) in six.enumerated() {
            for b in six[(i + 1)...] {
                let distance = ColorDifference.ciede2000(a.lab, b.lab)
                #expect(distance >= 10, "\(vision): ΔE00 \(distance)")
            }
        }
    }

    @Test func beyondSixSeriesLinesGetDashesAndMarkers() {
        let few = (0..<6).map { Palette.style(index: $0, count: 6, color: nil, dashed: false) }
        #expect(few.allSatisfy { $0.dash == nil && $0.marker == nil })
        let many = (0..<20).map { Palette.style(index: $0, count: 20, color: nil, dashed: false) }
        #expect(many.allSatisfy { $0.marker != nil })
        #expect(many.prefix(6).allSatisfy { $0.dash == nil })
        #expect(many.dropFirst(6).allSatisfy { $0.dash != nil })
        // No two of twenty series share colour, dash and marker.
        let keys = many.map { "\($0.color) \($0.dash ?? "-") \(String(describing: $0.marker))" }
        #expect(Set(keys).count == 20)
        // The data's own colour still wins, and still gets the second channel.
        let own = Palette.style(index: 8, count: 9, color: "#76b900", dashed: false)
        #expect(own.color == "#76B900" && own.dash != nil && own.marker != nil)
    }
}

/// Dichromacy as simulated by Machado, Oliveira and Fernandes (2009), severity 1, applied to linear sRGB.
enum ColourVision: String, CaseIterable, Sendable {
    case protanopia, deuteranopia

    var matrix: [[Double]] {
        switch self {
        case .protanopia:
            return [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
        case .deuteranopia:
            return [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
        }
    }

    func simulate(_ colour: RGBColor) -> RGBColor {
        func linear(_ c: Double) -> Double {
            let v = c / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        func encoded(_ v: Double) -> Double {
            let c = min(max(v, 0), 1)
            return 255 * (c <= 0.0031308 ? 12.92 * c : 1.055 * pow(c, 1 / 2.4) - 0.055)
        }
        let input = [linear(colour.red), linear(colour.green), linear(colour.blue)]
        let out = matrix.map { row in zip(row, input).reduce(0) { $0 + $1.0 * $1.1 } }
        return RGBColor(red: encoded(out[0]), green: encoded(out[1]), blue: encoded(out[2]))
    }
}

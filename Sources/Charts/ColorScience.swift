import Foundation

/// An sRGB colour from `#RRGGBB`, with the two measures the charts need: WCAG contrast (is a line
/// visible on its background?) and CIEDE2000 (can two series be told apart?).
package struct RGBColor: Sendable, Hashable {
    /// 0…255 per channel.
    package var red: Double
    package var green: Double
    package var blue: Double

    package init(red: Double, green: Double, blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// `#RRGGBB` (either case); nil for anything else.
    package init?(hex: String) {
        guard let valid = Palette.validColor(hex), let value = UInt32(valid.dropFirst(), radix: 16) else { return nil }
        self.init(red: Double(value >> 16 & 0xFF), green: Double(value >> 8 & 0xFF), blue: Double(value & 0xFF))
    }

    /// `self` painted at `opacity` over `background` (what a translucent band looks like on the page).
    package func over(_ background: RGBColor, opacity: Double) -> RGBColor {
        let a = min(max(opacity, 0), 1)
        return RGBColor(
            red: red * a + background.red * (1 - a), green: green * a + background.green * (1 - a), blue: blue * a + background.blue * (1 - a))
    }

    static let white = RGBColor(red: 255, green: 255, blue: 255)

    // MARK: - WCAG 2 contrast

    /// Relative luminance as WCAG 2 defines it (sRGB channels linearised, weighted 0.2126/0.7152/0.0722).
    package var relativeLuminance: Double {
        let (r, g, b) = linear
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The WCAG 2 contrast ratio, 1…21. Lines and other graphical objects need 3:1 (success criterion
    /// 1.4.11, non-text contrast).
    package func contrast(with other: RGBColor) -> Double {
        let a = relativeLuminance
        let b = other.relativeLuminance
        return (max(a, b) + 0.05) / (min(a, b) + 0.05)
    }

    private var linear: (Double, Double, Double) {
        func channel(_ c: Double) -> Double {
            let v = c / 255
            return v <= 0.04045 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        return (channel(red), channel(green), channel(blue))
    }

    // MARK: - CIELAB

    /// CIELAB under D65 (sRGB's white point).
    package var lab: LabColor {
        let (r, g, b) = linear
        let x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
        let y = (0.2126729 * r + 0.7151522 * g + 0.0721750 * b) / 1.0
        let z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389.0 ? cbrt(t) : (24389.0 / 27.0 * t + 16) / 116 }
        let fx = f(x)
        let fy = f(y)
        let fz = f(z)
        return LabColor(l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz))
    }
}

package struct LabColor: Sendable, Hashable {
    package var l: Double
    package var a: Double
    package var b: Double

    package init(l: Double, a: Double, b: Double) {
        self.l = l
        self.a = a
        self.b = b
    }
}

package enum ColorDifference {
    /// Below this CIEDE2000 distance two series colours are easily confused on a chart (about the
    /// difference between two neighbouring shades of one hue).
    package static let confusableBelow = 10.0

    /// ΔE₀₀ between two `#RRGGBB` colours; nil if either is not one.
    package static func ciede2000(_ first: String, _ second: String) -> Double? {
        guard let a = RGBColor(hex: first), let b = RGBColor(hex: second) else { return nil }
        return ciede2000(a.lab, b.lab)
    }

    /// The CIEDE2000 colour difference (kL = kC = kH = 1), following Sharma, Wu and Dalal, "The CIEDE2000
    /// color-difference formula: implementation notes, supplementary test data, and mathematical
    /// observations" (2005), including their notes on hue angles at zero chroma and the mean hue.
    package static func ciede2000(_ first: LabColor, _ second: LabColor) -> Double {
        let degrees = 180 / Double.pi
        let c1 = hypot(first.a, first.b)
        let c2 = hypot(second.a, second.b)
        let meanC = (c1 + c2) / 2
        let meanC7 = pow(meanC, 7)
        let g = 0.5 * (1 - (meanC7 / (meanC7 + pow(25, 7))).squareRoot())
        let a1 = (1 + g) * first.a
        let a2 = (1 + g) * second.a
        let c1p = hypot(a1, first.b)
        let c2p = hypot(a2, second.b)
        func hue(_ b: Double, _ a: Double) -> Double {
            if a == 0 && b == 0 { return 0 }
            let h = atan2(b, a) * degrees
            return h < 0 ? h + 360 : h
        }
        let h1 = hue(first.b, a1)
        let h2 = hue(second.b, a2)

        let deltaL = second.l - first.l
        let deltaC = c2p - c1p
        var deltaH = 0.0
        if c1p * c2p != 0 {
            deltaH = h2 - h1
            if deltaH > 180 { deltaH -= 360 } else if deltaH < -180 { deltaH += 360 }
        }
        let deltaBigH = 2 * (c1p * c2p).squareRoot() * sin(deltaH / 2 / degrees)

        let meanL = (first.l + second.l) / 2
        let meanCp = (c1p + c2p) / 2
        var meanH = h1 + h2
        if c1p * c2p != 0 {
            if abs(h1 - h2) <= 180 {
                meanH = (h1 + h2) / 2
            } else {
                meanH = h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2
            }
        }
        let t = 1 - 0.17 * cos((meanH - 30) / degrees) + 0.24 * cos(2 * meanH / degrees)
            + 0.32 * cos((3 * meanH + 6) / degrees) - 0.20 * cos((4 * meanH - 63) / degrees)
        let deltaTheta = 30 * exp(-pow((meanH - 275) / 25, 2))
        let meanCp7 = pow(meanCp, 7)
        let rc = 2 * (meanCp7 / (meanCp7 + pow(25, 7))).squareRoot()
        let lOffset = pow(meanL - 50, 2)
        let sl = 1 + 0.015 * lOffset / (20 + lOffset).squareRoot()
        let sc = 1 + 0.045 * meanCp
        let sh = 1 + 0.015 * meanCp * t
        let rt = -sin(2 * deltaTheta / degrees) * rc
        let l = deltaL / sl
        let c = deltaC / sc
        let h = deltaBigH / sh
        return (l * l + c * c + h * h + rt * c * h).squareRoot()
    }
}

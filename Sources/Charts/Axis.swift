/// Round tick values for a value axis.
struct NiceScale: Sendable, Hashable {
    /// Tick values, ascending; the first and last are the axis ends, so every value drawn lies within.
    var ticks: [Double]
    /// The distance between ticks: 1, 2 or 5 × 10^exponent.
    var step: Double
    var exponent: Int

    var lower: Double { ticks.first ?? 0 }
    var upper: Double { ticks.last ?? 1 }
}

enum Axis {
    /// Candidate steps are 1, 2 and 5 × 10^k; the smallest whose ticks, widened outward to whole steps,
    /// number at most seven. Because each candidate is at most 2.5× the one before, the chosen step
    /// always leaves at least four ticks.
    static let mantissas: [Double] = [1, 2, 5]
    static let maximumTicks = 7

    /// Ticks covering `lower…upper` (NaN and infinities are the caller's to drop). With `includeZero`
    /// the range is first stretched to reach 0, as bars and areas need. An empty range is widened:
    /// 0…0 becomes 0…1, v…v becomes ±10 % around v.
    static func niceScale(_ lower: Double, _ upper: Double, includeZero: Bool) -> NiceScale {
        var low = lower.isFinite ? lower : 0
        var high = upper.isFinite ? upper : 0
        if low > high { swap(&low, &high) }
        if includeZero {
            low = min(low, 0)
            high = max(high, 0)
        }
        if low == high {
            if low == 0 {
                high = 1
            } else {
                let pad = abs(low) * 0.1
                low -= pad
                high += pad
            }
        }
        let range = high - low
        guard range.isFinite, range > 0, low.isFinite, high.isFinite else { return fallback(low, high) }

        // Start one decade below range/10 so the first candidate always has too many ticks.
        var exponent = 0
        var power = 1.0
        while power > range / 10, exponent > -320 {
            power /= 10
            exponent -= 1
        }
        while power * 10 <= range / 10, exponent < 300 {
            power *= 10
            exponent += 1
        }
        exponent -= 1

        for _ in 0..<12 {
            for mantissa in mantissas {
                let step = mantissa * powerOfTen(exponent)
                guard step > 0, step.isFinite else { continue }
                // A hair of tolerance so 0.6/0.2 = 2.9999999999999996 does not add a tick.
                let first = (low / step + 1e-9).rounded(.down)
                let last = (high / step - 1e-9).rounded(.up)
                guard abs(first) < 1e15, abs(last) < 1e15 else { continue }
                let count = Int(last - first) + 1
                guard count <= maximumTicks else { continue }
                let ticks = (Int(first)...Int(last)).map { tick(Double($0) * mantissa, exponent) }
                guard zip(ticks, ticks.dropFirst()).allSatisfy({ $0 < $1 }) else { return fallback(low, high) }
                return NiceScale(ticks: ticks, step: step, exponent: exponent)
            }
            exponent += 1
        }
        return fallback(low, high)
    }

    /// k·m × 10^e computed so that, e.g., 3·2 × 10^-1 is exactly the double nearest 0.6.
    static func tick(_ multiple: Double, _ exponent: Int) -> Double {
        let value = exponent >= 0 ? multiple * powerOfTen(exponent) : multiple / powerOfTen(-exponent)
        return value == 0 ? 0 : value
    }

    static func powerOfTen(_ exponent: Int) -> Double { SVGWriter.powerOfTen(exponent) }

    /// Ranges at the edge of Double (beyond ±1e300, or spanning fewer than 1e-15 of their magnitude):
    /// just the two ends.
    private static func fallback(_ low: Double, _ high: Double) -> NiceScale {
        let a = low.isFinite ? low : 0
        let b = high.isFinite && high > a ? high : a + 1
        return NiceScale(ticks: [a, b], step: b - a, exponent: 0)
    }
}

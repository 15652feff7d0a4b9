import Foundation

/// The Monte Carlo random numbers, reproducible bit for bit.
///
/// Path `p` of a run with seed `s` draws from its own xoshiro256** generator, whose state is four
/// outputs of SplitMix64 started at `s + (p + 1)·0x9E3779B97F4A7C15` (wrapping). Uniforms are the
/// top 53 bits of an output scaled to [0, 1); normals come in pairs from the Box–Muller transform
/// `√(−2 ln u₁)·cos(2πu₂)`, `√(−2 ln u₁)·sin(2πu₂)` with `u₁ ∈ (0, 1]`. A path's draws depend only on
/// the seed and the path number, so results do not depend on threads or on how paths are split.
/// (`log`, `cos` and `sin` come from the C math library; machines with the same library agree.)
struct PathRandom {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64
    private var spare: Double?

    init(seed: UInt64, path: Int) {
        var state = seed &+ (UInt64(truncatingIfNeeded: path) &+ 1) &* 0x9E37_79B9_7F4A_7C15
        func splitMix() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s0 = splitMix()
        s1 = splitMix()
        s2 = splitMix()
        s3 = splitMix()
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    /// Uniform in [0, 1).
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal.
    @inline(__always)
    mutating func normal() -> Double {
        if let value = spare {
            spare = nil
            return value
        }
        let u1 = Double((next() >> 11) + 1) * 0x1.0p-53
        let u2 = uniform()
        let radius = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        spare = radius * sin(angle)
        return radius * cos(angle)
    }
}

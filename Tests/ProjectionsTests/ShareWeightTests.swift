import Foundation
import Testing
@testable import Projections

/// One s-curve weight evaluated with 400 significant digits by scripts/gen-share-weight-reference.
struct WeightReference: Decodable, CustomTestStringConvertible, Sendable {
    var base: Int
    var horizon: Int
    var midpoint: Double
    var steepness: Double
    var year: Int
    var weight: Double
    var testDescription: String { "m=\(midpoint) k=\(steepness) \(base)–\(horizon) t=\(year)" }

    static let all: [WeightReference] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Reference/share-weights.json")
        guard let data = try? Data(contentsOf: url), let cases = try? JSONDecoder().decode([WeightReference].self, from: data) else {
            return []
        }
        return cases
    }()
}

@Test func referenceTableIsPresent() {
    // 2 horizons × 12 midpoints × 5 steepnesses × (6 + 11) years.
    #expect(WeightReference.all.count == 1020)
}

/// Every weight agrees with the high-precision value to a few ulps, including the midpoints far
/// outside the base–horizon range where subtracting two logistics loses every digit.
@Test(arguments: WeightReference.all)
func sCurveWeightMatchesHighPrecision(_ reference: WeightReference) {
    let curve = ShareCurve.sCurve(midpoint: reference.midpoint, steepness: reference.steepness)
    let w = curve.weight(year: reference.year, baseYear: reference.base, horizon: reference.horizon)
    let tolerance = 1e-13 * max(1, abs(reference.weight)) + 1e-300
    #expect(abs(w - reference.weight) <= tolerance, "got \(w), want \(reference.weight)")
}

/// The case found in review: midpoint 16 years past a 2030 horizon, steepness 2. The weight is the
/// exponential path (e^{k(t−b)} − 1)/(e^{k(H−b)} − 1), not the straight line.
@Test func farMidpointFollowsTheExponentialLimit() {
    let curve = ShareCurve.sCurve(midpoint: 2046, steepness: 2)
    let w = curve.weight(year: 2028, baseYear: 2025, horizon: 2030)
    let limit = expm1(2.0 * 3) / expm1(2.0 * 5)
    #expect(abs(w - limit) < 1e-12)
    #expect(w < 0.02, "a linear fallback would give 0.6")
    let mirror = ShareCurve.sCurve(midpoint: 2004, steepness: 2).weight(year: 2028, baseYear: 2025, horizon: 2030)
    #expect(abs(mirror - (1 - exp(-2.0 * 3)) / (1 - exp(-2.0 * 5))) < 1e-12)
}

/// Properties over a seeded sweep: 0 at the base year, 1 at the horizon, increasing in between,
/// finite for any midpoint a scenario can name.
@Test func sCurveWeightPropertiesAcrossMidpointsAndSteepnesses() {
    var generator = PathRandom(seed: 0x5EED_CAFE, path: 0)
    for _ in 0..<2_000 {
        let base = Int.random(in: 2000...2040, using: &generator)
        let horizon = base + Int.random(in: 1...15, using: &generator)
        let midpoint = Double(base) + Double.random(in: -120...120, using: &generator)
        let steepness = Double.random(in: 0.001...20, using: &generator)
        let curve = ShareCurve.sCurve(midpoint: midpoint, steepness: steepness)
        var previous = -Double.infinity
        for year in base...horizon {
            let w = curve.weight(year: year, baseYear: base, horizon: horizon)
            #expect(w.isFinite, "m=\(midpoint) k=\(steepness) t=\(year)")
            #expect(w >= previous, "not increasing at m=\(midpoint) k=\(steepness) t=\(year)")
            previous = w
        }
        #expect(curve.weight(year: base, baseYear: base, horizon: horizon) == 0)
        #expect(abs(curve.weight(year: horizon, baseYear: base, horizon: horizon) - 1) < 1e-12)
    }
}

@Test func ranksTreatNoiseAsATieAndKeepVendorOrder() {
    // 0.1 + 0.2 and 0.3 differ in the last bit: equal in exact arithmetic.
    let noisy = [0.3, 0.1 + 0.2, 5, 0.3 * (1 + 1e-13)]
    #expect(Projection.rank(noisy) == [2, 3, 1, 4])
    #expect(Projection.rank([1, 2, 3]) == [3, 2, 1])
    #expect(Projection.rank([2, 2, 1]) == [1, 2, 3])
    // A real difference above the tolerance still decides.
    #expect(Projection.rank([1, 1 + 1e-9]) == [2, 1])
}

/// The Monte Carlo generator doubles as the sweep's: seeded, the same on every run.
extension PathRandom: RandomNumberGenerator {}

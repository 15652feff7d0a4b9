import Foundation

/// `manifest.json`: that `briefing weekly` wrote the folder, for which period, with which version
/// and Monte Carlo settings. The inputs' hashes are in `snapshot.json` only; the older layout's
/// manifest (`briefing.manifest/1`) repeated them, and reads here without them.
package struct PeriodManifest: Codable, Sendable, Equatable {
    package static let fileName = "manifest.json"
    package static let schemaID = "briefing.manifest/2"

    package var schema = PeriodManifest.schemaID
    package var period: String
    package var asOf: String
    package var tool = "briefing"
    package var toolVersion: String
    package var monteCarloPaths: Int
    package var monteCarloSeed: UInt64

    enum CodingKeys: String, CodingKey {
        case schema, period, asOf = "as_of", tool, toolVersion = "tool_version", monteCarloPaths = "monte_carlo_paths",
            monteCarloSeed = "monte_carlo_seed"
    }

    init(period: String, asOf: String, toolVersion: String, monteCarloPaths: Int, monteCarloSeed: UInt64) {
        (self.period, self.asOf, self.toolVersion, self.monteCarloPaths, self.monteCarloSeed) = (period, asOf, toolVersion, monteCarloPaths, monteCarloSeed)
    }

    /// Whether the manifest is one `briefing weekly` wrote (either schema).
    var isBriefing: Bool { schema.hasPrefix("briefing.manifest/") && tool == "briefing" }

    /// Pretty-printed, sorted keys, and a newline, as ``schemaID``.
    func encoded() throws -> Data {
        var current = self
        current.schema = Self.schemaID
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(current)
        data.append(0x0A)
        return data
    }

    static func read(_ url: URL) -> PeriodManifest? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(PeriodManifest.self, from: data)
    }
}

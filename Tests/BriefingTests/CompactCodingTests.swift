import Foundation
import Testing
@testable import Briefing

/// The binary form of the site's period cache and page keys: what goes in comes out, the same value
/// gives the same bytes, and damaged bytes are an error, never a crash or a wrong value.
@Suite("Compact coding")
struct CompactCodingTests {
    struct Sample: Codable, Equatable {
        struct Row: Codable, Equatable {
            var year: Int
            var share: Double?
            var note: String
        }

        var name: String
        var flags: [Bool]
        var extremes: [Int64]
        var unsigned: [UInt64]
        var small: [Int8]
        var ratio: Float
        var rows: [Row]
        var byVendor: [String: [Double]]
        var nested: [[String?]]
        var missing: String?
        var nothing: [String: Int]
    }

    private static func sample(vendors: [String]) -> Sample {
        Sample(
            name: "Größe — \"AI\" <accelerators> \u{1F600}", flags: [true, false], extremes: [.min, -1, 0, 1, .max], unsigned: [0, 127, 128, .max],
            small: [-128, 127], ratio: 0.1,
            rows: [Sample.Row(year: 2025, share: 0.125, note: ""), Sample.Row(year: -3, share: nil, note: "a\u{0}b")],
            byVendor: Dictionary(uniqueKeysWithValues: vendors.enumerated().map { ($1, [Double($0), -.infinity, .pi, -0.0]) }),
            nested: [[nil, "x"], []], missing: nil, nothing: [:])
    }

    @Test("A value decodes to itself, whatever its field order and dictionary order")
    func roundTrip() throws {
        let vendors = ["nvidia", "amd", "google-tpu", "aws-trainium", "é-vendor", "Z", "a", ""]
        let sample = Self.sample(vendors: vendors)
        let bytes = try CompactEncoder.encode(sample)
        #expect(try CompactDecoder.decode(Sample.self, from: bytes) == sample)
        // The same dictionary built in another order gives the same bytes.
        var reordered = sample
        reordered.byVendor = Dictionary(uniqueKeysWithValues: sample.byVendor.sorted { $0.key > $1.key })
        #expect(try CompactEncoder.encode(reordered) == bytes)
    }

    @Test("NaN survives as NaN; an integer too large for its type is an error")
    func numbers() throws {
        let decoded = try CompactDecoder.decode([Double].self, from: try CompactEncoder.encode([Double.nan, 1e308]))
        #expect(decoded[0].isNaN && decoded[1] == 1e308)
        #expect(throws: (any Error).self) { try CompactDecoder.decode([Int8].self, from: try CompactEncoder.encode([300])) }
        #expect(throws: (any Error).self) { try CompactDecoder.decode([UInt].self, from: try CompactEncoder.encode([-1])) }
    }

    @Test("Every truncation and every single-byte change of an encoding is an error or a value, never a crash")
    func damagedBytes() throws {
        let bytes = try CompactEncoder.encode(Self.sample(vendors: ["nvidia", "amd"]))
        for end in 0..<bytes.count {
            #expect(throws: (any Error).self) { try CompactDecoder.decode(Sample.self, from: Array(bytes[..<end])) }
        }
        for index in bytes.indices {
            for value: UInt8 in [0x00, 0x07, 0x08, 0x7F, 0x80, 0xFF] {
                var damaged = bytes
                damaged[index] = value
                _ = try? CompactDecoder.decode(Sample.self, from: damaged)
            }
        }
        #expect(throws: (any Error).self) { try CompactDecoder.decode(Sample.self, from: bytes + [0]) }
    }

    @Test("The site's period cache round-trips through the manifest files of a site folder")
    func periodCache() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("compact-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var manifest = SiteManifest(pages: ["index.html": "k1", "periods/2026-Q3/briefing.html": "k2"])
        let summary = try JSONDecoder().decode(BriefingSummary.self, from: Data(Self.summaryJSON.utf8))
        manifest.periods["2026-Q3"] = SiteManifest.CachedPeriod(
            stamp: "site.json:10:1.5:7;", summary: summary, markets: [], content: "c", charts: [SiteManifest.Chart(name: "a.svg", key: "h")])
        try manifest.write(in: folder)
        let read = SiteManifest.read(in: folder)
        #expect(read.pages == manifest.pages)
        #expect(read.periods.keys.sorted() == ["2026-Q3"])
        #expect(try read.periods["2026-Q3"].map { try Self.json($0.summary) } == Self.json(summary))
        #expect(read.periods["2026-Q3"]?.charts == manifest.periods["2026-Q3"]?.charts)
        // Written again from what was read: unchanged periods keep their bytes; a new stamp is encoded anew.
        let cache = folder.appendingPathComponent(SiteManifest.cacheName)
        let first = try Data(contentsOf: cache)
        var again = SiteManifest(pages: read.pages, periods: read.periods)
        again.reuseEncodings(of: read)
        #expect(again.encodedPeriods.count == 1)
        try again.write(in: folder)
        #expect(try Data(contentsOf: cache) == first)
        again.periods["2026-Q3"]?.stamp = "site.json:11:2.5:8;"
        try again.write(in: folder)
        #expect(try Data(contentsOf: cache) != first)
        #expect(SiteManifest.read(in: folder).periods["2026-Q3"]?.stamp == "site.json:11:2.5:8;")
        // A damaged cache loses the periods (read again from Reports/), not the page keys.
        try Data([7, 1, 2]).write(to: folder.appendingPathComponent(SiteManifest.cacheName))
        #expect(SiteManifest.read(in: folder).periods.isEmpty && SiteManifest.read(in: folder).pages == manifest.pages)
    }

    private static func json(_ summary: BriefingSummary) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(summary)
    }

    static let summaryJSON = """
        {"schema":"briefing.summary/1","period":"2026-Q3","as_of":"2026-09-30","period_start":"2026-07-01","period_end":"2026-09-30",
         "title":"Quarterly","summary":"s","takeaways":["t"],"headline":null,
         "events":[{"date":"2026-09-02","headline":"h","importance":"high","vendors":["amd"]}],"headings":[{"title":"T","anchor":"t"}]}
        """
}

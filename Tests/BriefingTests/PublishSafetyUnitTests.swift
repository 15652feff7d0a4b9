import Foundation
import TestSupport
import Testing
@testable import Briefing

/// The pieces under `briefing publish`'s guarantees, without a subprocess: the record's reader and
/// writer, temporary names, and path resolution.
@Suite("publish safety pieces")
struct PublishSafetyUnitTests {
    @Test func theRecordRoundTripsAndKeepsTheEarlierFormatWhenNothingIsPending() throws {
        let folder = try TemporaryDirectory(prefix: "record").url
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("published.json")
        #expect(try PublishRecord.read(file) == PublishRecord())
        let record = PublishRecord(periods: ["2027-03": "2027-03-31"], pending: ["2027-Q2": "2027-04-02"])
        try record.write(to: file)
        #expect(try PublishRecord.read(file) == record)
        #expect(record.publishedDate(of: "2027-Q2") == "2027-04-02")
        try record.confirmed().write(to: file)
        #expect(try String(contentsOf: file, encoding: .utf8) == "{\n  \"periods\" : {\n    \"2027-03\" : \"2027-03-31\",\n    \"2027-Q2\" : \"2027-04-02\"\n  }\n}\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["published.json"])
        // Dates written with a time (by hand or by earlier tools) still read.
        let stamped = try PublishRecord.parse(Array("{\"periods\": {\"2027-03\": \"2027-03-31T09:00:00Z\"}}".utf8))
        #expect(stamped.publishedDate(of: "2027-03") == "2027-03-31T09:00:00Z")
    }

    @Test(arguments: [
        ("{\"periods\": {}, \"extra\": 1}", 1, 17, "unknown key \"extra\""),
        ("{\"pending\": {\"2027-03\": null}}", 1, 25, "the date of 2027-03 must be a string"),
        ("\n\n  {\"periods\": 3}", 3, 15, "\"periods\" must be an object"),
        ("{\"periods\": {\"2027-03\": \"2027-02-30\"}}", 1, 25, "must be a real date"),
    ])
    func aDamagedRecordPointsAtTheValue(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        #expect(throws: PublishRecord.Corrupt.self) { try PublishRecord.parse(Array(text.utf8)) }
        do {
            _ = try PublishRecord.parse(Array(text.utf8))
        } catch {
            #expect(error.line == line && error.column == column, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.located(prefix: "desk").hasPrefix("desk/Reports/published.json:\(line):\(column): error: "))
        }
    }

    @Test func temporaryNamesAreRecognisedWithTheirProcess() {
        #expect(StaleTemporaries.name(for: "2027-03", pid: 42) == ".2027-03.tmp-42")
        #expect(StaleTemporaries.owner(of: ".2027-03.tmp-42") == 42)
        #expect(StaleTemporaries.owner(of: ".public.tmp-7.old") == 7)
        #expect(StaleTemporaries.owner(of: ".published.json.tmp-913") == 913)
        #expect(StaleTemporaries.owner(of: ".public.tmp-7", for: { $0 == "site" }) == nil)
        for name in ["2027-03", ".2027-03.tmp-", ".tmp-4", ".x.tmp-4a", "notes.tmp-4", ".x.tmp--4"] {
            #expect(StaleTemporaries.owner(of: name) == nil, "\(name)")
        }
        #expect(StaleTemporaries.isAlive(getpid()))
    }

    @Test func resolvingFollowsSymlinksBeforeDotDot() throws {
        let folder = try TemporaryDirectory(prefix: "resolve").url
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("desk/Data/deep"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("desk/link").path, withDestinationPath: "Data/deep")
        // link/.. is Data (where the link points, then up), not the desk folder.
        let resolved = SiteDestination.resolve(folder.appendingPathComponent("desk/link/../site"))
        #expect(resolved.path == folder.appendingPathComponent("desk/Data/site").path)
        #expect(throws: SiteDestination.Refusal.self) {
            try SiteDestination.check(folder.appendingPathComponent("desk/link/../site"), workspaceRoot: folder.appendingPathComponent("desk"))
        }
    }
}

import Foundation
import Testing
import Workspace
@testable import Briefing

/// Snapshots written before they kept the history, the stances, the details, the sources and the
/// event headlines still load, and "what changed" compares only what both snapshots hold.
@Suite("What changed against an older snapshot")
struct OlderSnapshotTests {
    /// `snapshot.json` as the first version wrote it: without the fields added since.
    private static func olderFormat(_ snapshot: Snapshot) throws -> Snapshot {
        var object = try #require(try JSONSerialization.jsonObject(with: try snapshot.encoded()) as? [String: Any])
        object["event_headlines"] = nil
        object["sources"] = nil
        object["markets"] = (object["markets"] as? [[String: Any]])?.map { market -> [String: Any] in
            var market = market
            market["history"] = nil
            market["details"] = nil
            market["scenarios"] = (market["scenarios"] as? [[String: Any]])?.map { var s = $0; s["details"] = nil; return s }
            return market
        }
        object["vendors"] = (object["vendors"] as? [[String: Any]])?.map { var v = $0; v["stance"] = nil; v["details"] = nil; return v }
        let data = try JSONSerialization.data(withJSONObject: object)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("older-snapshot-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try data.write(to: url)
        return try #require(Snapshot.read(url), "an older snapshot must still load")
    }

    private func workspaceThresholds(_ root: URL) throws -> WorkspaceConfig.Thresholds {
        try #require(WorkspaceLoader(root: root).load(asOf: WeeklyFixture.week1).workspace).config.defaults.thresholds
    }

    @Test("an older snapshot loads and the edits both can show are still reported")
    func olderSnapshotIsCompared() throws {
        let root = try WeeklyFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let week1 = try WeeklyFixture.build(root, asOf: WeeklyFixture.week1, write: false)
        let older = try Self.olderFormat(week1.snapshot)
        #expect(older.markets.first?.history == nil && older.vendors.first?.stance == nil)

        // Against itself: nothing changed, and nothing is invented from the missing fields.
        let same = ChangeFinder(previous: older, current: week1.snapshot, thresholds: try workspaceThresholds(root), money: [:], vendorNames: [:]).changes()
        #expect(same.map(\.sentence) == [])

        try WeeklyFixture.applyEdits(to: root)
        let result = WorkspaceLoader(root: root).load(asOf: WeeklyFixture.week2)
        let workspace = try #require(result.workspace)
        let week2 = WeeklyBuilder(workspace: workspace, root: root, asOf: WeeklyFixture.week2, toolVersion: "0.0.0-test")
            .context(previous: (week1.period, older))
        let sentences = week2.changes.map(\.sentence)
        #expect(sentences.contains("The Base case scenario's probability fell from 50% to 45%."), "\(sentences)")
        #expect(sentences.contains("The AWS Trainium/Inferentia narrative changed: Catalysts."))
        // The narrative file changed beyond its sections too (its review date), which the older
        // snapshot cannot show field by field; the file itself is not named since its narrative change is.
        #expect(!sentences.contains { $0.contains("stance") || $0.contains("history was revised") }, "\(sentences)")
    }
}

import Foundation
import Testing

/// `briefing publish` killed with SIGKILL at each step of the record protocol (the site built, the
/// periods recorded as pending, the site swapped, the record confirmed), then run again: at every
/// point the site is wholly the old one or wholly the new one, every period on it is protected, and
/// the rerun finishes the job and leaves nothing behind.
@Suite("publish killed and restarted")
struct PublishKillTests {
    static let steps = ["built", "pending", "swapped", "confirmed"]

    @Test(arguments: steps)
    func killedAtAStepLeavesAConsistentSiteAndRecord(_ step: String) throws {
        let workspace = try GuardedWorkspace(months: ["2026-11-20"])
        defer { workspace.remove() }
        #expect(try workspace.run(["publish", "--as-of", "2026-11-21", "--quiet"]).status == 0)
        try workspace.weekly("2026-12-18")
        let siteURL = workspace.url.appendingPathComponent("Site")
        let old = GuardedWorkspace.listing(siteURL)

        let publish = try BackgroundBriefing(["publish", "--as-of", "2026-12-19", "--quiet"], in: workspace.url, pauseAt: step)
        try #require(publish.waitUntilPaused(), "publish never reached \(step): \(publish.stderr)")
        publish.killHard()

        let afterKill = GuardedWorkspace.listing(siteURL)
        let record = try workspace.record()
        for period in workspace.periodsOnSite() {
            #expect(record.periods[period] != nil || record.pending[period] != nil, "\(period) is on the site but not protected (\(step))")
        }
        if workspace.periodsOnSite().contains("2026-12") {
            let weekly = try workspace.run(["weekly", "--as-of", "2026-12-18"])
            #expect(weekly.stderr.contains("2026-12 was published on 2026-12-19, so it is left as it is"), "\(weekly.stderr)")
        }

        let rerun = try workspace.run(["publish", "--as-of", "2026-12-19", "--quiet"])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let new = GuardedWorkspace.listing(siteURL)
        #expect(new != old)
        #expect(afterKill == old || afterKill == new, "after a kill at \(step) the site is neither the old nor the new one")
        switch step {
        case "built", "pending": #expect(afterKill == old)
        default: #expect(afterKill == new)
        }
        let confirmed = try workspace.record()
        #expect(confirmed.periods == ["2026-11": "2026-11-21", "2026-12": "2026-12-19"])
        #expect(confirmed.pending.isEmpty)
        let leftovers = GuardedWorkspace.listing(workspace.outer.url).keys.filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers.sorted())")
    }
}

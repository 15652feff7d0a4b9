import ArgumentParser
import Briefing
import Foundation

/// `briefing discard PERIOD`: removes an unpublished draft from `Reports/`.
struct DiscardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discard",
        abstract: "Remove an unpublished briefing from Reports/.",
        discussion: """
            Removes Reports/PERIOD, the folder briefing weekly wrote for PERIOD (for example one \
            written by mistake with a future --as-of), in one step. A period recorded as published in \
            Reports/published.json is refused unless --force, which also takes it out of the record. \
            Anything that is not a period folder written by briefing weekly is refused.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The period to remove, as its folder in Reports/ is named (2026-W48, 2026-11, 2026-Q4).", valueName: "period"))
    var period: String

    @Flag(help: "Remove the period even if it was published.")
    var force = false

    func run() throws {
        let opened = try LockedReports(global)
        defer { opened.lock.release() }
        let folder = opened.shownFolder + "/\(period)"
        do {
            try opened.reports.discard(period, force: force)
        } catch .corruptRecord(let corrupt) {
            throw CommandFailure(corrupt.problems(under: opened.prefix), then: "Reports/ was left as it was")
        }
        FileSystem.writeStandardError("briefing: discarded \(folder)\n")
    }
}

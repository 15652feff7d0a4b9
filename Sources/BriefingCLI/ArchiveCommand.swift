import ArgumentParser
import Briefing
import Foundation

/// `briefing archive migrate [PERIOD…] [--dry-run]`: the older layout of `Reports/` into the lean one.
struct ArchiveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "archive",
        abstract: "Maintain the archive of briefings in Reports/.",
        subcommands: [ArchiveMigrateCommand.self]
    )
}

struct ArchiveMigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Rewrite periods of the older layout into the lean one.",
        discussion: """
            Periods written before the lean archive hold their figures three times (figures.json, \
            figures.csv and snapshot.json) and a Markdown copy of methodology.html. Each such period \
            is rewritten, in one atomic swap, to what briefing weekly writes today: figures.json \
            (briefing.figures/2) with every figure once, snapshot.json with inputs only, and \
            manifest.json without the inputs; briefing.md, briefing.html, methodology.html, \
            summary.json and charts/ are kept byte for byte. Periods already lean are left \
            untouched. Every folder is checked first: a folder that briefing weekly did not write, \
            or a period whose figures cannot be read whole, refuses the run and nothing is changed. \
            Reading does not need this: every command reads both layouts.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Periods to migrate, as their folders in Reports/ are named (default: every period).", valueName: "period"))
    var periods: [String] = []

    @Flag(help: "Say what would be rewritten, and the sizes before and after, without writing.")
    var dryRun = false

    @Flag(help: "Print nothing but errors.")
    var quiet = false

    func run() throws {
        let opened = try LockedReports(global)
        defer { opened.lock.release() }
        let migrations = try opened.reports.migrate(only: periods, dryRun: dryRun)
        let folder = opened.shownFolder
        var lines: [String] = []
        for migration in migrations {
            if migration.rewritten {
                lines.append("\(folder)/\(migration.period): \(Self.size(migration.bytesBefore)) → \(Self.size(migration.bytesAfter))"
                    + (dryRun ? " (dry run, not written)" : ""))
            } else if !quiet {
                lines.append("\(folder)/\(migration.period): already lean (\(Self.size(migration.bytesBefore)))")
            }
        }
        let rewritten = migrations.filter(\.rewritten)
        let before = rewritten.reduce(0) { $0 + $1.bytesBefore }
        let after = rewritten.reduce(0) { $0 + $1.bytesAfter }
        lines.append("briefing: \(dryRun ? "would migrate" : "migrated") \(rewritten.count) of \(migrations.count) period(s)"
            + (rewritten.isEmpty ? "" : ", \(Self.size(before)) → \(Self.size(after))"))
        if quiet { lines = [] }
        if !lines.isEmpty { FileSystem.writeStandardError(lines.joined(separator: "\n") + "\n") }
    }

    /// `1,246.2 KB`, locale-independent.
    static func size(_ bytes: Int) -> String {
        let tenths = (bytes + 50) / 100
        let whole = tenths / 10
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        return digits + grouped + ".\(tenths % 10) KB"
    }
}

import ArgumentParser
import Briefing
import Foundation
import Workspace

/// `briefing check`: validate the workspace's data and templates.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate briefing.yaml, Data/ and every template, rendering each with this period's data.",
        discussion: """
            Prints every problem in one run as path:line:col: error|warning: message on standard \
            error (or, with --format json, a JSON report on standard output) and exits with status 1 \
            when there is an error. Warnings do not fail the check.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var global: GlobalOptions

    @Option(help: AsOfDate.help("The date rules are checked against (default: today in the workspace's time zone)."))
    var asOf: AsOfDate?

    @Option(help: "Output format: text (compiler-style lines) or json.")
    var format: Format = .text

    func run() throws {
        let root = global.workspaceDirectory()
        let report = WorkspaceCheck.run(
            root: URL(fileURLWithPath: root), displayPrefix: DisplayPath.relative(root), asOf: asOf?.day,
            toolVersion: BriefingCLI.version)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(report)
            try FileSystem.writeStandardOutput(String(decoding: data, as: UTF8.self) + "\n")
        case .text:
            let printer = global.printer
            var text = report.diagnostics.map(printer.text(for:)).joined()
            text += "briefing: checked as of \(report.asOf): \(Self.count(report.errors, "error")), \(Self.count(report.warnings, "warning"))\n"
            FileSystem.writeStandardError(text)
        }
        if report.errors > 0 { throw ExitCode.failure }
    }

    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

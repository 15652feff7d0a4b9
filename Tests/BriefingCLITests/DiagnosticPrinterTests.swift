import ArgumentParser
import Foundation
import Templating
import TestSupport
import Testing
import Workspace

@testable import BriefingCLI

/// The one printer of diagnostics: every kind of problem as text, with and without colour, and the
/// exit status each kind gives. In-process; the subprocess tests at the end check the wiring.
@Suite("Diagnostic printer")
struct DiagnosticPrinterTests {
    private let plain = DiagnosticPrinter(colour: false)
    private let coloured = DiagnosticPrinter(colour: true)

    @Test("plain text for each shape of problem", arguments: [
        (Problem(.data, "the workspace has no markets (Data/markets/)"),
         "briefing: error: the workspace has no markets (Data/markets/)\n"),
        (Problem(.data, "'x' is not a number", at: .init(file: "Data/scenarios/up.yaml", line: 12, column: 5)),
         "Data/scenarios/up.yaml:12:5: error: 'x' is not a number\n"),
        (Problem(.data, "missing or unreadable", at: .init(file: "Templates/assets/site.css")),
         "Templates/assets/site.css: error: missing or unreadable\n"),
        (Problem(.data, "no shares", at: .init(file: "Data/markets/m.yaml", line: 3)),
         "Data/markets/m.yaml:3: error: no shares\n"),
        (Problem(.template, "'vendr' is undefined", at: .init(file: "Templates/weekly.md", line: 4, column: 9),
                 notes: [.init("in template included or extended from here", at: .init(file: "Templates/layout.html", line: 2, column: 1)),
                         .init("… 3 more include steps …")]),
         """
         Templates/weekly.md:4:9: error: 'vendr' is undefined
         Templates/layout.html:2:1: note: in template included or extended from here
         note: … 3 more include steps …

         """),
        (Problem(.data, "2026-11 was published on 2026-11-21, so readers have seen it; it was left alone", hint: .rerunWithForce("discard it anyway")),
         "briefing: error: 2026-11 was published on 2026-11-21, so readers have seen it; it was left alone (use --force to discard it anyway)\n"),
        (Problem(.data, "the workspace has 2 error(s)", hint: .runCheck),
         "briefing: error: the workspace has 2 error(s); run briefing check\n"),
        (Problem(.data, "no template to render", hint: .nameTemplate),
         "briefing: error: no template to render; name one with --template\n"),
        (Problem(.data, "there is no built-in template 'x'", hint: .listTemplates),
         "briefing: error: there is no built-in template 'x'; see briefing templates list\n"),
        (Problem(Diagnostic(.warning, "old review date", file: "Data/vendors/a.md", line: 2, column: 1)),
         "Data/vendors/a.md:2:1: warning: old review date\n"),
    ])
    func plainText(problem: Problem, expected: String) {
        #expect(plain.text(for: problem) == expected)
    }

    @Test("colour: the place in bold, error in red, warning in yellow, note in cyan; the message as it is")
    func colour() {
        let located = Problem(.template, "bad", at: .init(file: "T/a.md", line: 1, column: 2), notes: [.init("here", at: .init(file: "T/b.md", line: 3, column: 4))])
        #expect(coloured.text(for: located) == "\u{1B}[1mT/a.md:1:2:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m bad\n\u{1B}[1mT/b.md:3:4:\u{1B}[0m \u{1B}[1;36mnote:\u{1B}[0m here\n")
        #expect(coloured.text(for: Problem(.data, "no markets")) == "\u{1B}[1mbriefing:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m no markets\n")
        #expect(coloured.text(for: Diagnostic(.warning, "w", file: "f")) == "\u{1B}[1mf:\u{1B}[0m \u{1B}[1;33mwarning:\u{1B}[0m w\n")
        #expect(coloured.usage("Missing expected argument '<dir>'") == "\u{1B}[1mbriefing:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m Missing expected argument '<dir>'\n")
        // Without colour not one escape sequence is written.
        #expect(!plain.text(for: located).contains("\u{1B}"))
    }

    @Test("--color and NO_COLOR", arguments: [
        (ColorChoice.auto, true, [String: String](), true),
        (.auto, false, [:], false),
        (.auto, true, ["NO_COLOR": "1"], false),
        (.auto, true, ["NO_COLOR": ""], true),
        (.always, false, ["NO_COLOR": "1"], true),
        (.never, true, [:], false),
    ])
    func colourChoice(choice: ColorChoice, isTerminal: Bool, environment: [String: String], enabled: Bool) {
        #expect(ColorChoice.resolve(choice, isTerminal: isTerminal, environment: environment) == enabled)
    }

    @Test("--color read from a command line that did not parse", arguments: [
        (["--color", "always", "nope"], ColorChoice.always),
        (["markdown", "--color=never", "--bogus"], .never),
        (["--color", "sometimes"], .auto),
        (["render", "--", "--color", "always"], .auto),
        (["--color", "never", "--color", "always"], .always),
    ])
    func colourScan(arguments: [String], expected: ColorChoice) {
        #expect(ColorChoice.scan(arguments) == expected)
    }

    @Test("a template error prints exactly as the engine describes a located one")
    func templateErrors() {
        let chain = (1...12).map { SourceLocation(path: "Templates/p\($0).md", line: $0, column: 1) }
        let error = TemplateError(.undefined, "'x' is undefined", at: SourceLocation(path: "Templates/a.md", line: 3, column: 7), chain: chain)
        #expect(plain.text(for: error) == error.description + "\n")
        #expect(plain.text(for: TemplateError(.notFound, "template 'x.md' not found")) == "briefing: error: template 'x.md' not found\n")
    }

    @Test("exit status per kind")
    func exitStatus() throws {
        func status(_ error: any Error) -> Int32? { BriefingCLI.report(error, printer: plain).status }
        #expect(status(Problem(.data, "d")) == 1)
        #expect(status(Problem(.template, "t")) == 1)
        #expect(status(TemplateError(.syntax, "s")) == 1)
        #expect(status(UnknownID(.vendor, "x", known: ["a"])) == 1)
        #expect(status(Problem(.environment, "e")) == 3)
        #expect(status(CommandFailure([Problem(.data, "d"), Problem(.environment, "e")])) == 3)
        #expect(status(CommandFailure(Problem(.environment, "lock busy"), then: "Reports/ was left as it was")) == 3)
        #expect(status(CLIError.cannotRead(path: "a", reason: "No such file or directory")) == 1)
        #expect(status(CLIError.cannotWriteStandardOutput(reason: "Broken pipe")) == 3)
        #expect(status(ExitCode.failure) == 1)
        #expect(status(ValidationError("--title needs --page")) == 2)
        #expect(status(CocoaError(.fileWriteUnknown)) == 1)
        // Parse errors are usage errors; help is a clean exit that argument-parser prints.
        #expect(throws: (any Error).self) { try RootCommand.parseAsRoot(["markdown", "--bogus"]) }
        do { _ = try RootCommand.parseAsRoot(["markdown", "--bogus"]) } catch { #expect(status(error) == 2) }
        do { _ = try RootCommand.parseAsRoot(["--help"]) } catch { #expect(status(error) == nil) }
    }

    @Test("the closing line of a failure takes the kind of its cause")
    func closingLine() {
        let failure = CommandFailure([Problem(.environment, "another run holds the lock")], then: "Reports/ was left as it was")
        #expect(failure.problems.map(\.kind) == [.environment, .environment])
        #expect(plain.text(for: failure) == "briefing: error: another run holds the lock\nbriefing: error: Reports/ was left as it was\n")
    }

    @Test("paths seen from the current folder")
    func under() {
        let problem = Problem(.data, "m", at: .init(file: "Reports/published.json", line: 1, column: 2), notes: [.init("n", at: .init(file: "Data/a.md"))])
        #expect(plain.text(for: problem.under("work")) == "work/Reports/published.json:1:2: error: m\nwork/Data/a.md: note: n\n")
        #expect(problem.under("") == problem)
        #expect(Problem(.data, "unlocated").under("work").location == nil)
    }
}

/// One error for every id that names nothing, with the closest known one.
@Suite("Unknown ids")
struct UnknownIDTests {
    @Test("did you mean, else the valid ids, else that there are none", arguments: [
        (UnknownID(.vendor, "nvidai", known: ["amd", "nvidia"]), "unknown vendor 'nvidai'; did you mean 'nvidia'?"),
        (UnknownID(.vendor, "aws", known: ["aws-trainium", "google-tpu"]), "unknown vendor 'aws'; did you mean 'aws-trainium'?"),
        (UnknownID(.market, "ai-acelerators", known: ["ai-accelerators"]), "unknown market 'ai-acelerators'; did you mean 'ai-accelerators'?"),
        (UnknownID(.scenario, "bul", known: ["bear", "bull"], market: "ai"), "unknown scenario 'bul' for market 'ai'; did you mean 'bull'?"),
        (UnknownID(.scenario, "nope", known: ["flat", "up"], market: "m"), "unknown scenario 'nope' for market 'm'; valid: flat, up"),
        (UnknownID(.vendor, "c", known: ["a", "b"], market: "m"), "unknown vendor 'c' for market 'm'; valid: a, b"),
        (UnknownID(.market, "x", known: ["m"], fallback: .none), "unknown market 'x'"),
        (UnknownID(.vendor, "x", known: []), "unknown vendor 'x' (the workspace has no vendors yet)"),
        (UnknownID(.period, "2026-W74", known: ["2026-W47", "2026-W48"]), "Reports/2026-W74 does not exist; did you mean '2026-W47'?"),
        (UnknownID(.period, "2027-02", known: ["2026-11"], fallback: .none), "Reports/2027-02 does not exist"),
        (UnknownID(.period, "2026-W47", known: [], fallback: .none), "Reports/2026-W47 does not exist (Reports/ holds no briefing yet)"),
    ])
    func message(error: UnknownID, expected: String) {
        #expect(error.message == expected)
        #expect(DiagnosticPrinter(colour: false).text(for: error) == "briefing: error: \(expected)\n")
    }
}

/// `--as-of` is one argument type: a date that is not real is refused by the parser, the same way
/// in every command that takes it, as a usage error.
@Suite("--as-of parsing")
struct AsOfParsingTests {
    static let commands: [[String]] = [
        ["weekly"], ["check"], ["project"], ["publish"], ["report", "vendor", "a"], ["init", "new-workspace"],
    ]

    @Test("a real date parses in every command", arguments: commands)
    func realDate(command: [String]) throws {
        let parsed = try RootCommand.parseAsRoot(command + ["--as-of", "2028-02-29"])
        let asOf: AsOfDate? = switch parsed {
        case let c as WeeklyCommand: c.asOf
        case let c as CheckCommand: c.asOf
        case let c as ProjectCommand: c.asOf
        case let c as PublishCommand: c.asOf
        case let c as ReportCommand: c.asOf
        case let c as InitCommand: c.asOf
        default: nil
        }
        #expect(asOf?.day == Day("2028-02-29"))
    }

    @Test("a date that is not real is a usage error with the same words everywhere", arguments: commands)
    func invalidDate(command: [String]) throws {
        for value in ["2026-02-30", "2026-2-1", "+026-01-01", "tomorrow", ""] {
            var caught: (any Error)?
            do { _ = try RootCommand.parseAsRoot(command + ["--as-of", value]) } catch { caught = error }
            let error = try #require(caught, "\(command) accepted --as-of '\(value)'")
            let (text, status) = BriefingCLI.report(error, printer: DiagnosticPrinter(colour: false))
            #expect(status == 2)
            #expect(text.hasPrefix("briefing: error: The value '\(value)' is invalid for '--as-of <yyyy-mm-dd>'\n"), "\(text)")
        }
    }
}

/// The wiring in the real binary: exit statuses and colour on standard error.
@Suite("Exit status and colour of the binary")
struct ExitStatusProcessTests {
    @Test("usage errors exit with 2, data errors with 1")
    func usageAndData() throws {
        let usage = try BriefingProcess.run(["markdown", "--title", "x"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("briefing: error: --title needs --page\n"), "\(usage.stderr)")
        let missing = try BriefingProcess.run(["markdown", "/nonexistent/briefing-test.md"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "briefing: error: cannot read '/nonexistent/briefing-test.md': No such file or directory\n")
    }

    @Test("--color always colours, NO_COLOR and pipes do not")
    func colour() throws {
        let coloured = try BriefingProcess.run(["markdown", "--color", "always", "/nonexistent/x.md"])
        #expect(coloured.stderr == "\u{1B}[1mbriefing:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m cannot read '/nonexistent/x.md': No such file or directory\n")
        let usage = try BriefingProcess.run(["--color=always", "markdown", "--bogus"])
        #expect(usage.status == 2)
        #expect(usage.stderr.hasPrefix("\u{1B}[1mbriefing:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m "), "\(usage.stderr)")
        // Standard error is a file here, not a terminal: auto means no colour.
        let auto = try BriefingProcess.run(["markdown", "/nonexistent/x.md"])
        #expect(!auto.stderr.contains("\u{1B}"))
    }
}

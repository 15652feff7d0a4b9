import ArgumentParser
import Foundation

/// The `briefing` command-line interface. `Sources/briefing/main.swift` only calls ``main(_:)``.
public enum BriefingCLI {
    /// The version `briefing --version` prints.
    public static let version = "0.1.0"

    /// Parses `arguments` (default: the process's), runs the command and exits.
    ///
    /// Help and `--version` go to stdout with status 0. Every failure is printed on stderr by
    /// ``DiagnosticPrinter`` and exits with an ``ExitStatus``: 1 for the data and templates, 2 for
    /// usage, 3 for the environment.
    public static func main(_ arguments: [String]? = nil) async -> Never {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        var command: any ParsableCommand
        do {
            command = try RootCommand.parseAsRoot(arguments)
        } catch {
            fail(error, printer: DiagnosticPrinter(colour: ColorChoice.scan(arguments).isEnabled(for: STDERR_FILENO)))
        }
        let printer = (command as? any GlobalOptionsCommand)?.global.printer
            ?? DiagnosticPrinter(colour: ColorChoice.auto.isEnabled(for: STDERR_FILENO))
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fail(error, printer: printer)
        }
        RootCommand.exit()
    }

    /// Prints `error` and exits with its status.
    private static func fail(_ error: any Error, printer: DiagnosticPrinter) -> Never {
        let (text, status) = report(error, printer: printer)
        guard let status else { RootCommand.exit(withError: error) }
        if !text.isEmpty { FileSystem.writeStandardError(text) }
        RootCommand.exit(withError: ExitCode(status))
    }

    /// What `briefing` prints on standard error for `error` and its exit status; `nil` for help,
    /// `--version` and other clean exits, which argument-parser prints itself.
    static func report(_ error: any Error, printer: DiagnosticPrinter) -> (text: String, status: Int32?) {
        switch error {
        case let exitCode as ExitCode:
            // A command that printed its own report (`check`) and only sets the status.
            return ("", exitCode.rawValue)
        case _ where DiagnosticPrinter.knows(error):
            let problems = DiagnosticPrinter.problems(of: error)
            return (problems.map(printer.text(for:)).joined(), ExitStatus.of(problems))
        default:
            switch RootCommand.exitCode(for: error) {
            case .success:
                return ("", nil)
            case .validationFailure:
                // Usage errors: argument-parser's text (message, usage, help hint) behind our prefix.
                var message = RootCommand.fullMessage(for: error)
                if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
                return (printer.usage(message), ExitStatus.usage)
            default:
                let problems = DiagnosticPrinter.problems(of: error)
                return (problems.map(printer.text(for:)).joined(), ExitStatus.of(problems))
            }
        }
    }
}

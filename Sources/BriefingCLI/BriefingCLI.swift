import ArgumentParser

/// The `briefing` command-line interface. `Sources/briefing/main.swift` only calls ``main(_:)``.
public enum BriefingCLI {
    /// The version `briefing --version` prints.
    public static let version = "0.1.0"

    /// Parses `arguments` (default: the process's), runs the command and exits.
    ///
    /// Help and `--version` go to stdout with status 0. Every failure is reported on
    /// stderr as `briefing: error: …` and exits with status 1.
    public static func main(_ arguments: [String]? = nil) async -> Never {
        do {
            var command = try RootCommand.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            RootCommand.exit()
        } catch CLIError.diagnostic(let text) {
            // Located diagnostics read like a compiler's: `path:line:col: error: …`.
            FileSystem.writeStandardError(text + "\n")
            RootCommand.exit(withError: ExitCode.failure)
        } catch let error as CLIError {
            FileSystem.writeStandardError("briefing: error: \(error)\n")
            RootCommand.exit(withError: ExitCode.failure)
        } catch let exitCode as ExitCode {
            RootCommand.exit(withError: exitCode)
        } catch {
            // Help, --version and other clean exits: ArgumentParser prints them.
            guard RootCommand.exitCode(for: error) != .success else {
                RootCommand.exit(withError: error)
            }
            // Usage errors: keep ArgumentParser's text (message, usage, help hint)
            // behind our own prefix.
            var message = RootCommand.fullMessage(for: error)
            if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
            FileSystem.writeStandardError("briefing: error: \(message)\n")
            RootCommand.exit(withError: ExitCode.failure)
        }
    }
}

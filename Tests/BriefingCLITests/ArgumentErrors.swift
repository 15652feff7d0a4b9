import ArgumentParser
@testable import BriefingCLI

/// Argument errors checked in-process, the way `briefing` parses its command line:
/// `RootCommand.parseAsRoot` runs every option group's and command's `validate()`, so a refused
/// argument needs no subprocess and no workspace. Subprocess tests keep what only a process
/// shows: the exit status, the `briefing: error:` prefix and the usage text on standard error.
enum ArgumentErrors {
    /// The message ArgumentParser gives for the error that parsing `arguments` throws (what
    /// `briefing` prints after `briefing: error: `), or `nil` when the arguments parse.
    static func message(_ arguments: [String]) -> String? {
        do {
            _ = try RootCommand.parseAsRoot(arguments)
            return nil
        } catch {
            guard RootCommand.exitCode(for: error) != .success else { return nil }
            return RootCommand.message(for: error)
        }
    }
}

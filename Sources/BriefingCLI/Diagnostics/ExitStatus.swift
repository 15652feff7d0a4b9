import Workspace

/// The exit statuses of `briefing`, documented in the README: scripts and cron jobs tell a problem
/// in the data from a mistyped command and from a machine that needs attention.
enum ExitStatus {
    /// Everything worked (also `--help` and `--version`).
    static let success: Int32 = 0
    /// The data or a template is wrong: invalid Data/, a template error, an unknown id, a refusal.
    static let dataError: Int32 = 1
    /// The command line is wrong: an unknown option, a missing argument, a value that does not parse
    /// or that `validate()` refuses.
    static let usage: Int32 = 2
    /// The environment: a missing program or package, a folder or stream that cannot be written, the
    /// workspace lock held by another run, a port that is taken.
    static let environment: Int32 = 3

    /// The status for a failure made of `problems`: an environment problem outranks the data.
    static func of(_ problems: [Problem]) -> Int32 {
        problems.contains { $0.kind == .environment } ? environment : dataError
    }
}

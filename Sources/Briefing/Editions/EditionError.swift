import Workspace

/// What can stop the PDF or e-mail edition of a briefing. The CLI prints the description after
/// `briefing: error: `.
package enum EditionError: Error, Sendable, Equatable, CustomStringConvertible, ProblemReporting {
    /// A program the edition runs is not installed (`chromium`, `rsvg-convert`, sendmail).
    case missingTool(name: String, debianPackage: String, purpose: String)
    /// The program ran and failed; `output` is the end of what it printed.
    case toolFailed(name: String, status: Int32, output: String)
    /// The program did not finish in time and was stopped.
    case toolTimedOut(name: String, seconds: Int)
    /// The period has no built briefing to make the edition from.
    case missingBriefing(path: String, period: String)
    /// A file of the period's folder could not be read or decoded.
    case unreadable(path: String, reason: String)
    /// The program ran but did not produce what it should have.
    case badOutput(name: String, reason: String)
    /// `--send` without the `email:` settings it needs.
    case sendNotConfigured(missing: String)

    /// Whether the fault is in the machine rather than in the data (exit status 3 where the CLI
    /// distinguishes environment failures).
    package var isEnvironment: Bool {
        switch self {
        case .missingTool, .toolFailed, .toolTimedOut, .badOutput: true
        case .missingBriefing, .unreadable, .sendNotConfigured: false
        }
    }

    /// One problem, of the environment's kind when the machine is at fault.
    package var problems: [Problem] { [Problem(isEnvironment ? .environment : .data, description)] }

    package var description: String {
        switch self {
        case .missingTool(let name, let package, let purpose):
            "\(purpose) needs \(name), which is not installed (not found on PATH); install the Debian package '\(package)': "
                + "sudo apt-get install -y --no-install-recommends \(package)\(package == "chromium" ? " fonts-liberation" : "") "
                + "(or run scripts/install-deps --editions as root)"
        case .toolFailed(let name, let status, let output):
            "\(name) failed with exit status \(status)" + (output.isEmpty ? "" : ":\n" + output)
        case .toolTimedOut(let name, let seconds):
            "\(name) did not finish within \(seconds) seconds and was stopped"
        case .missingBriefing(let path, let period):
            "\(path) not found: there is no briefing for \(period) to export; build it first with 'briefing weekly' as of a date in \(period)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .badOutput(let name, let reason):
            "\(name) \(reason)"
        case .sendNotConfigured(let missing):
            "sending needs \(missing) in the email: block of briefing.yaml"
        }
    }
}

import Workspace

/// What went wrong in the outer layer (files and streams); printed as `briefing: error: …`.
enum CLIError: Error, Equatable, CustomStringConvertible, ProblemReporting {
    case cannotRead(path: String, reason: String)
    case cannotReadStandardInput(reason: String)
    case cannotWriteStandardOutput(reason: String)

    var description: String {
        switch self {
        case .cannotRead(let path, let reason):
            "cannot read '\(path)': \(reason)"
        case .cannotReadStandardInput(let reason):
            "cannot read standard input: \(reason)"
        case .cannotWriteStandardOutput(let reason):
            "cannot write standard output: \(reason)"
        }
    }

    /// A named file that cannot be read is the user's input; streams that fail are the environment.
    var problems: [Problem] {
        switch self {
        case .cannotRead: [Problem(.data, description)]
        case .cannotReadStandardInput, .cannotWriteStandardOutput: [Problem(.environment, description)]
        }
    }
}

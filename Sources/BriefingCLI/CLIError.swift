/// What went wrong in the outer layer (files and streams); printed as `briefing: error: …`.
enum CLIError: Error, Equatable, CustomStringConvertible {
    case cannotRead(path: String, reason: String)
    case cannotReadStandardInput(reason: String)
    case cannotWriteStandardOutput(reason: String)
    /// A complete diagnostic, already located (`Templates/weekly.md:14:9: error: …`).
    case diagnostic(String)

    var description: String {
        switch self {
        case let .cannotRead(path, reason):
            "cannot read '\(path)': \(reason)"
        case let .cannotReadStandardInput(reason):
            "cannot read standard input: \(reason)"
        case let .cannotWriteStandardOutput(reason):
            "cannot write standard output: \(reason)"
        case let .diagnostic(text):
            text
        }
    }
}

import ArgumentParser
import Workspace

/// `--as-of YYYY-MM-DD`, parsed once for every command that takes it: argument-parser refuses a
/// value that is not a real date as a usage error, before `validate()` or `run()`.
struct AsOfDate: ExpressibleByArgument, Sendable, Hashable {
    let day: Day

    init?(argument: String) {
        guard let day = Day(argument) else { return nil }
        self.day = day
    }

    /// The value name in help and usage errors says how to write the date
    /// (`The value '2026-02-30' is invalid for '--as-of <yyyy-mm-dd>'`).
    static let valueName = "yyyy-mm-dd"

    static func help(_ text: String) -> ArgumentHelp {
        ArgumentHelp(text, valueName: valueName)
    }
}

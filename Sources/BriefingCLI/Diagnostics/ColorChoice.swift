import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `--color auto|always|never`: whether diagnostics (and the terminal table of `project`) use colour.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    /// Colour on a terminal, unless the `NO_COLOR` environment variable is set and not empty.
    case auto
    case always
    case never

    /// Whether to colour what goes to `descriptor` (standard error for diagnostics). The option wins
    /// over `NO_COLOR`, as https://no-color.org asks of command-line arguments.
    func isEnabled(for descriptor: Int32, environment: [String: String] = ProcessInfo.processInfo.environment) -> Bool {
        Self.resolve(self, isTerminal: isatty(descriptor) == 1, environment: environment)
    }

    static func resolve(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
        switch choice {
        case .always: true
        case .never: false
        case .auto: isTerminal && (environment["NO_COLOR"] ?? "").isEmpty
        }
    }

    /// The `--color` given in `arguments` (the last one wins), for a command line that did not parse:
    /// its usage error is printed before any option has a value.
    static func scan(_ arguments: [String]) -> ColorChoice {
        var choice = ColorChoice.auto
        var index = arguments.startIndex
        while index < arguments.endIndex, arguments[index] != "--" {
            let argument = arguments[index]
            if argument.hasPrefix("--color=") {
                choice = ColorChoice(rawValue: String(argument.dropFirst("--color=".count))) ?? choice
            } else if argument == "--color", index + 1 < arguments.endIndex {
                choice = ColorChoice(rawValue: arguments[index + 1]) ?? choice
                index += 1
            }
            index += 1
        }
        return choice
    }
}

import Briefing
import Templating
import Workspace

/// The one place that turns problems into the text on standard error, as swift-format's
/// diagnostics engine does for its findings: the `briefing: error:` prefix of an unlocated problem,
/// `path:line:col: error: …` for a located one, `note:` lines, hints worded with the CLI's own flag
/// names, and colour (ANSI, only when ``colour`` is on).
struct DiagnosticPrinter: Sendable {
    var colour: Bool

    /// Every problem of `error`, one diagnostic after another, each line ending in a line break.
    func text(for error: any Error) -> String {
        Self.problems(of: error).map(text(for:)).joined()
    }

    /// One problem: its line, the hint on it, then its notes.
    func text(for problem: Problem) -> String {
        var text = head(problem.location, problem.severity == .error ? .error : .warning)
        text += problem.message + (problem.hint.map(Self.wording) ?? "") + "\n"
        for note in problem.notes {
            text += (note.location.map { paint(Self.bold, "\($0):") + " " } ?? "") + paint(Self.cyan, "note:") + " " + note.message + "\n"
        }
        return text
    }

    /// A workspace diagnostic (an error or a warning) as `briefing check` lists it.
    func text(for diagnostic: Diagnostic) -> String {
        text(for: Problem(diagnostic))
    }

    /// The text of an argument-parser usage error behind the `briefing: error:` prefix.
    func usage(_ message: String) -> String {
        head(nil, .error) + message + (message.hasSuffix("\n") ? "" : "\n")
    }

    /// What the user can do, in the CLI's words: the flag and command names live here only.
    static func wording(_ hint: Problem.Hint) -> String {
        switch hint {
        case .rerunWithForce(let action): " (use --force to \(action))"
        case .runCheck: "; run briefing check"
        case .nameTemplate: "; name one with --template"
        case .listTemplates: "; see briefing templates list"
        case .buildWithoutSearch: "; or publish with --no-search to build a site without search"
        }
    }

    /// The problems an error stands for: typed library errors, template errors and the CLI's own;
    /// anything else becomes one unlocated problem with the error's own text.
    static func problems(of error: any Error) -> [Problem] {
        switch error {
        case let reporting as any ProblemReporting: reporting.problems
        case let template as TemplateError: [Problem(template)]
        default: [Problem(.data, "\(error)")]
        }
    }

    /// Whether `error` is one of the typed errors above rather than argument-parser's own.
    static func knows(_ error: any Error) -> Bool {
        error is any ProblemReporting || error is TemplateError
    }

    // MARK: - Colour

    private enum Label: String {
        case error, warning
    }

    private static let bold = "1"
    private static let red = "1;31"
    private static let yellow = "1;33"
    private static let cyan = "1;36"

    /// `path:line:col: error: ` for a located problem, `briefing: error: ` otherwise.
    private func head(_ location: Problem.Location?, _ label: Label) -> String {
        let place = location.map { paint(Self.bold, "\($0):") } ?? paint(Self.bold, "briefing:")
        return place + " " + paint(label == .error ? Self.red : Self.yellow, label.rawValue + ":") + " "
    }

    private func paint(_ style: String, _ text: String) -> String {
        colour ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }
}

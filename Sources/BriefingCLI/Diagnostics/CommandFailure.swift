import Workspace

/// A command stopped: the problems it reports, in order, for ``DiagnosticPrinter`` to print and
/// ``ExitStatus`` to turn into the exit status.
struct CommandFailure: Error, ProblemReporting {
    var problems: [Problem]

    init(_ problems: [Problem]) {
        self.problems = problems
    }

    init(_ kind: Problem.Kind, _ message: String, hint: Problem.Hint? = nil) {
        self.init([Problem(kind, message, hint: hint)])
    }

    /// The problems of `cause`, then one line of the same kind saying what was left as it was
    /// (`Reports/ was left as it was`).
    init(_ cause: any Error, then closing: String) {
        self.init(DiagnosticPrinter.problems(of: cause), then: closing)
    }

    /// `problems`, then the closing line, of the environment's kind when any of them is.
    init(_ problems: [Problem], then closing: String) {
        let kind: Problem.Kind = problems.contains { $0.kind == .environment } ? .environment : (problems.first?.kind ?? .data)
        self.init(problems + [Problem(kind, closing)])
    }
}

import Templating
import Workspace

extension Problem {
    /// A template error as a problem: its place, its message, and one note per `include`/`extends`
    /// step that led to it (innermost first; a runaway chain shows its first and last five steps),
    /// the one conversion every command and the preview use.
    package init(_ error: TemplateError) {
        let steps = Array(error.chain.reversed())
        var notes: [Note] = []
        for (index, step) in steps.enumerated() {
            if steps.count > 10 && index >= 5 && index < steps.count - 5 {
                if index == 5 { notes.append(Note("… \(steps.count - 10) more include steps …")) }
                continue
            }
            notes.append(Note("in template included or extended from here", at: .init(file: step.path, line: step.line, column: step.column)))
        }
        self.init(
            .template, error.message, at: error.location.map { .init(file: $0.path, line: $0.line, column: $0.column) }, notes: notes)
    }
}

extension Diagnostic {
    /// A template error as one of `briefing check`'s located diagnostics, placed at `fallbackFile`
    /// when the error has no location of its own.
    package init(_ error: TemplateError, fallbackFile: String) {
        let location = error.location
        self.init(.error, error.message, file: location?.path ?? fallbackFile, line: location?.line, column: location?.column)
    }
}

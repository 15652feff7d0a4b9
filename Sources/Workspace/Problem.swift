/// A failure that a library hands to its caller, in the two layers a compiler's diagnostics have:
/// what kind of thing went wrong and where, then the message, notes, and what the user can do about
/// it as a ``Hint``. No library writes `briefing: error:`, a command name or a flag: the caller words
/// the hint for its own interface (the CLI's `DiagnosticPrinter` names `--force`; the preview server
/// shows the same text on its error page).
package struct Problem: Error, Sendable, Hashable {
    /// What went wrong, which decides the exit status of the command that stops on it.
    package enum Kind: Sendable, Hashable {
        /// The analyst's files: briefing.yaml, Data/, a record in Reports/, an id that does not exist,
        /// a file that would be overwritten.
        case data
        /// A template failed to load, parse or render.
        case template
        /// The machine rather than the data: a missing program or package, a folder or stream that
        /// cannot be written, the workspace lock held by another run, a port that is taken.
        case environment
    }

    /// What the user can do next; worded by whoever prints the problem.
    package enum Hint: Sendable, Hashable {
        /// Run the command again with its force option; the text says what that does
        /// ("discard it anyway").
        case rerunWithForce(String)
        /// Run the workspace check to see every problem.
        case runCheck
        /// Name the template to render.
        case nameTemplate
        /// List the built-in templates.
        case listTemplates
        /// Build the site without its search index on purpose (when the indexer is missing).
        case buildWithoutSearch
    }

    /// Where the problem is: a file, and a 1-based line and column when known.
    package struct Location: Sendable, Hashable, CustomStringConvertible {
        package var file: String
        package var line: Int?
        package var column: Int?

        package init(file: String, line: Int? = nil, column: Int? = nil) {
            self.file = file
            self.line = line
            self.column = column
        }

        /// `path`, `path:line` or `path:line:column`.
        package var description: String {
            guard let line else { return file }
            return column.map { "\(file):\(line):\($0)" } ?? "\(file):\(line)"
        }
    }

    /// More about the problem: a step that led to it (`in template included from here`) or a detail.
    package struct Note: Sendable, Hashable {
        package var message: String
        package var location: Location?

        package init(_ message: String, at location: Location? = nil) {
            self.message = message
            self.location = location
        }
    }

    package var kind: Kind
    /// `.warning` only for the warnings listed beside a workspace's errors.
    package var severity: Diagnostic.Severity = .error
    package var message: String
    package var location: Location?
    package var notes: [Note]
    package var hint: Hint?

    package init(_ kind: Kind, _ message: String, at location: Location? = nil, notes: [Note] = [], hint: Hint? = nil) {
        self.kind = kind
        self.message = message
        self.location = location
        self.notes = notes
        self.hint = hint
    }

    /// A workspace diagnostic as a problem of kind `data`, at its place.
    package init(_ diagnostic: Diagnostic) {
        self.init(.data, diagnostic.message, at: Location(file: diagnostic.file, line: diagnostic.line, column: diagnostic.column))
        severity = diagnostic.severity
    }
}

/// An error that stands for one or more problems, printed in order: a workspace's diagnostics
/// and the line that says what was left untouched, for example.
package protocol ProblemReporting: Error {
    var problems: [Problem] { get }
}

extension Problem: ProblemReporting {
    package var problems: [Problem] { [self] }
}

extension Problem {
    /// The problem with its paths (and its notes' paths) seen from the current folder: `folder` is
    /// the workspace's path from there (`""` when it is the current folder).
    package func under(_ folder: String) -> Problem {
        guard !folder.isEmpty, folder != "." else { return self }
        func moved(_ location: Location?) -> Location? {
            location.map { Location(file: folder + "/" + $0.file, line: $0.line, column: $0.column) }
        }
        var problem = self
        problem.location = moved(location)
        problem.notes = notes.map { Note($0.message, at: moved($0.location)) }
        return problem
    }
}

extension ProblemReporting {
    /// Every problem of the error, its paths seen from the current folder (``Problem/under(_:)``).
    package func problems(under folder: String) -> [Problem] {
        problems.map { $0.under(folder) }
    }
}

extension Problem: CustomStringConvertible {
    /// Plain compiler-style text for consumers that print no colour and word no hint (the preview's
    /// error page by default): `path:line:col: error: message`, or `error: message`, then its notes.
    /// The CLI prints problems with its own `DiagnosticPrinter` instead.
    package var description: String {
        var text = (location.map { "\($0): " } ?? "") + "\(severity.rawValue): \(message)"
        for note in notes { text += "\n" + (note.location.map { "\($0): " } ?? "") + "note: \(note.message)" }
        return text
    }
}

/// Bodies: the statements of a template, a block or a tag, run in order.
///
/// Template text between tags (a third of the statements of a typical template) is not a
/// closure of its own: a body keeps it as a `Step.text` range of the source and writes it in
/// place, so compiling it allocates nothing and its location is worked out only if writing fails.
enum Step: Sendable {
    /// Source bytes `start..<end`, from the text statement at `offset`.
    case text(start: Int, end: Int, offset: Int)
    case run(Executor)

    @inline(__always)
    func run(_ state: RenderState, _ text: TemplateText) throws {
        switch self {
        case .text(let start, let end, let offset): try text.write(start, end, at: offset, to: state)
        case .run(let execute): try execute(state)
        }
    }
}

/// A template's source as text statements write it, with what is needed to locate an error.
/// A class, so that each body captures one reference rather than retaining three arrays and a
/// string.
final class TemplateText: Sendable {
    let bytes: [UInt8]
    let lines: LineTable
    let path: String

    init(bytes: [UInt8], lines: LineTable, path: String) {
        self.bytes = bytes
        self.lines = lines
        self.path = path
    }

    @inline(__always)
    func write(_ start: Int, _ end: Int, at offset: Int, to state: RenderState) throws {
        do {
            try bytes.withUnsafeBufferPointer { try state.write(UnsafeBufferPointer(rebasing: $0[start..<end])) }
        } catch let error as OperationError {
            throw error.located(location(offset))
        } catch let error as FilterError {
            throw TemplateError(error.kind, error.message, at: location(offset))
        }
    }

    func location(_ offset: Int) -> SourceLocation {
        let (line, column) = lines.position(of: offset)
        return SourceLocation(path: path, line: line, column: column)
    }
}

extension Compiler {
    /// A statement as a step of a body: text stays a range of the source.
    func step(_ statement: Stmt) throws -> Step {
        if case .text(let start, let end) = statement.kind {
            return .text(start: start, end: end, offset: statement.offset)
        }
        return .run(try compile(statement))
    }

    func compileRoot(_ statements: [Stmt]) throws -> Executor {
        let steps = try statements.map { try step($0) }
        // After `{% extends %}` has run, the rest of the template produces no output, but its
        // statements (set, macro, …) still run.
        let outputOnly = statements.map { statement -> Bool in
            switch statement.kind {
            case .text, .output, .block: return true
            default: return false
            }
        }
        let text = self.text
        return { state in
            for (index, step) in steps.enumerated() {
                if state.parentTemplate != nil {
                    if outputOnly[index] { continue }
                    _ = try state.capture { try step.run(state, text) }
                } else {
                    try step.run(state, text)
                }
            }
        }
    }

    /// Bodies of up to three statements (most `if` and `for` bodies) are compiled without a
    /// temporary array and run without a loop.
    func compileBody(_ statements: [Stmt]) throws -> Executor {
        let text = self.text
        switch statements.count {
        case 0: return { _ in }
        case 1:
            switch try step(statements[0]) {
            case .text(let start, let end, let offset): return { state in try text.write(start, end, at: offset, to: state) }
            case .run(let execute): return execute
            }
        case 2:
            let a = try step(statements[0])
            let b = try step(statements[1])
            return { state in
                try a.run(state, text)
                try b.run(state, text)
            }
        case 3:
            let a = try step(statements[0])
            let b = try step(statements[1])
            let c = try step(statements[2])
            return { state in
                try a.run(state, text)
                try b.run(state, text)
                try c.run(state, text)
            }
        default:
            let steps = try statements.map { try step($0) }
            return { state in for step in steps { try step.run(state, text) } }
        }
    }
}

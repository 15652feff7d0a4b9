typealias Evaluator = @Sendable (RenderState) throws -> Value
typealias Executor = @Sendable (RenderState) throws -> Void

/// A template compiled to a tree of closures, shared read-only by every render.
final class CompiledTemplate: @unchecked Sendable {
    let name: String
    let path: String
    let autoescape: Bool
    var root: Executor = { _ in }
    var blocks: [String: Executor] = [:]
    /// Blocks declared `required`: a template extending this one must override them.
    var requiredBlocks: Set<String> = []
    /// The templates this one always extends or includes (named by a literal), for cycle checks.
    var dependencies: [TemplateCycles.Dependency] = []
    /// How deeply statements and expressions nest in this template: a bound on the stack a
    /// render of it takes, counted against `RenderState.nestingInUse` when it is included.
    var nesting = 0

    /// This template's blocks as the start of an inheritance chain.
    var blockStacks: [String: [BlockBody]] {
        blocks.mapValues { [BlockBody(template: self, body: $0)] }
    }

    init(name: String, path: String, autoescape: Bool) {
        self.name = name
        self.path = path
        self.autoescape = autoescape
    }
}

/// Turns the parsed statements of one template into closures. Filters and tests are resolved
/// here, so an unknown name fails when the template is loaded, not when a branch first runs.
struct Compiler {
    let environment: Environment
    let template: CompiledTemplate
    let parser: Parser
    let locator: Locator

    static func compile(source: String, name: String, path: String, autoescape: Bool, environment: Environment) throws -> CompiledTemplate {
        var parser = try Parser(source: source, path: path, maximumNesting: environment.limits.nestingDepth)
        let statements = try parser.parseTemplate()
        let template = CompiledTemplate(name: name, path: path, autoescape: autoescape)
        let locator = Locator(path: path, lines: parser.lexer.lines)
        let compiler = Compiler(environment: environment, template: template, parser: parser, locator: locator)
        template.root = try compiler.compileRoot(statements)
        template.dependencies = TemplateCycles.dependencies(of: statements, location: locator.location)
        template.nesting = Compiler.nesting(of: statements)
        return template
    }

    func location(_ offset: Int) -> SourceLocation { locator.location(offset) }

    // MARK: - Statements

    func compileRoot(_ statements: [Stmt]) throws -> Executor {
        let compiled = try statements.map { try compile($0) }
        // After `{% extends %}` has run, the rest of the template produces no output, but its
        // statements (set, macro, …) still run.
        let outputOnly = statements.map { statement -> Bool in
            switch statement.kind {
            case .text, .output, .block: return true
            default: return false
            }
        }
        return { state in
            for (index, run) in compiled.enumerated() {
                if state.parentTemplate != nil {
                    if outputOnly[index] { continue }
                    _ = try state.capture { try run(state) }
                } else {
                    try run(state)
                }
            }
        }
    }

    /// Bodies of up to three statements (most `if` and `for` bodies) are compiled without a
    /// temporary array and run without a loop.
    func compileBody(_ statements: [Stmt]) throws -> Executor {
        switch statements.count {
        case 0: return { _ in }
        case 1: return try compile(statements[0])
        case 2:
            let a = try compile(statements[0])
            let b = try compile(statements[1])
            return { state in
                try a(state)
                try b(state)
            }
        case 3:
            let a = try compile(statements[0])
            let b = try compile(statements[1])
            let c = try compile(statements[2])
            return { state in
                try a(state)
                try b(state)
                try c(state)
            }
        default:
            let compiled = try statements.map { try compile($0) }
            return { state in for run in compiled { try run(state) } }
        }
    }
}

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
    /// The source that text statements write from.
    let text: TemplateText
    /// Filters and tests this compile has already looked up.
    let resolved = ResolvedNames()

    static func compile(source: String, name: String, path: String, autoescape: Bool, environment: Environment) throws -> CompiledTemplate {
        var parser = try Parser(source: source, path: path, maximumNesting: environment.limits.nestingDepth)
        let statements = try parser.parseTemplate()
        let template = CompiledTemplate(name: name, path: path, autoescape: autoescape)
        let locator = Locator(path: path, lines: parser.lexer.lines)
        let text = TemplateText(bytes: parser.lexer.bytes, lines: parser.lexer.lines, path: path)
        let compiler = Compiler(environment: environment, template: template, parser: parser, locator: locator, text: text)
        template.root = try compiler.compileRoot(statements)
        template.dependencies = TemplateCycles.dependencies(of: statements, pool: parser.pool, location: locator.location)
        template.nesting = Compiler.nesting(of: statements)
        return template
    }

    func location(_ offset: Int) -> SourceLocation { locator.location(offset) }

    /// The template's expressions.
    var pool: ExprPool { parser.pool }
}

/// The filters and tests one compile has resolved, by name. A template uses a dozen or so names
/// many times each; a short list compared by name is cheaper than the environment's locked,
/// hashed lookup for every use.
final class ResolvedNames {
    // One compile uses them on one thread: no dynamic exclusivity checks (they were 1 % of it).
    @exclusivity(unchecked) var filterNames: [String] = []
    @exclusivity(unchecked) var filters: [Filter] = []
    @exclusivity(unchecked) var testNames: [String] = []
    @exclusivity(unchecked) var tests: [Test] = []

    /// Where `name` is in `names`. Lengths are compared first: most names of the list differ in
    /// length, which is one load, while comparing two unequal strings is a call.
    func index(of name: String, in names: [String]) -> Int? {
        let length = name.utf8.count
        for index in names.indices where names[index].utf8.count == length && names[index] == name { return index }
        return nil
    }
}

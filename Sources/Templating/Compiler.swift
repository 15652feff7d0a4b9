typealias Evaluator = @Sendable (RenderState) throws -> Value
typealias Executor = @Sendable (RenderState) throws -> Void

/// A template compiled to a tree of closures, shared read-only by every render.
final class CompiledTemplate: @unchecked Sendable {
    let name: String
    let path: String
    let autoescape: Bool
    fileprivate(set) var root: Executor = { _ in }
    fileprivate(set) var blocks: [String: Executor] = [:]
    /// Blocks declared `required`: a template extending this one must override them.
    fileprivate(set) var requiredBlocks: Set<String> = []
    /// The templates this one always extends or includes (named by a literal), for cycle checks.
    fileprivate(set) var dependencies: [TemplateCycles.Dependency] = []
    /// How deeply statements and expressions nest in this template: a bound on the stack a
    /// render of it takes, counted against `RenderState.nestingInUse` when it is included.
    fileprivate(set) var nesting = 0

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

    static func compile(source: String, name: String, path: String, autoescape: Bool, environment: Environment) throws -> CompiledTemplate {
        var parser = try Parser(source: source, path: path, maximumNesting: environment.limits.nestingDepth)
        let statements = try parser.parseTemplate()
        let template = CompiledTemplate(name: name, path: path, autoescape: autoescape)
        let compiler = Compiler(environment: environment, template: template, parser: parser)
        template.root = try compiler.compileRoot(statements)
        template.dependencies = TemplateCycles.dependencies(of: statements, location: parser.location)
        template.nesting = Compiler.nesting(of: statements)
        return template
    }

    private func location(_ offset: Int) -> SourceLocation { parser.location(offset) }

    // MARK: - Statements

    private func compileRoot(_ statements: [Stmt]) throws -> Executor {
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

    private func compileBody(_ statements: [Stmt]) throws -> Executor {
        let compiled = try statements.map { try compile($0) }
        switch compiled.count {
        case 0: return { _ in }
        case 1: return compiled[0]
        case 2:
            let (a, b) = (compiled[0], compiled[1])
            return { state in
                try a(state)
                try b(state)
            }
        default:
            return { state in for run in compiled { try run(state) } }
        }
    }

    private func compile(_ statement: Stmt) throws -> Executor {
        let loc = location(statement.offset)
        switch statement.kind {
        case .text(let text):
            let bytes = Array(text.utf8)
            return { state in try located(loc) { try state.write(bytes) } }

        case .output(let expr):
            return try compileOutput(expr)

        case .ifChain(let branches, let otherwise):
            let compiled = try branches.map { (try compile($0.0), try compileBody($0.1)) }
            let fallback = try otherwise.map { try compileBody($0) }
            if compiled.count == 1 {
                let (test, body) = compiled[0]
                return { state in
                    if try located(loc, { try test(state).truthy() }) {
                        try body(state)
                    } else if let fallback {
                        try fallback(state)
                    }
                }
            }
            return { state in
                for (test, body) in compiled where try located(loc, { try test(state).truthy() }) {
                    try body(state)
                    return
                }
                try fallback?(state)
            }

        case .forLoop(let target, let iterable, let condition, let body, let otherwise, let recursive):
            if recursive { throw TemplateError(.syntax, "recursive loops are not supported", at: loc) }
            return try compileFor(target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise, at: loc)

        case .set(let target, let expr):
            let value = try compile(expr)
            let assign = try compileAssignment(target)
            return { state in try assign(state, try value(state)) }

        case .setBlock(let target, let filters, let body):
            let run = try compileBody(body)
            let assign = try compileAssignment(target)
            let applyFilters = try compileFilterChain(filters)
            let autoescape = template.autoescape
            return { state in
                let text = try state.capture { try run(state) }
                let value = try applyFilters(state, autoescape ? .markup(text) : .string(text))
                try assign(state, value)
            }

        case .include(let nameExpr, let ignoreMissing, let withContext):
            let name = try compile(nameExpr)
            let environment = self.environment
            return { state in
                let names = try located(loc) { () -> [String] in
                    let value = try name(state).defined()
                    switch value {
                    case .list(let items), .tuple(let items):
                        return try items.map { try Compiler.templateName($0) }
                    default:
                        return [try Compiler.templateName(value)]
                    }
                }
                var included: CompiledTemplate?
                for candidate in names {
                    do {
                        included = try environment.compiledTemplate(named: candidate, from: loc)
                        break
                    } catch let error as TemplateError where error.kind == .notFound && error.location == loc {
                        continue
                    } catch var error as TemplateError {
                        // A syntax error inside the included template: say where it was included.
                        if error.location != loc { error.chain.insert(loc, at: 0) }
                        throw error
                    }
                }
                guard let included else {
                    if ignoreMissing { return }
                    let list = names.map { "'\($0)'" }.joined(separator: ", ")
                    throw TemplateError(.notFound, names.count == 1 ? "template \(list) not found" : "none of the templates \(list) were found", at: loc)
                }
                let scope = Scope(parent: withContext ? state.scope : environment.globalScope)
                try Compiler.run(included, in: state, scope: scope, at: loc)
            }

        case .extends(let nameExpr):
            let name = try compile(nameExpr)
            let environment = self.environment
            return { state in
                if state.parentTemplate != nil {
                    throw TemplateError(.syntax, "the template extends more than one template", at: loc)
                }
                let parentName = try located(loc) { try Compiler.templateName(try name(state).defined()) }
                let parent: CompiledTemplate
                do {
                    parent = try environment.compiledTemplate(named: parentName, from: loc)
                } catch var error as TemplateError {
                    if error.location != loc { error.chain.insert(loc, at: 0) }
                    throw error
                }
                state.extendsChain.append(loc)
                for (blockName, body) in parent.blocks {
                    state.blocks[blockName, default: []].append(BlockBody(template: parent, body: body))
                }
                state.parentTemplate = parent
            }

        case .block(let name, let body, let scoped, let required):
            template.blocks[name] = try compileBody(body)
            if required { template.requiredBlocks.insert(name) }
            return { state in
                if state.parentTemplate != nil { return }
                try Compiler.renderBlock(name, level: 0, scoped: scoped, state: state, at: loc)
            }

        case .macro(let name, let parameters, let body):
            let macro = try compileMacro(name: name, parameters: parameters, body: body, at: loc)
            return { state in
                state.scope[local: name] = .callable(macro(state.scope))
            }

        case .callBlock(let callExpr, let parameters, let body):
            guard case .call(let calleeExpr, let arguments) = callExpr.kind else {
                throw TemplateError(.syntax, "expected a call", at: loc)
            }
            let callee = try compile(calleeExpr)
            let compiledArguments = try compileArguments(arguments)
            let caller = try compileMacro(name: "caller", parameters: parameters, body: body, at: loc)
            let write = outputWriter()
            let callLocation = location(callExpr.offset)
            return { state in
                let function = try callee(state)
                var evaluated = try compiledArguments(state)
                evaluated.keyword.append(("caller", .callable(caller(state.scope))))
                let result = try Compiler.call(function, evaluated, state: state, at: callLocation)
                try located(loc) { try write(state, result) }
            }

        case .filterBlock(let filters, let body):
            let run = try compileBody(body)
            let applyFilters = try compileFilterChain(filters)
            let autoescape = template.autoescape
            let write = outputWriter()
            return { state in
                let text = try state.capture { try run(state) }
                let value = try applyFilters(state, autoescape ? .markup(text) : .string(text))
                try located(loc) { try write(state, value) }
            }

        case .with(let assignments, let body):
            let values = try assignments.map { (try compileAssignment($0.0), try compile($0.1)) }
            let run = try compileBody(body)
            return { state in
                let evaluated = try values.map { try $0.1(state) }
                let outer = state.scope
                let inner = Scope(parent: outer)
                state.scope = inner
                defer { state.scope = outer }
                for (index, value) in evaluated.enumerated() { try values[index].0(state, value) }
                try run(state)
            }
        }
    }

    /// Writes a value as `{{ … }}` does: escaped in autoescaping templates unless it is markup.
    private func outputWriter() -> @Sendable (RenderState, Value) throws -> Void {
        if template.autoescape {
            return { state, value in
                switch value {
                case .markup(let s): try state.write(s)
                case .string(let s): try state.write(HTML.escape(s))
                case .int(let i): try state.write(i)
                default: try state.write(HTML.escape(try value.pythonStr()))
                }
            }
        }
        return { state, value in
            switch value {
            case .string(let s), .markup(let s): try state.write(s)
            case .int(let i): try state.write(i)
            default: try state.write(try value.pythonStr())
            }
        }
    }

    private func compileOutput(_ expr: Expr) throws -> Executor {
        let value = try compile(expr)
        let loc = location(expr.offset)
        let write = outputWriter()
        return { state in
            let v = try value(state)
            do {
                try write(state, v)
            } catch let error as OperationError {
                throw error.located(loc)
            }
        }
    }

    private func compileFor(target: AssignTarget, iterable: Expr, condition: Expr?, body: [Stmt], otherwise: [Stmt]?, at loc: SourceLocation) throws -> Executor {
        let items = try compile(iterable)
        let iterableLocation = location(iterable.offset)
        let test = try condition.map { try compile($0) }
        let run = try compileBody(body)
        let fallback = try otherwise.map { try compileBody($0) }
        let usesLoop = Compiler.references("loop", in: body)
        // Fast path: a single loop variable.
        let singleName: String?
        if case .name(let n, _) = target { singleName = n } else { singleName = nil }
        let bind = try compileAssignment(target, checked: false)
        return { state in
            var values = try located(iterableLocation) { try items(state).iterate() }
            let outer = state.scope
            let scope = Scope(parent: outer)
            state.scope = scope
            defer { state.scope = outer }
            if let test {
                var kept: [Value] = []
                for value in values {
                    try located(loc) { try state.countIteration() }
                    scope.removeAll()
                    try located(loc) { try bind(state, value) }
                    if try located(loc, { try test(state).truthy() }) { kept.append(value) }
                }
                values = kept
            }
            if values.isEmpty {
                state.scope = outer
                try fallback?(state)
                return
            }
            let loop = usesLoop ? LoopObject(items: values, depth0: 0) : nil
            for (index, value) in values.enumerated() {
                try located(loc) { try state.countIteration() }
                scope.removeAll()
                if let singleName {
                    scope[local: singleName] = value
                } else {
                    try located(loc) { try bind(state, value) }
                }
                if let loop {
                    loop.index0 = index
                    scope[local: "loop"] = .object(loop)
                }
                try run(state)
            }
        }
    }

    /// Whether `name` is read anywhere in `statements`, not counting nested loops' own bodies
    /// (which shadow `loop`). Jinja passes `loop` to included templates only in that case.
    static func references(_ name: String, in statements: [Stmt]) -> Bool {
        func inExpr(_ e: Expr) -> Bool {
            switch e.kind {
            case .literal: return false
            case .name(let n): return n == name
            case .list(let items), .tuple(let items), .concat(let items): return items.contains(where: inExpr)
            case .dict(let pairs): return pairs.contains { inExpr($0.0) || inExpr($0.1) }
            case .attribute(let o, _): return inExpr(o)
            case .item(let o, let k): return inExpr(o) || inExpr(k)
            case .slice(let o, let a, let b, let c): return inExpr(o) || [a, b, c].contains { $0.map(inExpr) ?? false }
            case .negate(let x), .plus(let x), .not(let x): return inExpr(x)
            case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): return inExpr(a) || inExpr(b)
            case .compare(let a, let ops): return inExpr(a) || ops.contains { inExpr($0.1) }
            case .conditional(let t, let a, let b): return inExpr(t) || inExpr(a) || (b.map(inExpr) ?? false)
            case .filter(let x, _, let args): return (x.map(inExpr) ?? false) || inArgs(args)
            case .test(let x, _, let args): return inExpr(x) || inArgs(args)
            case .call(let x, let args): return inExpr(x) || inArgs(args)
            }
        }
        func inArgs(_ a: CallArguments) -> Bool {
            a.positional.contains(where: inExpr) || a.keyword.contains { inExpr($0.1) }
        }
        func inFilters(_ filters: [FilterCall]) -> Bool { filters.contains { inArgs($0.arguments) } }
        func inStmts(_ statements: [Stmt]) -> Bool {
            statements.contains { statement in
                switch statement.kind {
                case .text: return false
                case .output(let e), .extends(let e): return inExpr(e)
                case .include(let e, _, _): return inExpr(e)
                case .ifChain(let branches, let otherwise):
                    return branches.contains { inExpr($0.0) || inStmts($0.1) } || (otherwise.map(inStmts) ?? false)
                case .forLoop(_, let iterable, let condition, let body, let otherwise, _):
                    return inExpr(iterable) || (condition.map(inExpr) ?? false) || (name != "loop" && inStmts(body))
                        || (otherwise.map(inStmts) ?? false)
                case .set(_, let e): return inExpr(e)
                case .setBlock(_, let filters, let body): return inFilters(filters) || inStmts(body)
                case .block(_, let body, _, _), .macro(_, _, let body): return inStmts(body)
                case .callBlock(let call, _, let body): return inExpr(call) || inStmts(body)
                case .filterBlock(let filters, let body): return inFilters(filters) || inStmts(body)
                case .with(let assignments, let body): return assignments.contains { inExpr($0.1) } || inStmts(body)
                }
            }
        }
        return inStmts(statements)
    }

    /// An assignment to a name, a tuple of names (unpacking) or a namespace attribute.
    /// `checked`: the value is new (`set`, `with`), so its nesting is checked against the limit;
    /// a `for` loop's items are parts of a value already checked.
    private func compileAssignment(_ target: AssignTarget, checked: Bool = true) throws -> @Sendable (RenderState, Value) throws -> Void {
        switch target {
        case .name(let name, let offset):
            if !checked { return { state, value in state.scope[local: name] = value } }
            let loc = location(offset)
            return { state, value in
                if value.isContainer { try located(loc) { try value.checkNesting(limit: state.limits.valueDepth) } }
                state.scope[local: name] = value
            }
        case .attribute(let namespaceName, let attribute, let offset):
            let loc = location(offset)
            return { state, value in
                guard let holder = state.scope.lookup(namespaceName) else {
                    throw TemplateError(.undefined, "'\(namespaceName)' is undefined", at: loc)
                }
                guard case .object(let object) = holder, let namespace = object as? Namespace else {
                    throw TemplateError(.type, "cannot assign attribute on non-namespace object '\(namespaceName)'", at: loc)
                }
                try located(loc) { try value.checkNamespaceAttribute(limit: state.limits.valueDepth) }
                namespace.assign(attribute, value)
            }
        case .tuple(let targets, let offset):
            let loc = location(offset)
            let assignments = try targets.map { try compileAssignment($0, checked: checked) }
            return { state, value in
                let items = try located(loc) { try value.iterate() }
                guard items.count == assignments.count else {
                    let message = items.count > assignments.count
                        ? "too many values to unpack (expected \(assignments.count))"
                        : "not enough values to unpack (expected \(assignments.count), got \(items.count))"
                    throw TemplateError(.type, message, at: loc)
                }
                for (assign, item) in zip(assignments, items) { try assign(state, item) }
            }
        }
    }

    /// A macro (or a `call` block's body): returns a factory that closes over the defining scope.
    private func compileMacro(name: String, parameters: [MacroParameter], body: [Stmt], at loc: SourceLocation) throws -> @Sendable (Scope) -> Callable {
        let run = try compileBody(body)
        let defaults = try parameters.map { try $0.defaultValue.map { try compile($0) } }
        let names = parameters.map(\.name)
        let bodyNesting = Compiler.nesting(of: body)
        // Like Jinja, a macro accepts `caller` only if its body uses it.
        let acceptsCaller = Compiler.references("caller", in: body)
        let autoescape = template.autoescape
        let environment = self.environment
        return { definitionScope in
            Callable(name: name) { arguments, state in
                if arguments.positional.count > names.count {
                    throw FilterError(
                        "macro '\(name)' takes not more than \(names.count) argument(s), got \(arguments.positional.count)",
                        kind: .arguments)
                }
                let scope = Scope(parent: definitionScope)
                // Arguments are kept for the call: a recursive macro must not nest them without end.
                for value in arguments.positional where value.isContainer {
                    try value.checkNesting(limit: state.limits.valueDepth)
                }
                for (_, value) in arguments.keyword where value.isContainer {
                    try value.checkNesting(limit: state.limits.valueDepth)
                }
                for (key, value) in arguments.keyword {
                    if let index = names.firstIndex(of: key) {
                        if index < arguments.positional.count {
                            throw FilterError("macro '\(name)' got multiple values for argument '\(key)'", kind: .arguments)
                        }
                        scope[local: key] = value
                    } else if key == "caller" && acceptsCaller {
                        scope[local: key] = value
                    } else {
                        throw FilterError("macro '\(name)' takes no keyword argument '\(key)'", kind: .arguments)
                    }
                }
                let savedScope = state.scope
                let savedAutoescape = state.autoescape
                state.scope = scope
                state.autoescape = autoescape
                state.depth += 1
                defer {
                    state.scope = savedScope
                    state.autoescape = savedAutoescape
                    state.depth -= 1
                }
                let limit = environment.limits.callDepth
                if state.depth > limit {
                    throw FilterError("macro '\(name)' called more than \(limit) deep (the call depth limit)", kind: .limit)
                }
                for (index, parameter) in names.enumerated() {
                    if index < arguments.positional.count {
                        scope[local: parameter] = arguments.positional[index]
                    } else if scope[local: parameter] == nil {
                        if let makeDefault = defaults[index] {
                            scope[local: parameter] = try makeDefault(state)
                        } else {
                            scope[local: parameter] = .undefined(Value.Undefined(
                                name: parameter, location: loc, candidates: { [] },
                                ownerDescription: nil))
                        }
                    }
                }
                let text = try Compiler.withNesting(bodyNesting, state) { try state.capture { try run(state) } }
                return autoescape ? .markup(text) : .string(text)
            }
        }
    }

    // MARK: - Rendering helpers shared by statements

    static func templateName(_ value: Value) throws -> String {
        guard let name = value.stringValue else {
            throw OperationError(.type, "a template name must be a string, not \(value.typeName)")
        }
        return name
    }

    /// Renders `template` as an include: its own blocks, its own autoescape, the given scope.
    static func run(_ template: CompiledTemplate, in state: RenderState, scope: Scope, at loc: SourceLocation) throws {
        let saved = (state.scope, state.rootScope, state.autoescape, state.blocks, state.parentTemplate)
        state.scope = scope
        state.rootScope = scope
        state.autoescape = template.autoescape
        state.blocks = template.blockStacks
        state.parentTemplate = nil
        state.depth += 1
        state.templateStack.append(template.name)
        defer {
            (state.scope, state.rootScope, state.autoescape, state.blocks, state.parentTemplate) = saved
            state.depth -= 1
            state.templateStack.removeLast()
        }
        do {
            let limit = state.environment.limits.callDepth
            if state.depth > limit {
                throw TemplateError(.limit, "include, extends and macro calls nested more than \(limit) deep (the call depth limit): "
                    + describeStack(state.templateStack), at: loc)
            }
            do {
                try withNesting(template.nesting, state) { try renderInheritanceChain(template, state: state) }
            } catch let error as OperationError {
                throw error.located(loc)
            }
        } catch var error as TemplateError {
            error.chain.insert(loc, at: 0)
            throw error
        }
    }

    /// How deeply the statements nest, each counting its own expressions' height: the levels of
    /// the stack that running them can take (within the nesting limit, so the walk is bounded).
    static func nesting(of statements: [Stmt]) -> Int {
        func arguments(_ a: CallArguments) -> Int {
            max(a.positional.reduce(0) { max($0, $1.depth) }, a.keyword.reduce(0) { max($0, $1.1.depth) })
        }
        func filters(_ f: [FilterCall]) -> Int { f.reduce(0) { max($0, arguments($1.arguments)) } }
        func parameters(_ p: [MacroParameter]) -> Int { p.reduce(0) { max($0, $1.defaultValue?.depth ?? 0) } }
        return statements.reduce(0) { deepest, statement in
            let own: Int
            switch statement.kind {
            case .text: own = 0
            case .output(let e), .set(_, let e), .include(let e, _, _), .extends(let e): own = e.depth
            case .ifChain(let branches, let otherwise):
                own = max(branches.reduce(0) { max($0, $1.0.depth, nesting(of: $1.1)) }, otherwise.map { nesting(of: $0) } ?? 0)
            case .forLoop(_, let iterable, let condition, let body, let otherwise, _):
                own = max(iterable.depth, condition?.depth ?? 0, nesting(of: body), otherwise.map { nesting(of: $0) } ?? 0)
            case .setBlock(_, let f, let body), .filterBlock(let f, let body): own = max(filters(f), nesting(of: body))
            case .block(_, let body, _, _): own = nesting(of: body)
            case .macro(_, let p, let body): own = max(parameters(p), nesting(of: body))
            case .callBlock(let call, let p, let body): own = max(call.depth, parameters(p), nesting(of: body))
            case .with(let assignments, let body): own = max(assignments.reduce(0) { max($0, $1.1.depth) }, nesting(of: body))
            }
            return max(deepest, 1 + own)
        }
    }

    /// Counts `levels` of template nesting against the stack budget for the duration of a call
    /// (an include, a macro): the call depth limit alone would let a hundred calls, each under
    /// two hundred levels of nesting, take more stack than a thread has.
    static func withNesting<T>(_ levels: Int, _ state: RenderState, _ body: () throws -> T) throws -> T {
        state.nestingInUse += levels
        defer { state.nestingInUse -= levels }
        let budget = state.limits.nestingBudget
        if state.nestingInUse > budget {
            throw OperationError(
                .limit, "include, extends and macro calls nest more than \(budget) levels of statements and expressions in all "
                    + "(the call depth limit: \(state.limits.callDepth) calls, or fewer when each is deeply nested)")
        }
        return try body()
    }

    /// `a.md → b.md → a.md → …`: the templates being rendered, outermost first; a long stack
    /// shows its first and last steps.
    static func describeStack(_ names: [String]) -> String {
        if names.count <= 12 { return names.joined(separator: " → ") }
        return (names.prefix(6) + ["…"] + names.suffix(6)).joined(separator: " → ")
    }

    /// Runs a template's top level and then, if it extended another, each parent's in turn.
    /// A parent already in the chain is a cycle (only reachable through a conditional or computed
    /// `extends`: literal ones are refused when the template loads).
    static func renderInheritanceChain(_ template: CompiledTemplate, state: RenderState) throws {
        let savedChain = state.extendsChain
        state.extendsChain = []
        defer { state.extendsChain = savedChain }
        try template.root(state)
        var parents: [CompiledTemplate] = []
        var chain = [template.name]
        while let parent = state.parentTemplate {
            if chain.contains(parent.name) {
                throw TemplateError(.cycle, "template cycle: " + (chain + [parent.name]).joined(separator: " → "), at: state.extendsChain.last)
            }
            chain.append(parent.name)
            state.parentTemplate = nil
            state.autoescape = parent.autoescape
            parents.append(parent)
            do {
                // The child's blocks run inside the parent's: count both.
                try located(state.extendsChain.last ?? SourceLocation(path: parent.path, line: 1, column: 1)) {
                    try withNesting(parent.nesting, state) { try parent.root(state) }
                }
            } catch var error as TemplateError {
                // An error in a parent's own code: note the `extends` tags that led there.
                if let path = error.location?.path, parents.contains(where: { $0.path == path }) {
                    let steps = state.extendsChain.prefix { $0.path != path }
                    error.chain.insert(contentsOf: steps, at: 0)
                }
                throw error
            }
        }
    }

    static func renderBlock(_ name: String, level: Int, scoped: Bool, state: RenderState, at loc: SourceLocation) throws {
        guard let stack = state.blocks[name], level < stack.count else { return }
        let block = stack[level]
        if block.template.requiredBlocks.contains(name) {
            throw TemplateError(.runtime, "required block '\(name)' is not overridden by a template that extends '\(block.template.name)'", at: loc)
        }
        let savedScope = state.scope
        let savedAutoescape = state.autoescape
        let scope = Scope(parent: scoped ? state.scope : state.rootScope)
        if level + 1 < stack.count {
            let autoescape = block.template.autoescape
            scope[local: "super"] = .callable(Callable(name: "super") { _, state in
                let text = try state.capture { try renderBlock(name, level: level + 1, scoped: scoped, state: state, at: loc) }
                return autoescape ? .markup(text) : .string(text)
            })
        }
        state.scope = scope
        state.autoescape = block.template.autoescape
        defer {
            state.scope = savedScope
            state.autoescape = savedAutoescape
        }
        try block.body(state)
    }

    static func call(_ function: Value, _ arguments: Arguments, state: RenderState, at loc: SourceLocation) throws -> Value {
        switch function {
        case .callable(let callable):
            do {
                return try callable.body(arguments, state)
            } catch let error as FilterError {
                throw TemplateError(error.kind, error.message, at: loc)
            } catch let error as OperationError {
                throw error.located(loc)
            }
        case .undefined(let u) where !u.isLenient:
            throw Value.undefinedError(u).located(loc)
        default:
            throw TemplateError(.type, "'\(function.typeName)' object is not callable", at: loc)
        }
    }

    // MARK: - Expressions

    private func compileArguments(_ arguments: CallArguments) throws -> @Sendable (RenderState) throws -> Arguments {
        let positional = try arguments.positional.map { try compile($0) }
        let keyword = try arguments.keyword.map { ($0.0, try compile($0.1)) }
        if keyword.isEmpty {
            switch positional.count {
            case 0: return { _ in Arguments() }
            case 1:
                let first = positional[0]
                return { state in Arguments(positional: [try first(state)]) }
            default: break
            }
        }
        return { state in
            Arguments(positional: try positional.map { try $0(state) }, keyword: try keyword.map { ($0.0, try $0.1(state)) })
        }
    }

    private func compileFilterChain(_ filters: [FilterCall]) throws -> @Sendable (RenderState, Value) throws -> Value {
        let steps = try filters.map { call -> (Filter, @Sendable (RenderState) throws -> Arguments, SourceLocation) in
            (try resolveFilter(call.name, at: call.offset), try compileArguments(call.arguments), location(call.offset))
        }
        return { state, input in
            var value = input
            for (filter, arguments, loc) in steps {
                value = try Compiler.apply(filter, to: value, arguments: try arguments(state), state: state, at: loc)
            }
            return value
        }
    }

    private func resolveFilter(_ name: String, at offset: Int) throws -> Filter {
        guard let filter = environment.filter(named: name) else {
            var message = "no filter named '\(name)'"
            if let suggestion = closestName(to: name, in: environment.filterNames) { message += "; did you mean '\(suggestion)'?" }
            throw TemplateError(.unknownName, message, at: location(offset))
        }
        return filter
    }

    private func resolveTest(_ name: String, at offset: Int) throws -> Test {
        guard let test = environment.test(named: name) else {
            var message = "no test named '\(name)'"
            if let suggestion = closestName(to: name, in: environment.testNames) { message += "; did you mean '\(suggestion)'?" }
            throw TemplateError(.unknownName, message, at: location(offset))
        }
        return test
    }

    @inline(__always)
    static func apply(_ filter: Filter, to value: Value, arguments: Arguments, state: RenderState, at loc: SourceLocation) throws -> Value {
        do {
            if !filter.acceptsUndefined, case .undefined(let u) = value, !u.isLenient {
                throw Value.undefinedError(u)
            }
            let result = try filter.body(value, arguments, state)
            try state.checkString(result)
            return result
        } catch let error as OperationError {
            throw error.located(loc)
        } catch let error as FilterError {
            throw TemplateError(error.kind, "\(filter.name): \(error.message)", at: loc)
        }
    }

    func compile(_ expr: Expr) throws -> Evaluator {
        let loc = location(expr.offset)
        switch expr.kind {
        case .literal(let value):
            return { _ in value }

        case .name(let name):
            return { state in
                if let value = state.scope.lookup(name) { return value }
                let scope = state.scope
                return .undefined(Value.Undefined(name: name, location: loc, candidates: { scope.allNames }))
            }

        case .list(let items):
            let compiled = try items.map { try compile($0) }
            return { state in
                let result = Value.list(try compiled.map { try $0(state) })
                try located(loc) { try result.checkNesting(limit: state.limits.valueDepth) }
                return result
            }

        case .tuple(let items):
            let compiled = try items.map { try compile($0) }
            return { state in
                let result = Value.tuple(try compiled.map { try $0(state) })
                try located(loc) { try result.checkNesting(limit: state.limits.valueDepth) }
                return result
            }

        case .dict(let pairs):
            let compiled = try pairs.map { (try compile($0.0), try compile($0.1), location($0.0.offset)) }
            return { state in
                var keys: [String] = []
                var values: [Value] = []
                for (key, value, keyLocation) in compiled {
                    let k = try key(state)
                    guard let text = k.stringValue else {
                        throw TemplateError(.type, "dictionary keys must be strings, not \(k.typeName)", at: keyLocation)
                    }
                    keys.append(text)
                    values.append(try value(state))
                }
                let dictionary = Value.Dictionary(keys: keys, values: values)
                if dictionary.nesting.depth > state.limits.valueDepth {
                    throw Value.nestingError(state.limits.valueDepth).located(loc)
                }
                return .dict(dictionary)
            }

        case .attribute(let objectExpr, let name):
            let object = try compile(objectExpr)
            let owner = Compiler.describe(objectExpr)
            // Dictionary methods win over keys for dot access; most names are not methods, so
            // the check is made once here instead of on every lookup.
            let isMethodName = Builtins.dictionaryMethodNames.contains(name)
            let isASCII = name.utf8.allSatisfy { $0 < 0x80 }
            return { state in
                let value = try object(state)
                if !isMethodName, case .dict(let d) = value, let found = d.lookup(name, isASCII: isASCII) { return found }
                return try located(loc) { try Compiler.attribute(of: value, name, owner: owner, at: loc) }
            }

        case .item(let objectExpr, let keyExpr):
            let object = try compile(objectExpr)
            let key = try compile(keyExpr)
            let owner = Compiler.describe(objectExpr)
            return { state in
                let value = try object(state)
                let k = try key(state)
                return try located(loc) { try Compiler.item(of: value, k, owner: owner, at: loc) }
            }

        case .slice(let objectExpr, let startExpr, let stopExpr, let stepExpr):
            let object = try compile(objectExpr)
            let bounds = try [startExpr, stopExpr, stepExpr].map { try $0.map { try compile($0) } }
            return { state in
                let value = try object(state)
                let evaluated = try bounds.map { try $0?(state) }
                return try located(loc) { try Builtins.slice(value, evaluated[0], evaluated[1], evaluated[2]) }
            }

        case .negate(let operand):
            let value = try compile(operand)
            return { state in
                let v = try value(state)
                return try located(loc) { try v.negated() }
            }

        case .plus(let operand):
            let value = try compile(operand)
            return { state in
                let v = try value(state)
                return try located(loc) { try v.unaryPlus() }
            }

        case .not(let operand):
            let value = try compile(operand)
            return { state in
                let v = try value(state)
                return .bool(try !located(loc) { try v.truthy() })
            }

        case .binary(let op, let leftExpr, let rightExpr):
            let left = try compile(leftExpr)
            let right = try compile(rightExpr)
            return { state in
                let a = try left(state)
                let b = try right(state)
                return try located(loc) {
                    let result = try a.binary(op, b)
                    try state.checkString(result)
                    return result
                }
            }

        case .and(let leftExpr, let rightExpr):
            let left = try compile(leftExpr)
            let right = try compile(rightExpr)
            return { state in
                let a = try left(state)
                return try located(loc) { try a.truthy() } ? try right(state) : a
            }

        case .or(let leftExpr, let rightExpr):
            let left = try compile(leftExpr)
            let right = try compile(rightExpr)
            return { state in
                let a = try left(state)
                return try located(loc) { try a.truthy() } ? a : try right(state)
            }

        case .concat(let items):
            let compiled = try items.map { try compile($0) }
            // Jinja folds a concatenation of constants at compile time with `str()`, which drops
            // `Markup`: `'<b>'|safe ~ '<i>'` is then escaped as a whole in HTML templates.
            let autoescape = template.autoescape && !items.allSatisfy(isConstant)
            return { state in
                let values = try compiled.map { try $0(state) }
                return try located(loc) {
                    if autoescape, values.contains(where: \.isMarkup) {
                        var text = ""
                        for value in values {
                            if case .markup(let s) = value { text += s } else { text += HTML.escape(try value.pythonStr()) }
                        }
                        let result = Value.markup(text)
                        try state.checkString(result)
                        return result
                    }
                    var text = ""
                    for value in values { text += try value.pythonStr() }
                    let result = Value.string(text)
                    try state.checkString(result)
                    return result
                }
            }

        case .compare(let firstExpr, let operations):
            let first = try compile(firstExpr)
            let compiled = try operations.map { ($0.0, try compile($0.1)) }
            return { state in
                var left = try first(state)
                for (op, rightValue) in compiled {
                    let right = try rightValue(state)
                    guard try located(loc, { try left.compare(op, right) }) else { return .bool(false) }
                    left = right
                }
                return .bool(true)
            }

        case .conditional(let testExpr, let thenExpr, let otherwiseExpr):
            let test = try compile(testExpr)
            let then = try compile(thenExpr)
            let otherwise = try otherwiseExpr.map { try compile($0) }
            return { state in
                if try located(loc, { try test(state).truthy() }) { return try then(state) }
                if let otherwise { return try otherwise(state) }
                return .undefined(Value.Undefined(name: "", location: loc, candidates: { [] }, isLenient: true))
            }

        case .filter(let inputExpr, let name, let arguments):
            let filter = try resolveFilter(name, at: expr.offset)
            if name == "format", environment.isBuiltinFilter(name), let inputExpr, case .literal(.string(let format)) = inputExpr.kind,
                arguments.keyword.isEmpty
            {
                return try compileLiteralFormat(format, arguments: arguments, at: loc)
            }
            let noInput: Evaluator = { @Sendable _ in .none }
            let input: Evaluator = try inputExpr.map { try compile($0) } ?? noInput
            let compiledArguments = try compileArguments(arguments)
            return { state in
                let value = try input(state)
                return try Compiler.apply(filter, to: value, arguments: try compiledArguments(state), state: state, at: loc)
            }

        case .test(let inputExpr, let name, let arguments):
            let test = try resolveTest(name, at: expr.offset)
            let input = try compile(inputExpr)
            let compiledArguments = try compileArguments(arguments)
            return { state in
                let value = try input(state)
                let evaluated = try compiledArguments(state)
                do {
                    if !test.acceptsUndefined, case .undefined(let u) = value, !u.isLenient { throw Value.undefinedError(u) }
                    return .bool(try test.body(value, evaluated, state))
                } catch let error as OperationError {
                    throw error.located(loc)
                } catch let error as FilterError {
                    throw TemplateError(error.kind, "test '\(name)': \(error.message)", at: loc)
                }
            }

        case .call(let calleeExpr, let arguments):
            let callee = try compile(calleeExpr)
            let compiledArguments = try compileArguments(arguments)
            return { state in
                let function = try callee(state)
                return try Compiler.call(function, try compiledArguments(state), state: state, at: loc)
            }
        }
    }

    /// `"%.1f"|format(x)` with a literal format string: parsed once, here.
    private func compileLiteralFormat(_ format: String, arguments: CallArguments, at loc: SourceLocation) throws -> Evaluator {
        let parsed: PythonFormat.Template
        do {
            parsed = try PythonFormat.Template(format)
        } catch let error as OperationError {
            throw error.located(loc)
        }
        let compiled = try arguments.positional.map { try compile($0) }
        if compiled.count == 1 {
            let only = compiled[0]
            return { state in
                let value = try only(state)
                return .string(try located(loc) { try parsed.apply(.tuple([value])) })
            }
        }
        return { state in
            let values = try compiled.map { try $0(state) }
            return .string(try located(loc) { try parsed.apply(.tuple(values)) })
        }
    }

    /// Whether Jinja2 would fold the expression to a constant at compile time.
    private func isConstant(_ expr: Expr) -> Bool {
        switch expr.kind {
        case .literal: return true
        case .name, .call, .test: return false
        case .list(let items), .tuple(let items), .concat(let items): return items.allSatisfy(isConstant)
        case .dict(let pairs): return pairs.allSatisfy { isConstant($0.0) && isConstant($0.1) }
        case .attribute(let o, _): return isConstant(o)
        case .item(let o, let k): return isConstant(o) && isConstant(k)
        case .slice(let o, let a, let b, let c): return isConstant(o) && [a, b, c].allSatisfy { $0.map(isConstant) ?? true }
        case .negate(let x), .plus(let x), .not(let x): return isConstant(x)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): return isConstant(a) && isConstant(b)
        case .compare(let a, let ops): return isConstant(a) && ops.allSatisfy { isConstant($0.1) }
        case .conditional(let t, let a, let b): return isConstant(t) && isConstant(a) && (b.map(isConstant) ?? true)
        case .filter(let input, let name, let arguments):
            // Filters that take the render context are never folded.
            guard let input, Builtins.filters[name] != nil,
                !["map", "select", "reject", "selectattr", "rejectattr"].contains(name)
            else { return false }
            return isConstant(input) && arguments.positional.allSatisfy(isConstant) && arguments.keyword.allSatisfy { isConstant($0.1) }
        }
    }

    /// A dotted name for messages (`vendor.share`), when the expression is one of at most
    /// eight steps. Every attribute node of a chain asks this at compile time, so a longer chain
    /// is not spelled out: walking it all from each node made long chains quadratic.
    static func describe(_ expr: Expr) -> String? {
        var names: [String] = []
        var node = expr
        while names.count <= 8 {
            switch node.kind {
            case .name(let n):
                names.append(n)
                return names.reversed().joined(separator: ".")
            case .attribute(let o, let a):
                names.append(a)
                node = o
            default:
                return nil
            }
        }
        return nil
    }

    /// `value.name`: an attribute first (dict methods, object attributes), then a key — Jinja's `getattr`.
    static func attribute(of value: Value, _ name: String, owner: String?, at loc: SourceLocation) throws -> Value {
        switch value {
        case .dict(let d):
            if let method = Builtins.dictionaryMethod(d, name) { return method }
            if let found = d[name] { return found }
            return .undefined(Value.Undefined(
                name: name, location: loc, candidates: { d.keys }, ownerDescription: describeOwner(owner, value)))
        case .object(let object):
            if let found = object.attribute(name) { return found }
            return .undefined(Value.Undefined(
                name: name, location: loc, candidates: { object.attributeNames }, ownerDescription: describeOwner(owner, value)))
        case .undefined(let u) where !u.isLenient:
            throw Value.undefinedError(u)
        default:
            return .undefined(Value.Undefined(name: name, location: loc, candidates: { [] }, ownerDescription: describeOwner(owner, value)))
        }
    }

    /// How a message names the object a lookup failed on: `'vendor'`, `'x.a' (None)`, `'dict object'`.
    private static func describeOwner(_ owner: String?, _ value: Value) -> String {
        switch value {
        case .dict, .object:
            return owner.map { "'\($0)'" } ?? "'\(value.typeName) object'"
        case .none:
            return owner.map { "'\($0)' (None)" } ?? "None"
        default:
            return owner.map { "'\($0)' (a \(value.typeName))" } ?? "'\(value.typeName) object'"
        }
    }

    /// `value[key]`: a key or index first, then an attribute — Jinja's `getitem`.
    static func item(of value: Value, _ key: Value, owner: String?, at loc: SourceLocation) throws -> Value {
        let key = try key.defined()
        let keyText = (try? key.pythonRepr()) ?? "?"
        switch value {
        case .dict(let d):
            if let k = key.stringValue {
                if let found = d[k] { return found }
                if let method = Builtins.dictionaryMethod(d, k) { return method }
            }
            let ownerText = describeOwner(owner, value)
            return .undefined(Value.Undefined(
                name: key.stringValue ?? keyText, location: loc, candidates: { d.keys },
                explanation: "\(ownerText) has no key \(keyText)"))
        case .list(let items), .tuple(let items):
            if case .int(let i)? = key.numeric {
                let index = i < 0 ? i + items.count : i
                if index >= 0 && index < items.count { return items[index] }
            }
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] },
                explanation: "\(describeOwner(owner, value)) has no element \(keyText) (it has \(items.count))"))
        case .string(let s), .markup(let s):
            if case .int(let i)? = key.numeric {
                let scalars = Array(s.unicodeScalars)
                let index = i < 0 ? i + scalars.count : i
                if index >= 0 && index < scalars.count {
                    return value.isMarkup ? .markup(String(scalars[index])) : .string(String(scalars[index]))
                }
            }
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] },
                explanation: "\(describeOwner(owner, value)) has no character \(keyText)"))
        case .object(let o):
            if let sequence = o as? any TemplateSequence, case .int(let i)? = key.numeric {
                return try item(of: .tuple(sequence.elements), .int(i), owner: owner, at: loc)
            }
            if let name = key.stringValue { return try attribute(of: value, name, owner: owner, at: loc) }
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] }, explanation: "\(describeOwner(owner, value)) has no item \(keyText)"))
        case .undefined(let u) where !u.isLenient:
            throw Value.undefinedError(u)
        default:
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] }, explanation: "\(describeOwner(owner, value)) has no item \(keyText)"))
        }
    }
}

/// Runs `body`, turning an operation failure into an error located at `loc` (or, for the use
/// of an undefined value, at the place where the lookup failed).
@inline(__always)
func located<T>(_ loc: SourceLocation, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as OperationError {
        throw error.located(loc)
    } catch let error as FilterError {
        throw TemplateError(error.kind, error.message, at: loc)
    }
}

extension OperationError {
    func located(_ loc: SourceLocation) -> TemplateError {
        if let u = undefined, u.location.line > 0 { return TemplateError(.undefined, message, at: u.location) }
        return TemplateError(kind, message, at: loc)
    }
}

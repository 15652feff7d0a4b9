/// What compiled templates call while they render: the inheritance chain, blocks, includes,
/// calls and filter application, with errors located at the tag or expression that ran them
/// (Jinja2's runtime, MiniJinja's `vm`).
enum Runtime {
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
}

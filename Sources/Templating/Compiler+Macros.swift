/// Macros and `call` blocks' callers: callables that close over their defining scope.
extension Compiler {
    /// A macro (or a `call` block's body): returns a factory that closes over the defining scope.
    func compileMacro(name: String, parameters: [MacroParameter], body: [Stmt], at loc: SourceLocation) throws -> @Sendable (Scope) -> Callable {
        let run = try compileBody(body)
        let defaults = try parameters.map { try $0.defaultValue.map { try compile($0) } }
        let names = parameters.map(\.name)
        let bodyNesting = Compiler.nesting(of: body)
        // Like Jinja, a macro accepts `caller` only if its body uses it.
        let acceptsCaller = Compiler.references("caller", in: body, pool: pool)
        let autoescape = template.autoescape
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
                let limit = state.limits.callDepth
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
                let text = try Runtime.withNesting(bodyNesting, state) { try state.capture { try run(state) } }
                return autoescape ? .markup(text) : .string(text)
            }
        }
    }
}

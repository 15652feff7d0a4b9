/// Statements: text, output, conditionals, includes, inheritance, blocks, calls and filters.
extension Compiler {
    func compile(_ statement: Stmt) throws -> Executor {
        // Outputs, the most common statement, are located by their expression.
        if case .output(let expr) = statement.kind { return try compileOutput(expr) }
        // Assignments are located by their target and value: the tag's location is not needed.
        if case .set(let target, let expr) = statement.kind { return try compileSet(target, expr) }
        let loc = location(statement.offset)
        switch statement.kind {
        case .text(let start, let end):
            let bytes = text.bytes[start..<end]
            return { state in try located(loc) { try state.write(bytes) } }

        case .output(let expr):
            return try compileOutput(expr)

        case .ifChain(let branches, let otherwise):
            if branches.count == 1 {
                let test = try compileOperand(branches[0].0)
                let body = try compileBody(branches[0].1)
                let fallback = try otherwise.map { try compileBody($0) }
                return { state in
                    if try located(loc, { try test.evaluate(state).truthy() }) {
                        try body(state)
                    } else if let fallback {
                        try fallback(state)
                    }
                }
            }
            let compiled = try branches.map { (try compileOperand($0.0), try compileBody($0.1)) }
            let fallback = try otherwise.map { try compileBody($0) }
            return { state in
                for (test, body) in compiled where try located(loc, { try test.evaluate(state).truthy() }) {
                    try body(state)
                    return
                }
                try fallback?(state)
            }

        case .forLoop(let target, let iterable, let condition, let body, let otherwise, let recursive, let readsLoop):
            if recursive { throw TemplateError(.syntax, "recursive loops are not supported", at: loc) }
            return try compileFor(
                target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise, readsLoop: readsLoop, at: loc)

        case .set(let target, let expr):
            return try compileSet(target, expr)

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
            return { state in
                let names = try located(loc) { () -> [String] in
                    let value = try name(state).defined()
                    switch value {
                    case .list(let items), .tuple(let items):
                        return try items.map { try Runtime.templateName($0) }
                    default:
                        return [try Runtime.templateName(value)]
                    }
                }
                var included: CompiledTemplate?
                for candidate in names {
                    do {
                        included = try state.environment.compiledTemplate(named: candidate, from: loc)
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
                let scope = Scope(parent: withContext ? state.scope : state.environment.globalScope)
                try Runtime.run(included, in: state, scope: scope, at: loc)
            }

        case .extends(let nameExpr):
            let name = try compile(nameExpr)
            return { state in
                if state.parentTemplate != nil {
                    throw TemplateError(.syntax, "the template extends more than one template", at: loc)
                }
                let parentName = try located(loc) { try Runtime.templateName(try name(state).defined()) }
                let parent: CompiledTemplate
                do {
                    parent = try state.environment.compiledTemplate(named: parentName, from: loc)
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
                try Runtime.renderBlock(name, level: 0, scoped: scoped, state: state, at: loc)
            }

        case .macro(let name, let parameters, let body):
            let macro = try compileMacro(name: name, parameters: parameters, body: body, at: loc)
            return { state in
                state.scope[local: name] = .callable(macro(state.scope))
            }

        case .callBlock(let callExpr, let parameters, let body):
            guard case .call(let calleeExpr, let arguments) = pool[callExpr].kind else {
                throw TemplateError(.syntax, "expected a call", at: loc)
            }
            let callee = try compileOperand(calleeExpr)
            let compiledArguments = try compileArguments(arguments)
            let caller = try compileMacro(name: "caller", parameters: parameters, body: body, at: loc)
            let write = outputWriter()
            let callLocation = location(callExpr.offset)
            return { state in
                let function = try callee.evaluate(state)
                var evaluated = try compiledArguments.evaluate(state)
                evaluated.keyword.append(("caller", .callable(caller(state.scope))))
                let result = try Runtime.call(function, evaluated, state: state, at: callLocation)
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
    func outputWriter() -> @Sendable (RenderState, Value) throws -> Void {
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

    /// `{% set target = expr %}`.
    private func compileSet(_ target: AssignTarget, _ expr: ExprRef) throws -> Executor {
        let value = try compileOperand(expr)
        let assign = try compileAssignment(target)
        return { state in try assign(state, try value.evaluate(state)) }
    }

    /// The location of a `{{ … }}` is worked out only if writing its value fails.
    func compileOutput(_ expr: ExprRef) throws -> Executor {
        let write = outputWriter()
        let text = self.text
        let offset = expr.offset
        if case .filter(let inputExpr, let name, let arguments) = pool[expr].kind,
            let application = try compileFilterApplication(inputExpr, name: name, arguments: arguments, at: expr.offset)
        {
            return { state in
                let v = try application.evaluate(state)
                do {
                    try write(state, v)
                } catch let error as OperationError {
                    throw error.located(text.location(offset))
                }
            }
        }
        let value = try compileOperand(expr)
        return { state in
            let v = try value.evaluate(state)
            do {
                try write(state, v)
            } catch let error as OperationError {
                throw error.located(text.location(offset))
            }
        }
    }
}

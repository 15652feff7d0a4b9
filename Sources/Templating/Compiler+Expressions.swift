/// Expressions: literals, names, lookups, operators, filters, tests and calls.
extension Compiler {
    func compileArguments(_ arguments: CallArguments) throws -> CompiledArguments {
        CompiledArguments(
            positional: try arguments.positional.map { try compileOperand($0) },
            keyword: try arguments.keyword.map { ($0.0, try compileOperand($0.1)) })
    }

    func compileFilterChain(_ filters: [FilterCall]) throws -> @Sendable (RenderState, Value) throws -> Value {
        let steps = try filters.map { call -> (Filter, CompiledArguments, SourceLocation) in
            (try resolveFilter(call.name, at: call.offset), try compileArguments(call.arguments), location(call.offset))
        }
        return { state, input in
            var value = input
            for (filter, arguments, loc) in steps {
                value = try Runtime.apply(filter, to: value, arguments: try arguments.evaluate(state), state: state, at: loc)
            }
            return value
        }
    }

    func resolveFilter(_ name: String, at offset: Int) throws -> Filter {
        if let index = resolved.index(of: name, in: resolved.filterNames) { return resolved.filters[index] }
        guard let filter = environment.filter(named: name) else {
            var message = "no filter named '\(name)'"
            if let suggestion = closestName(to: name, in: environment.filterNames) { message += "; did you mean '\(suggestion)'?" }
            throw TemplateError(.unknownName, message, at: location(offset))
        }
        resolved.filterNames.append(name)
        resolved.filters.append(filter)
        return filter
    }

    func resolveTest(_ name: String, at offset: Int) throws -> Test {
        if let index = resolved.index(of: name, in: resolved.testNames) { return resolved.tests[index] }
        guard let test = environment.test(named: name) else {
            var message = "no test named '\(name)'"
            if let suggestion = closestName(to: name, in: environment.testNames) { message += "; did you mean '\(suggestion)'?" }
            throw TemplateError(.unknownName, message, at: location(offset))
        }
        resolved.testNames.append(name)
        resolved.tests.append(test)
        return test
    }

    func compile(_ expr: ExprRef) throws -> Evaluator {
        let loc = location(expr.offset)
        switch pool[expr].kind {
        case .literal(let value):
            return { _ in value }

        case .name(let name):
            return { state in Operand.lookup(name, at: loc, in: state) }

        case .list(let items):
            let compiled = try items.map { try compileOperand($0) }
            return { state in
                let result = Value.list(try compiled.map { try $0.evaluate(state) })
                try located(loc) { try result.checkNesting(limit: state.limits.valueDepth) }
                return result
            }

        case .tuple(let items):
            let compiled = try items.map { try compileOperand($0) }
            return { state in
                let result = Value.tuple(try compiled.map { try $0.evaluate(state) })
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
            let object = try compileOperand(objectExpr)
            let owner: ExprOwner? = ExprOwner(pool: pool, ref: objectExpr)
            let access = DotAccess(name)
            return { state in
                let value = try object.evaluate(state)
                if let found = access.keyOf(value) { return found }
                return try located(loc) { try Runtime.attribute(of: value, name, owner: owner, at: loc) }
            }

        case .item(let objectExpr, let keyExpr):
            let object = try compileOperand(objectExpr)
            let key = try compileOperand(keyExpr)
            let owner: ExprOwner? = ExprOwner(pool: pool, ref: objectExpr)
            return { state in
                let value = try object.evaluate(state)
                let k = try key.evaluate(state)
                return try located(loc) { try Runtime.item(of: value, k, owner: owner, at: loc) }
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
            let value = try compileOperand(operand)
            return { state in
                let v = try value.evaluate(state)
                return try located(loc) { try v.negated() }
            }

        case .plus(let operand):
            let value = try compileOperand(operand)
            return { state in
                let v = try value.evaluate(state)
                return try located(loc) { try v.unaryPlus() }
            }

        case .not(let operand):
            let value = try compileOperand(operand)
            return { state in
                let v = try value.evaluate(state)
                return .bool(try !located(loc) { try v.truthy() })
            }

        case .binary(let op, let leftExpr, let rightExpr):
            let left = try compileOperand(leftExpr)
            let right = try compileOperand(rightExpr)
            return { state in
                let a = try left.evaluate(state)
                let b = try right.evaluate(state)
                return try located(loc) {
                    let result = try a.binary(op, b)
                    try state.checkString(result)
                    return result
                }
            }

        case .and(let leftExpr, let rightExpr):
            let left = try compileOperand(leftExpr)
            let right = try compileOperand(rightExpr)
            return { state in
                let a = try left.evaluate(state)
                return try located(loc) { try a.truthy() } ? try right.evaluate(state) : a
            }

        case .or(let leftExpr, let rightExpr):
            let left = try compileOperand(leftExpr)
            let right = try compileOperand(rightExpr)
            return { state in
                let a = try left.evaluate(state)
                return try located(loc) { try a.truthy() } ? a : try right.evaluate(state)
            }

        case .concat(let items):
            let compiled = try items.map { try compileOperand($0) }
            // Jinja folds a concatenation of constants at compile time with `str()`, which drops
            // `Markup`: `'<b>'|safe ~ '<i>'` is then escaped as a whole in HTML templates.
            let autoescape = template.autoescape && !items.allSatisfy(isConstant)
            return { state in
                let values = try compiled.map { try $0.evaluate(state) }
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
            let first = try compileOperand(firstExpr)
            let compiled = try operations.map { ($0.0, try compileOperand($0.1)) }
            return { state in
                var left = try first.evaluate(state)
                for (op, rightValue) in compiled {
                    let right = try rightValue.evaluate(state)
                    guard try located(loc, { try left.compare(op, right) }) else { return .bool(false) }
                    left = right
                }
                return .bool(true)
            }

        case .conditional(let testExpr, let thenExpr, let otherwiseExpr):
            let test = try compileOperand(testExpr)
            let then = try compileOperand(thenExpr)
            let otherwise = try otherwiseExpr.map { try compileOperand($0) }
            return { state in
                if try located(loc, { try test.evaluate(state).truthy() }) { return try then.evaluate(state) }
                if let otherwise { return try otherwise.evaluate(state) }
                return .undefined(Value.Undefined(name: "", location: loc, candidates: { [] }, isLenient: true))
            }

        case .filter(let inputExpr, let name, let arguments):
            guard let application = try compileFilterApplication(inputExpr, name: name, arguments: arguments, at: expr.offset, location: loc) else {
                guard let inputExpr, case .literal(.string(let format)) = pool[inputExpr].kind else { preconditionFailure("not a literal format") }
                return try compileLiteralFormat(format, arguments: arguments, at: loc)
            }
            return { state in try application.evaluate(state) }

        case .test(let inputExpr, let name, let arguments):
            let test = try resolveTest(name, at: expr.offset)
            let input = try compileOperand(inputExpr)
            let compiledArguments = try compileArguments(arguments)
            return { state in
                let value = try input.evaluate(state)
                let evaluated = try compiledArguments.evaluate(state)
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
            let callee = try compileOperand(calleeExpr)
            let compiledArguments = try compileArguments(arguments)
            return { state in
                let function = try callee.evaluate(state)
                return try Runtime.call(function, try compiledArguments.evaluate(state), state: state, at: loc)
            }
        }
    }

    /// A filter node, or `nil` for `"%.1f"|format(x)` with a literal format string (compiled
    /// by `compileLiteralFormat`). The filter is resolved first, so an unknown name fails
    /// before anything inside the node is compiled.
    func compileFilterApplication(
        _ inputExpr: ExprRef?, name: String, arguments: CallArguments, at offset: Int, location known: SourceLocation? = nil
    ) throws -> FilterApplication? {
        let filter = try resolveFilter(name, at: offset)
        if name == "format", environment.isBuiltinFilter(name), let inputExpr, case .literal(.string) = pool[inputExpr].kind,
            arguments.keyword.isEmpty
        {
            return nil
        }
        let loc = known ?? location(offset)
        let input: Operand = try inputExpr.map { try compileOperand($0) } ?? .literal(.none)
        return FilterApplication(filter: filter, input: input, arguments: try compileArguments(arguments), location: loc)
    }

    /// `"%.1f"|format(x)` with a literal format string: parsed once, here.
    func compileLiteralFormat(_ format: String, arguments: CallArguments, at loc: SourceLocation) throws -> Evaluator {
        let parsed: PythonFormat.Template
        do {
            parsed = try PythonFormat.Template(format)
        } catch let error as OperationError {
            throw error.located(loc)
        }
        let compiled = try arguments.positional.map { try compileOperand($0) }
        if compiled.count == 1 {
            let only = compiled[0]
            return { state in
                let value = try only.evaluate(state)
                return .string(try located(loc) { try parsed.apply(.tuple([value])) })
            }
        }
        return { state in
            let values = try compiled.map { try $0.evaluate(state) }
            return .string(try located(loc) { try parsed.apply(.tuple(values)) })
        }
    }

    /// Whether Jinja2 would fold the expression to a constant at compile time.
    func isConstant(_ expr: ExprRef) -> Bool {
        switch pool[expr].kind {
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
}

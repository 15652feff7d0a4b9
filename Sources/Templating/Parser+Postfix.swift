/// Postfix expressions: attribute and item lookups, slices, calls, filters and tests.
extension Parser {
    /// Each step adds a node to the pool whose child is the node so far.
    mutating func parsePostfix(_ start: ExprRef) throws -> ExprRef {
        var node = start
        while true {
            if isOp(".") || isOp("[") {
                node = try parseSubscript(node)
            } else if isOp("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    mutating func parseFilterExpression(_ start: ExprRef) throws -> ExprRef {
        var node = start
        while true {
            if isOp("|") {
                // One filter at a time: no array of `FilterCall`s for a chain that becomes nodes.
                while isOp("|") {
                    advance()
                    let filter = try parseFilter()
                    let depth = max(node.depth, filter.arguments.depth)
                    node = try makeExpr(.filter(node, name: filter.name, filter.arguments), offset: filter.offset, childDepth: depth)
                }
            } else if isName("is") {
                node = try parseTest(node)
            } else if isOp("(") {
                node = try parseCall(node)
            } else {
                return node
            }
        }
    }

    mutating func parseSubscript(_ node: ExprRef) throws -> ExprRef {
        let token = advance()
        if spells(token, ".") {
            let attribute = current
            advance()
            if attribute.kind == .name {
                let depth = node.depth
                return try makeExpr(.attribute(node, text(attribute)), offset: attribute.offset, childDepth: depth)
            }
            guard attribute.kind == .integer, let value = Int(text(attribute)) else {
                throw fail("expected a name or number after '.'", at: attribute.offset)
            }
            return try makeExpr(.item(node, try makeExpr(.literal(.int(value)), offset: attribute.offset)), offset: attribute.offset)
        }
        // The common case, one subscript, builds no array.
        if !isOp("]") {
            let only = try parseSubscribed()
            if skipOp("]") {
                if case .slice(_, let a, let b, let c) = pool[only].kind {
                    return try makeExpr(.slice(node, start: a, stop: b, step: c), offset: token.offset)
                }
                let depth = max(node.depth, only.depth)
                return try makeExpr(.item(node, only), offset: token.offset, childDepth: depth)
            }
            return try parseSubscriptItems(node, first: only, at: token)
        }
        return try parseSubscriptItems(node, first: nil, at: token)
    }

    /// The rest of `parseSubscript` when there is not exactly one subscript.
    private mutating func parseSubscriptItems(_ node: ExprRef, first: ExprRef?, at token: Token) throws -> ExprRef {
        var arguments: [ExprRef] = first.map { [$0] } ?? []
        while !isOp("]") {
            if !arguments.isEmpty { try expectOp(",") }
            arguments.append(try parseSubscribed())
        }
        try expectOp("]")
        return try makeExpr(.item(node, try makeExpr(.tuple(arguments), offset: token.offset)), offset: token.offset)
    }

    /// One subscript: an expression or a slice `a:b:c` (represented as a slice of a placeholder).
    mutating func parseSubscribed() throws -> ExprRef {
        let start = current.offset
        var parts: [ExprRef?] = []
        if isOp(":") {
            advance()
            parts = [nil]
        } else {
            let expr = try parseExpression()
            guard skipOp(":") else { return expr }
            parts = [expr]
        }
        // stop
        if isOp("]") || isOp(",") || isOp(":") { parts.append(nil) } else { parts.append(try parseExpression()) }
        // step
        if skipOp(":") {
            if isOp("]") || isOp(",") { parts.append(nil) } else { parts.append(try parseExpression()) }
        } else {
            parts.append(nil)
        }
        let placeholder = try makeExpr(.literal(.none), offset: start)
        return try makeExpr(.slice(placeholder, start: parts[0], stop: parts[1], step: parts[2]), offset: start)
    }

    mutating func parseCallArguments() throws -> CallArguments {
        try expectOp("(")
        var arguments = CallArguments()
        var requireComma = false
        while !isOp(")") {
            if requireComma {
                try expectOp(",")
                if isOp(")") { break }
            }
            if isOp("*") || isOp("**") { throw fail("'*args' and '**kwargs' in calls are not supported") }
            if current.kind == .name, lookahead.kind == .op, spells(lookahead, "=") {
                let keyToken = advance()
                let key = text(keyToken)
                advance()
                if arguments.keyword.contains(where: { $0.0 == key }) {
                    throw fail("keyword argument '\(key)' repeated", at: keyToken.offset)
                }
                arguments.keyword.append((key, try parseExpression()))
            } else {
                if !arguments.keyword.isEmpty { throw fail("positional argument follows keyword argument") }
                arguments.positional.append(try parseExpression())
            }
            requireComma = true
        }
        try expectOp(")")
        return arguments
    }

    mutating func parseCall(_ node: ExprRef) throws -> ExprRef {
        let arguments = try parseCallArguments()
        let (offset, depth) = (node.offset, max(node.depth, arguments.depth))
        return try makeExpr(.call(node, arguments), offset: offset, childDepth: depth)
    }

    mutating func parseFilterChain(startInline: Bool) throws -> [FilterCall] {
        var filters: [FilterCall] = []
        var inline = startInline
        while isOp("|") || inline {
            if !inline { advance() }
            inline = false
            filters.append(try parseFilter())
        }
        return filters
    }

    /// One filter after its `|`: a dotted name and optional arguments.
    mutating func parseFilter() throws -> FilterCall {
        let name = try expectName()
        var fullName = text(name)
        while isOp(".") {
            advance()
            fullName += "." + text(try expectName())
        }
        let arguments = isOp("(") ? try parseCallArguments() : CallArguments()
        return FilterCall(name: fullName, arguments: arguments, offset: name.offset)
    }

    mutating func parseTest(_ node: ExprRef) throws -> ExprRef {
        let isToken = advance()
        let negated = skipName("not")
        let name = try expectName()
        var arguments = CallArguments()
        if isOp("(") {
            arguments = try parseCallArguments()
        } else if current.kind == .name || current.kind == .string || current.kind == .integer || current.kind == .float
            || isOp("(") || isOp("[") || isOp("{"),
            !(isName("else") || isName("or") || isName("and"))
        {
            if isName("is") { throw fail("tests cannot be chained with 'is'") }
            arguments.positional = [try parsePostfix(try parsePrimary())]
        }
        let depth = max(node.depth, arguments.depth)
        let test = try makeExpr(.test(node, name: text(name), arguments), offset: name.offset, childDepth: depth)
        if negated { return try makeExpr(.not(test), offset: isToken.offset, childDepth: test.depth) }
        return test
    }
}

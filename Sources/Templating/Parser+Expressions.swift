/// Expressions, by Jinja2's precedence levels from conditional expressions down to primaries,
/// postfix lookups, calls, filters and tests.
extension Parser {
    mutating func parseExpression(withCondition: Bool = true) throws -> Expr {
        try nested { parser in withCondition ? try parser.parseConditional() : try parser.parseOr() }
    }

    mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        expressionDepth += 1
        defer { expressionDepth -= 1 }
        if expressionDepth > maximumNesting {
            throw fail("expression nested too deeply: more than \(maximumNesting) levels (the nesting depth limit)")
        }
        return try body(&self)
    }

    mutating func parseTuple(withCondition: Bool, explicitParentheses: Bool, endNames: [String], simplified: Bool = false) throws -> Expr {
        let start = current.offset
        // The common case, one expression and no comma, builds no array.
        if !(current.kind == .variableEnd || current.kind == .blockEnd || isOp(")")
            || (current.kind == .name && !endNames.isEmpty && endNames.contains(text(current))))
        {
            let first = simplified ? try parsePrimary() : try parseExpression(withCondition: withCondition)
            if !isOp(",") { return first }
            return try parseTupleItems(first: first, start: start, withCondition: withCondition, endNames: endNames, simplified: simplified)
        }
        return try parseTupleItems(first: nil, start: start, withCondition: withCondition, endNames: endNames, simplified: simplified,
            explicitParentheses: explicitParentheses)
    }

    /// The rest of `parseTuple` once a comma follows the first item (or there is none).
    private mutating func parseTupleItems(
        first: Expr?, start: Int, withCondition: Bool, endNames: [String], simplified: Bool, explicitParentheses: Bool = true
    ) throws -> Expr {
        var items: [Expr] = first.map { [$0] } ?? []
        var isTuple = first != nil
        while true {
            if !items.isEmpty { try expectOp(",") }
            if current.kind == .variableEnd || current.kind == .blockEnd || isOp(")")
                || (current.kind == .name && !endNames.isEmpty && endNames.contains(text(current)))
            {
                break
            }
            items.append(simplified ? try parsePrimary() : try parseExpression(withCondition: withCondition))
            if isOp(",") { isTuple = true } else { break }
        }
        if !isTuple {
            if let first = items.first { return first }
            if !explicitParentheses { throw fail("expected an expression, got \(describe(current))") }
        }
        return try makeExpr(.tuple(items), offset: start)
    }

    mutating func parseConditional() throws -> Expr {
        var expr = try parseOr()
        while isName("if") {
            let token = advance()
            let test = try parseOr()
            var otherwise: Expr?
            if skipName("else") { otherwise = try nested { try $0.parseConditional() } }
            expr = try makeExpr(.conditional(test: test, then: expr, otherwise: otherwise), offset: token.offset,
                childDepth: max(test.depth, expr.depth, otherwise?.depth ?? 0))
        }
        return expr
    }

    mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while isName("or") {
            let token = advance()
            let right = try parseAnd()
            left = try makeExpr(.or(left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while isName("and") {
            let token = advance()
            let right = try parseNot()
            left = try makeExpr(.and(left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    mutating func parseNot() throws -> Expr {
        if isName("not") {
            let token = advance()
            let operand = try nested { try $0.parseNot() }
            return try makeExpr(.not(operand), offset: token.offset, childDepth: operand.depth)
        }
        return try parseCompare()
    }

    /// The comparison operator token `token` spells (`in` and `not in` are names, not operators).
    func comparison(_ token: Token) -> CompareOperator? {
        let length = token.end - token.start
        guard length == 1 || length == 2 else { return nil }
        return lexer.bytes.withUnsafeBufferPointer { b in
            let first = b[token.start]
            if length == 1 {
                return first == UInt8(ascii: "<") ? .less : first == UInt8(ascii: ">") ? .greater : nil
            }
            guard b[token.start + 1] == UInt8(ascii: "=") else { return nil }
            switch first {
            case UInt8(ascii: "="): return .equal
            case UInt8(ascii: "!"): return .notEqual
            case UInt8(ascii: "<"): return .lessEqual
            case UInt8(ascii: ">"): return .greaterEqual
            default: return nil
            }
        }
    }

    /// The operator of `*`, `/`, `//` and `%` that `token` spells.
    func multiplicative(_ token: Token) -> BinaryOperator? {
        if spells(token, "*") { return .multiply }
        if spells(token, "/") { return .divide }
        if spells(token, "//") { return .floorDivide }
        if spells(token, "%") { return .modulo }
        return nil
    }

    mutating func parseCompare() throws -> Expr {
        let start = current.offset
        let first = try parseMath1()
        var operations: [(CompareOperator, Expr)] = []
        while true {
            if current.kind == .op, let op = comparison(current) {
                advance()
                operations.append((op, try parseMath1()))
            } else if skipName("in") {
                operations.append((.contains, try parseMath1()))
            } else if isName("not"), lookahead.kind == .name, spells(lookahead, "in") {
                advance()
                advance()
                operations.append((.notContains, try parseMath1()))
            } else {
                break
            }
        }
        if operations.isEmpty { return first }
        var deepest = first.depth
        for operation in operations where operation.1.depth > deepest { deepest = operation.1.depth }
        return try makeExpr(.compare(first, operations), offset: start, childDepth: deepest)
    }

    mutating func parseMath1() throws -> Expr {
        var left = try parseConcat()
        while current.kind == .op, spells(current, "+") || spells(current, "-") {
            let token = advance()
            let right = try parseConcat()
            left = try makeExpr(.binary(spells(token, "+") ? .add : .subtract, left, right), offset: token.offset,
                childDepth: max(left.depth, right.depth))
        }
        return left
    }

    mutating func parseConcat() throws -> Expr {
        let first = try parseMath2()
        guard isOp("~") else { return first }
        var items = [first]
        var tildeOffset = first.offset
        while isOp("~") {
            tildeOffset = advance().offset
            items.append(try parseMath2())
        }
        return try makeExpr(.concat(items), offset: tildeOffset)
    }

    mutating func parseMath2() throws -> Expr {
        var left = try parsePower()
        while current.kind == .op, let op = multiplicative(current) {
            let token = advance()
            let right = try parsePower()
            left = try makeExpr(.binary(op, left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    mutating func parsePower() throws -> Expr {
        var left = try parseUnary(withFilter: true)
        while isOp("**") {
            let token = advance()
            let right = try parseUnary(withFilter: true)
            left = try makeExpr(.binary(.power, left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    mutating func parseUnary(withFilter: Bool) throws -> Expr {
        var node: Expr
        if isOp("-") {
            let token = advance()
            node = try makeExpr(.negate(try nested { try $0.parseUnary(withFilter: false) }), offset: token.offset)
        } else if isOp("+") {
            let token = advance()
            node = try makeExpr(.plus(try nested { try $0.parseUnary(withFilter: false) }), offset: token.offset)
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(consume node)
        if withFilter { return try parseFilterExpression(consume node) }
        return node
    }

    mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .name:
            advance()
            if spells(token, "true") || spells(token, "True") { return try makeExpr(.literal(.bool(true)), offset: token.offset, childDepth: 0) }
            if spells(token, "false") || spells(token, "False") { return try makeExpr(.literal(.bool(false)), offset: token.offset, childDepth: 0) }
            if spells(token, "none") || spells(token, "None") { return try makeExpr(.literal(.none), offset: token.offset, childDepth: 0) }
            return try makeExpr(.name(text(token)), offset: token.offset, childDepth: 0)
        case .string:
            advance()
            var value = text(token)
            while current.kind == .string { value += text(advance()) }
            return try makeExpr(.literal(.string(value)), offset: token.offset, childDepth: 0)
        case .integer:
            advance()
            guard let value = Int(text(token)) else { throw fail("integer literal \(text(token)) is too large", at: token.offset) }
            return try makeExpr(.literal(.int(value)), offset: token.offset, childDepth: 0)
        case .float:
            advance()
            return try makeExpr(.literal(.double(Double(text(token)) ?? .nan)), offset: token.offset)
        case .op where spells(token, "("):
            advance()
            let expr = try parseTuple(withCondition: true, explicitParentheses: true, endNames: [])
            try expectOp(")")
            return expr
        case .op where spells(token, "["):
            advance()
            var items: [Expr] = []
            while !isOp("]") {
                if !items.isEmpty { try expectOp(",") }
                if isOp("]") { break }
                items.append(try parseExpression())
            }
            try expectOp("]")
            return try makeExpr(.list(items), offset: token.offset)
        case .op where spells(token, "{"):
            advance()
            var pairs: [(Expr, Expr)] = []
            while !isOp("}") {
                if !pairs.isEmpty { try expectOp(",") }
                if isOp("}") { break }
                let key = try parseExpression()
                try expectOp(":")
                pairs.append((key, try parseExpression()))
            }
            try expectOp("}")
            return try makeExpr(.dict(pairs), offset: token.offset)
        default:
            throw fail("unexpected \(describe(token))")
        }
    }

    // Nodes are passed on with `consume` and taken as `consuming`: each step moves the tree
    // into its parent instead of copying (and retaining) it and then dropping the original.
    mutating func parsePostfix(_ start: consuming Expr) throws -> Expr {
        var node = start
        while true {
            if isOp(".") || isOp("[") {
                node = try parseSubscript(consume node)
            } else if isOp("(") {
                node = try parseCall(consume node)
            } else {
                return node
            }
        }
    }

    mutating func parseFilterExpression(_ start: consuming Expr) throws -> Expr {
        var node = start
        while true {
            if isOp("|") {
                // One filter at a time: no array of `FilterCall`s for a chain that becomes nodes.
                while isOp("|") {
                    advance()
                    let filter = try parseFilter()
                    let depth = max(node.depth, filter.arguments.depth)
                    node = try makeExpr(.filter(consume node, name: filter.name, filter.arguments), offset: filter.offset, childDepth: depth)
                }
            } else if isName("is") {
                node = try parseTest(consume node)
            } else if isOp("(") {
                node = try parseCall(consume node)
            } else {
                return node
            }
        }
    }

    mutating func parseSubscript(_ node: consuming Expr) throws -> Expr {
        let token = advance()
        if spells(token, ".") {
            let attribute = current
            advance()
            if attribute.kind == .name {
                let depth = node.depth
                return try makeExpr(.attribute(consume node, text(attribute)), offset: attribute.offset, childDepth: depth)
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
                if case .slice(_, let a, let b, let c) = only.kind {
                    return try makeExpr(.slice(node, start: a, stop: b, step: c), offset: token.offset)
                }
                let depth = max(node.depth, only.depth)
                return try makeExpr(.item(consume node, only), offset: token.offset, childDepth: depth)
            }
            return try parseSubscriptItems(node, first: only, at: token)
        }
        return try parseSubscriptItems(node, first: nil, at: token)
    }

    /// The rest of `parseSubscript` when there is not exactly one subscript.
    private mutating func parseSubscriptItems(_ node: Expr, first: Expr?, at token: Token) throws -> Expr {
        var arguments: [Expr] = first.map { [$0] } ?? []
        while !isOp("]") {
            if !arguments.isEmpty { try expectOp(",") }
            arguments.append(try parseSubscribed())
        }
        try expectOp("]")
        return try makeExpr(.item(node, try makeExpr(.tuple(arguments), offset: token.offset)), offset: token.offset)
    }

    /// One subscript: an expression or a slice `a:b:c` (represented as a slice of a placeholder).
    mutating func parseSubscribed() throws -> Expr {
        let start = current.offset
        var parts: [Expr?] = []
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

    mutating func parseCall(_ node: consuming Expr) throws -> Expr {
        let arguments = try parseCallArguments()
        let (offset, depth) = (node.offset, max(node.depth, arguments.depth))
        return try makeExpr(.call(consume node, arguments), offset: offset, childDepth: depth)
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

    mutating func parseTest(_ node: consuming Expr) throws -> Expr {
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
        let test = try makeExpr(.test(consume node, name: text(name), arguments), offset: name.offset, childDepth: depth)
        if negated { return try makeExpr(.not(test), offset: isToken.offset, childDepth: test.depth) }
        return test
    }
}

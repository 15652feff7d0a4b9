/// Expressions, by Jinja2's precedence levels from conditional expressions down to primaries,
/// postfix lookups, calls, filters and tests.
extension Parser {
    mutating func parseExpression(withCondition: Bool = true) throws -> ExprRef {
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

    mutating func parseTuple(withCondition: Bool, explicitParentheses: Bool, endNames: [String], simplified: Bool = false) throws -> ExprRef {
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
        first: ExprRef?, start: Int, withCondition: Bool, endNames: [String], simplified: Bool, explicitParentheses: Bool = true
    ) throws -> ExprRef {
        var items: [ExprRef] = first.map { [$0] } ?? []
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

    mutating func parseConditional() throws -> ExprRef {
        var expr = try parseOr()
        while isName("if") {
            let token = advance()
            let test = try parseOr()
            var otherwise: ExprRef?
            if skipName("else") { otherwise = try nested { try $0.parseConditional() } }
            expr = try makeExpr(.conditional(test: test, then: expr, otherwise: otherwise), offset: token.offset,
                childDepth: max(test.depth, expr.depth, otherwise?.depth ?? 0))
        }
        return expr
    }

    /// The binary-operator levels are inlined into one another: every operand passes through
    /// all eight, and returning a node through eight calls was about 5 % of compiling. (Release
    /// builds; the stack a nesting level takes is no larger than before, measured at the limit.)
    @inline(__always)
    mutating func parseOr() throws -> ExprRef {
        var left = try parseAnd()
        while isName("or") {
            let token = advance()
            let right = try parseAnd()
            left = try makeExpr(.or(left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    @inline(__always)
    mutating func parseAnd() throws -> ExprRef {
        var left = try parseNot()
        while isName("and") {
            let token = advance()
            let right = try parseNot()
            left = try makeExpr(.and(left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    @inline(__always)
    mutating func parseNot() throws -> ExprRef {
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

    @inline(__always)
    mutating func parseCompare() throws -> ExprRef {
        let start = current.offset
        let first = try parseMath1()
        var operations: [(CompareOperator, ExprRef)] = []
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

    @inline(__always)
    mutating func parseMath1() throws -> ExprRef {
        var left = try parseConcat()
        while current.kind == .op, spells(current, "+") || spells(current, "-") {
            let token = advance()
            let right = try parseConcat()
            left = try makeExpr(.binary(spells(token, "+") ? .add : .subtract, left, right), offset: token.offset,
                childDepth: max(left.depth, right.depth))
        }
        return left
    }

    @inline(__always)
    mutating func parseConcat() throws -> ExprRef {
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

    @inline(__always)
    mutating func parseMath2() throws -> ExprRef {
        var left = try parsePower()
        while current.kind == .op, let op = multiplicative(current) {
            let token = advance()
            let right = try parsePower()
            left = try makeExpr(.binary(op, left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    @inline(__always)
    mutating func parsePower() throws -> ExprRef {
        var left = try parseUnary(withFilter: true)
        while isOp("**") {
            let token = advance()
            let right = try parseUnary(withFilter: true)
            left = try makeExpr(.binary(.power, left, right), offset: token.offset, childDepth: max(left.depth, right.depth))
        }
        return left
    }

    mutating func parseUnary(withFilter: Bool) throws -> ExprRef {
        var node: ExprRef
        if isOp("-") {
            let token = advance()
            node = try makeExpr(.negate(try nested { try $0.parseUnary(withFilter: false) }), offset: token.offset)
        } else if isOp("+") {
            let token = advance()
            node = try makeExpr(.plus(try nested { try $0.parseUnary(withFilter: false) }), offset: token.offset)
        } else {
            node = try parsePrimary()
        }
        node = try parsePostfix(node)
        if withFilter { return try parseFilterExpression(node) }
        return node
    }

    mutating func parsePrimary() throws -> ExprRef {
        let token = current
        switch token.kind {
        case .name:
            advance()
            if spells(token, "true") || spells(token, "True") { return try makeExpr(.literal(.bool(true)), offset: token.offset, childDepth: 0) }
            if spells(token, "false") || spells(token, "False") { return try makeExpr(.literal(.bool(false)), offset: token.offset, childDepth: 0) }
            if spells(token, "none") || spells(token, "None") { return try makeExpr(.literal(.none), offset: token.offset, childDepth: 0) }
            if spells(token, "loop") { loopReads += 1 }
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
            var items: [ExprRef] = []
            while !isOp("]") {
                if !items.isEmpty { try expectOp(",") }
                if isOp("]") { break }
                items.append(try parseExpression())
            }
            try expectOp("]")
            return try makeExpr(.list(items), offset: token.offset)
        case .op where spells(token, "{"):
            advance()
            var pairs: [(ExprRef, ExprRef)] = []
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
}

/// Statements: the template body, tags and their bodies, assignment targets.
extension Parser {
    /// Parses until a block tag whose name is in `endTags`; returns the body and that tag's name,
    /// leaving the stream on the name.
    mutating func subparse(endTags: [String]) throws -> ([Stmt], String?) {
        var body: [Stmt] = []
        // A tag's body usually holds a few statements: one allocation instead of growing 1, 2, 4.
        if !endTags.isEmpty { body.reserveCapacity(4) }
        while true {
            switch current.kind {
            case .data:
                let token = advance()
                body.append(Stmt(kind: .text(start: token.start, end: token.end), offset: token.offset))
            case .variableBegin:
                let begin = advance()
                let expr = try parseTuple(withCondition: true, explicitParentheses: false, endNames: [])
                guard current.kind == .variableEnd else {
                    throw fail("expected end of print statement ('}}'), got \(describe(current))")
                }
                advance()
                body.append(Stmt(kind: .output(expr), offset: begin.offset))
            case .blockBegin:
                advance()
                guard current.kind == .name else { throw fail("expected a statement name, got \(describe(current))") }
                if !endTags.isEmpty {
                    let name = text(current)
                    if endTags.contains(name) { return (body, name) }
                }
                body.append(try parseStatement())
                try expectBlockEnd()
            case .end:
                if let open = openTags.last {
                    let names = endTags.sorted().map { "'\($0)'" }
                    let expected = names.count > 1 ? names.dropLast().joined(separator: ", ") + " or " + names.last! : names.joined()
                    throw fail("unexpected end of template: '\(open.name)' is never closed (expected \(expected))", at: open.offset)
                }
                return (body, nil)
            default:
                throw fail("unexpected \(describe(current))")
            }
        }
    }

    /// Parses a statement body up to one of `endTags`, consuming the closing tag's name when
    /// `dropNeedle` is set.
    mutating func parseBody(_ tag: String, at offset: Int, endTags: [String], dropNeedle: Bool) throws -> ([Stmt], String) {
        _ = skipOp(":")
        try expectBlockEnd()
        if openTags.count >= maximumNesting {
            throw fail("blocks nested too deeply: more than \(maximumNesting) levels (the nesting depth limit)", at: offset)
        }
        openTags.append((tag, offset))
        let (body, end) = try subparse(endTags: endTags)
        openTags.removeLast()
        guard let end else { throw fail("'\(tag)' is never closed", at: offset) }
        if dropNeedle { advance() }
        return (body, end)
    }

    static let ifEndTags = ["elif", "else", "endif"]
    static let forEndTags = ["endfor", "else"]

    static let endTagNames: Set<String> = [
        "endif", "elif", "else", "endfor", "endset", "endblock", "endmacro", "endcall", "endfilter", "endwith", "endraw",
    ]

    mutating func parseStatement() throws -> Stmt {
        let token = current
        // Tag names are compared as bytes: a `switch` over a `String` compares it with each
        // case in turn.
        if spells(token, "if") { return try parseIf() }
        if spells(token, "for") { return try parseFor() }
        if spells(token, "set") { return try parseSet() }
        if spells(token, "include") { return try parseInclude() }
        if spells(token, "extends") {
            advance()
            return Stmt(kind: .extends(try parseExpression()), offset: token.offset)
        }
        if spells(token, "block") { return try parseBlock() }
        if spells(token, "macro") { return try parseMacro() }
        if spells(token, "call") { return try parseCallBlock() }
        if spells(token, "filter") {
            advance()
            let filters = try parseFilterChain(startInline: true)
            let (body, _) = try parseBody("filter", at: token.offset, endTags: ["endfilter"], dropNeedle: true)
            return Stmt(kind: .filterBlock(filters: filters, body: body), offset: token.offset)
        }
        if spells(token, "with") { return try parseWith() }
        let name = text(token)
        switch name {
        case "import", "from", "do", "autoescape", "continue", "break", "trans":
            throw fail("the '\(name)' statement is not supported by this template language")
        default:
            if Parser.endTagNames.contains(name) {
                if let open = openTags.last {
                    throw fail("unexpected '\(name)' inside '\(open.name)' opened at line \(location(open.offset).line)")
                }
                throw fail("unexpected '\(name)': no open block to close")
            }
            throw fail("unknown tag '\(name)'")
        }
    }

    mutating func parseIf() throws -> Stmt {
        let start = advance()
        var branches: [(ExprRef, [Stmt])] = []
        var otherwise: [Stmt]?
        var tagOffset = start.offset
        var tagName = "if"
        while true {
            let test = try parseTuple(withCondition: false, explicitParentheses: false, endNames: [])
            let (body, end) = try parseBody(tagName, at: tagOffset, endTags: Parser.ifEndTags, dropNeedle: false)
            branches.append((test, body))
            let endToken = advance()
            if end == "elif" {
                tagOffset = endToken.offset
                tagName = "elif"
                continue
            }
            if end == "else" {
                (otherwise, _) = try parseBody("else", at: endToken.offset, endTags: ["endif"], dropNeedle: true)
            }
            break
        }
        return Stmt(kind: .ifChain(branches, otherwise: otherwise), offset: start.offset)
    }

    mutating func parseFor() throws -> Stmt {
        let start = advance()
        let target = try parseAssignTarget(endNames: ["in"], withNamespace: false)
        guard skipName("in") else { throw fail("expected 'in', got \(describe(current))") }
        let iterable = try parseTuple(withCondition: false, explicitParentheses: false, endNames: ["recursive"])
        var condition: ExprRef?
        if skipName("if") { condition = try parseExpression() }
        let recursive = skipName("recursive")
        // Reads of `loop` in the body are this loop's; the outer loop sees those of the
        // iterable, the condition and the `else` body only.
        let readsBefore = loopReads
        let (body, end) = try parseBody("for", at: start.offset, endTags: Parser.forEndTags, dropNeedle: true)
        let readsLoop = loopReads > readsBefore
        loopReads = readsBefore
        var otherwise: [Stmt]?
        if end == "else" {
            (otherwise, _) = try parseBody("for", at: start.offset, endTags: ["endfor"], dropNeedle: true)
        }
        return Stmt(
            kind: .forLoop(target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise, recursive: recursive,
                readsLoop: readsLoop),
            offset: start.offset)
    }

    mutating func parseSet() throws -> Stmt {
        let start = advance()
        let target = try parseAssignTarget(endNames: [], withNamespace: true)
        if skipOp("=") {
            return Stmt(kind: .set(target, try parseTuple(withCondition: true, explicitParentheses: false, endNames: [])), offset: start.offset)
        }
        let filters = try parseFilterChain(startInline: false)
        let (body, _) = try parseBody("set", at: start.offset, endTags: ["endset"], dropNeedle: true)
        return Stmt(kind: .setBlock(target, filters: filters, body: body), offset: start.offset)
    }

    mutating func parseInclude() throws -> Stmt {
        let start = advance()
        let name = try parseExpression()
        var ignoreMissing = false
        if isName("ignore"), lookahead.kind == .name, spells(lookahead, "missing") {
            advance()
            advance()
            ignoreMissing = true
        }
        var withContext = true
        if isName("with") || isName("without"), lookahead.kind == .name, spells(lookahead, "context") {
            withContext = spells(advance(), "with")
            advance()
        }
        return Stmt(kind: .include(name, ignoreMissing: ignoreMissing, withContext: withContext), offset: start.offset)
    }

    mutating func parseBlock() throws -> Stmt {
        let start = advance()
        let nameToken = try expectName()
        let name = text(nameToken)
        guard blockNames.insert(name).inserted else {
            throw fail("block '\(name)' is defined twice", at: nameToken.offset)
        }
        let scoped = skipName("scoped")
        let required = skipName("required")
        if isOp("-") { throw fail("block names must be valid identifiers") }
        let (body, _) = try parseBody("block", at: start.offset, endTags: ["endblock"], dropNeedle: true)
        if required, body.contains(where: { statement in
            if case .text(let start, let end) = statement.kind {
                return !String(decoding: lexer.bytes[start..<end], as: UTF8.self).unicodeScalars.allSatisfy(isWhitespace)
            }
            return true
        }) {
            throw fail("required blocks can only contain comments or whitespace", at: start.offset)
        }
        if current.kind == .name {
            guard text(current) == name else {
                throw fail("'endblock \(text(current))' closes block '\(name)'")
            }
            advance()
        }
        return Stmt(kind: .block(name: name, body: body, scoped: scoped, required: required), offset: start.offset)
    }

    mutating func parseSignature() throws -> [MacroParameter] {
        try expectOp("(")
        var parameters: [MacroParameter] = []
        while !isOp(")") {
            if !parameters.isEmpty { try expectOp(",") }
            if isOp(")") { break }
            let name = try expectName()
            if skipOp("=") {
                // A default is not part of the body: its reads of `loop` do not count.
                let readsBefore = loopReads
                parameters.append(MacroParameter(name: text(name), defaultValue: try parseExpression()))
                loopReads = readsBefore
            } else {
                if parameters.contains(where: { $0.defaultValue != nil }) {
                    throw fail("non-default argument follows default argument", at: name.offset)
                }
                parameters.append(MacroParameter(name: text(name), defaultValue: nil))
            }
        }
        try expectOp(")")
        return parameters
    }

    mutating func parseMacro() throws -> Stmt {
        let start = advance()
        let name = try expectName()
        let parameters = try parseSignature()
        let (body, _) = try parseBody("macro", at: start.offset, endTags: ["endmacro"], dropNeedle: true)
        return Stmt(kind: .macro(name: text(name), parameters: parameters, body: body), offset: start.offset)
    }

    mutating func parseCallBlock() throws -> Stmt {
        let start = advance()
        let parameters = isOp("(") ? try parseSignature() : []
        let call = try parseExpression()
        guard case .call = pool[call].kind else { throw fail("expected a macro call after 'call'", at: call.offset) }
        let (body, _) = try parseBody("call", at: start.offset, endTags: ["endcall"], dropNeedle: true)
        return Stmt(kind: .callBlock(call: call, parameters: parameters, body: body), offset: start.offset)
    }

    mutating func parseWith() throws -> Stmt {
        let start = advance()
        var assignments: [(AssignTarget, ExprRef)] = []
        while current.kind != .blockEnd {
            if !assignments.isEmpty { try expectOp(",") }
            let target = try parseAssignTarget(endNames: [], withNamespace: false)
            try expectOp("=")
            assignments.append((target, try parseExpression()))
        }
        let (body, _) = try parseBody("with", at: start.offset, endTags: ["endwith"], dropNeedle: true)
        return Stmt(kind: .with(assignments: assignments, body: body), offset: start.offset)
    }

    mutating func parseAssignTarget(endNames: [String], withNamespace: Bool) throws -> AssignTarget {
        if withNamespace, current.kind == .name, lookahead.kind == .op, spells(lookahead, ".") {
            let namespace = advance()
            advance()
            let attribute = try expectName()
            return .attribute(namespace: text(namespace), attribute: text(attribute), offset: namespace.offset)
        }
        let start = current.offset
        var items: [AssignTarget] = []
        var isTuple = false
        let parenthesized = skipOp("(")
        // The common target, one name (`{% set x = … %}`, `{% for it in … %}`), builds no array.
        if !parenthesized, current.kind == .name, endNames.isEmpty || !endNames.contains(text(current)) {
            let target = try parseAssignName()
            guard isOp(",") else { return target }
            items = [target]
            isTuple = true
        }
        while true {
            if !items.isEmpty { try expectOp(",") }
            if current.kind == .blockEnd || isOp(")") || isOp("=") || (current.kind == .name && !endNames.isEmpty && endNames.contains(text(current))) {
                break
            }
            if isOp("(") {
                items.append(try parseAssignTarget(endNames: endNames, withNamespace: false))
            } else {
                items.append(try parseAssignName())
            }
            if isOp(",") { isTuple = true } else { break }
        }
        if parenthesized { try expectOp(")") }
        guard !items.isEmpty else { throw fail("expected an assignment target, got \(describe(current))") }
        return isTuple || parenthesized && items.count > 1 ? .tuple(items, offset: start) : items[0]
    }

    /// One name of an assignment target; the constants cannot be assigned to.
    private mutating func parseAssignName() throws -> AssignTarget {
        let name = try expectName()
        if spells(name, "true") || spells(name, "false") || spells(name, "none") || spells(name, "True")
            || spells(name, "False") || spells(name, "None")
        {
            throw fail("cannot assign to '\(text(name))'", at: name.offset)
        }
        return .name(text(name), offset: name.offset)
    }
}

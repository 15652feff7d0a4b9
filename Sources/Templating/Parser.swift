/// A recursive-descent parser that follows Jinja2's grammar and operator precedence
/// (including its quirks: left-associative `**`, unary minus binding tighter than `**`).
struct Parser {
    private let tokens: [Token]
    private var index = 0
    private let lexer: Lexer
    /// Open block statements, innermost last, for "never closed" messages.
    private var openTags: [(name: String, offset: Int)] = []
    private var blockNames: Set<String> = []
    /// Current expression nesting; deeper input is refused instead of exhausting the stack.
    private var expressionDepth = 0
    /// The nesting limit (`TemplateLimits.nestingDepth`) for statements, parser recursion and
    /// the height of expression trees.
    private let maximumNesting: Int

    init(source: String, path: String, maximumNesting: Int = TemplateLimits.defaults.nestingDepth) throws {
        var lexer = Lexer(source: source, path: path)
        self.tokens = try lexer.tokenize()
        self.lexer = lexer
        self.maximumNesting = maximumNesting
    }

    /// An expression node, refused when its tree is taller than the nesting limit (long chains
    /// such as `1 + 1 + …` or `x|f|f|…` are parsed in loops but still build tall trees).
    private func makeExpr(_ kind: Expr.Kind, offset: Int) throws -> Expr {
        let expr = Expr(kind: kind, offset: offset)
        if expr.depth > maximumNesting {
            throw fail("expression nested too deeply: more than \(maximumNesting) levels (the nesting depth limit)", at: offset)
        }
        return expr
    }

    func location(_ offset: Int) -> SourceLocation { lexer.location(offset) }

    mutating func parseTemplate() throws -> [Stmt] {
        let (body, _) = try subparse(endTags: [])
        return body
    }

    // MARK: - Token stream

    private var current: Token { tokens[index] }
    private var lookahead: Token { tokens[min(index + 1, tokens.count - 1)] }

    @discardableResult
    private mutating func advance() -> Token {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func isOp(_ op: String) -> Bool { current.kind == .op && current.text == op }
    private func isName(_ name: String) -> Bool { current.kind == .name && current.text == name }

    private mutating func skipOp(_ op: String) -> Bool {
        guard isOp(op) else { return false }
        advance()
        return true
    }

    private mutating func skipName(_ name: String) -> Bool {
        guard isName(name) else { return false }
        advance()
        return true
    }

    private func fail(_ message: String, at offset: Int? = nil) -> TemplateError {
        TemplateError(.syntax, message, at: location(offset ?? current.offset))
    }

    private func describe(_ token: Token) -> String {
        switch token.kind {
        case .data: return "template data"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "end of statement block"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "end of print statement"
        case .name, .op: return "'\(token.text)'"
        case .string: return "string"
        case .integer, .float: return "number \(token.text)"
        case .end: return "end of template"
        }
    }

    private mutating func expectOp(_ op: String) throws {
        guard skipOp(op) else { throw fail("expected '\(op)', got \(describe(current))") }
    }

    private mutating func expectName() throws -> Token {
        guard current.kind == .name else { throw fail("expected a name, got \(describe(current))") }
        return advance()
    }

    private mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else {
            throw fail("expected end of statement block ('%}'), got \(describe(current))")
        }
        advance()
    }

    // MARK: - Statements

    /// Parses until a block tag whose name is in `endTags`; returns the body and that tag's name,
    /// leaving the stream on the name.
    private mutating func subparse(endTags: Set<String>) throws -> ([Stmt], String?) {
        var body: [Stmt] = []
        while true {
            switch current.kind {
            case .data:
                let token = advance()
                body.append(Stmt(kind: .text(token.text), offset: token.offset))
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
                if endTags.contains(current.text) { return (body, current.text) }
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
    private mutating func parseBody(_ tag: String, at offset: Int, endTags: Set<String>, dropNeedle: Bool) throws -> ([Stmt], String) {
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

    private static let endTagNames: Set<String> = [
        "endif", "elif", "else", "endfor", "endset", "endblock", "endmacro", "endcall", "endfilter", "endwith", "endraw",
    ]

    private mutating func parseStatement() throws -> Stmt {
        let token = current
        switch token.text {
        case "if": return try parseIf()
        case "for": return try parseFor()
        case "set": return try parseSet()
        case "include": return try parseInclude()
        case "extends":
            advance()
            return Stmt(kind: .extends(try parseExpression()), offset: token.offset)
        case "block": return try parseBlock()
        case "macro": return try parseMacro()
        case "call": return try parseCallBlock()
        case "filter":
            advance()
            let filters = try parseFilterChain(startInline: true)
            let (body, _) = try parseBody("filter", at: token.offset, endTags: ["endfilter"], dropNeedle: true)
            return Stmt(kind: .filterBlock(filters: filters, body: body), offset: token.offset)
        case "with": return try parseWith()
        case "import", "from", "do", "autoescape", "continue", "break", "trans":
            throw fail("the '\(token.text)' statement is not supported by this template language")
        default:
            if Parser.endTagNames.contains(token.text) {
                if let open = openTags.last {
                    throw fail("unexpected '\(token.text)' inside '\(open.name)' opened at line \(location(open.offset).line)")
                }
                throw fail("unexpected '\(token.text)': no open block to close")
            }
            throw fail("unknown tag '\(token.text)'")
        }
    }

    private mutating func parseIf() throws -> Stmt {
        let start = advance()
        var branches: [(Expr, [Stmt])] = []
        var otherwise: [Stmt]?
        var tagOffset = start.offset
        var tagName = "if"
        while true {
            let test = try parseTuple(withCondition: false, explicitParentheses: false, endNames: [])
            let (body, end) = try parseBody(tagName, at: tagOffset, endTags: ["elif", "else", "endif"], dropNeedle: false)
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

    private mutating func parseFor() throws -> Stmt {
        let start = advance()
        let target = try parseAssignTarget(endNames: ["in"], withNamespace: false)
        guard skipName("in") else { throw fail("expected 'in', got \(describe(current))") }
        let iterable = try parseTuple(withCondition: false, explicitParentheses: false, endNames: ["recursive"])
        var condition: Expr?
        if skipName("if") { condition = try parseExpression() }
        let recursive = skipName("recursive")
        let (body, end) = try parseBody("for", at: start.offset, endTags: ["endfor", "else"], dropNeedle: true)
        var otherwise: [Stmt]?
        if end == "else" {
            (otherwise, _) = try parseBody("for", at: start.offset, endTags: ["endfor"], dropNeedle: true)
        }
        return Stmt(
            kind: .forLoop(target: target, iterable: iterable, condition: condition, body: body, otherwise: otherwise, recursive: recursive),
            offset: start.offset)
    }

    private mutating func parseSet() throws -> Stmt {
        let start = advance()
        let target = try parseAssignTarget(endNames: [], withNamespace: true)
        if skipOp("=") {
            return Stmt(kind: .set(target, try parseTuple(withCondition: true, explicitParentheses: false, endNames: [])), offset: start.offset)
        }
        let filters = try parseFilterChain(startInline: false)
        let (body, _) = try parseBody("set", at: start.offset, endTags: ["endset"], dropNeedle: true)
        return Stmt(kind: .setBlock(target, filters: filters, body: body), offset: start.offset)
    }

    private mutating func parseInclude() throws -> Stmt {
        let start = advance()
        let name = try parseExpression()
        var ignoreMissing = false
        if isName("ignore"), lookahead.kind == .name, lookahead.text == "missing" {
            advance()
            advance()
            ignoreMissing = true
        }
        var withContext = true
        if (isName("with") || isName("without")), lookahead.kind == .name, lookahead.text == "context" {
            withContext = advance().text == "with"
            advance()
        }
        return Stmt(kind: .include(name, ignoreMissing: ignoreMissing, withContext: withContext), offset: start.offset)
    }

    private mutating func parseBlock() throws -> Stmt {
        let start = advance()
        let name = try expectName()
        guard blockNames.insert(name.text).inserted else {
            throw fail("block '\(name.text)' is defined twice", at: name.offset)
        }
        let scoped = skipName("scoped")
        let required = skipName("required")
        if isOp("-") { throw fail("block names must be valid identifiers") }
        let (body, _) = try parseBody("block", at: start.offset, endTags: ["endblock"], dropNeedle: true)
        if required, body.contains(where: { statement in
            if case .text(let text) = statement.kind { return !text.unicodeScalars.allSatisfy(isWhitespace) }
            return true
        }) {
            throw fail("required blocks can only contain comments or whitespace", at: start.offset)
        }
        if current.kind == .name {
            guard current.text == name.text else {
                throw fail("'endblock \(current.text)' closes block '\(name.text)'")
            }
            advance()
        }
        return Stmt(kind: .block(name: name.text, body: body, scoped: scoped, required: required), offset: start.offset)
    }

    private mutating func parseSignature() throws -> [MacroParameter] {
        try expectOp("(")
        var parameters: [MacroParameter] = []
        while !isOp(")") {
            if !parameters.isEmpty { try expectOp(",") }
            if isOp(")") { break }
            let name = try expectName()
            if skipOp("=") {
                parameters.append(MacroParameter(name: name.text, defaultValue: try parseExpression()))
            } else {
                if parameters.contains(where: { $0.defaultValue != nil }) {
                    throw fail("non-default argument follows default argument", at: name.offset)
                }
                parameters.append(MacroParameter(name: name.text, defaultValue: nil))
            }
        }
        try expectOp(")")
        return parameters
    }

    private mutating func parseMacro() throws -> Stmt {
        let start = advance()
        let name = try expectName()
        let parameters = try parseSignature()
        let (body, _) = try parseBody("macro", at: start.offset, endTags: ["endmacro"], dropNeedle: true)
        return Stmt(kind: .macro(name: name.text, parameters: parameters, body: body), offset: start.offset)
    }

    private mutating func parseCallBlock() throws -> Stmt {
        let start = advance()
        let parameters = isOp("(") ? try parseSignature() : []
        let call = try parseExpression()
        guard case .call = call.kind else { throw fail("expected a macro call after 'call'", at: call.offset) }
        let (body, _) = try parseBody("call", at: start.offset, endTags: ["endcall"], dropNeedle: true)
        return Stmt(kind: .callBlock(call: call, parameters: parameters, body: body), offset: start.offset)
    }

    private mutating func parseWith() throws -> Stmt {
        let start = advance()
        var assignments: [(AssignTarget, Expr)] = []
        while current.kind != .blockEnd {
            if !assignments.isEmpty { try expectOp(",") }
            let target = try parseAssignTarget(endNames: [], withNamespace: false)
            try expectOp("=")
            assignments.append((target, try parseExpression()))
        }
        let (body, _) = try parseBody("with", at: start.offset, endTags: ["endwith"], dropNeedle: true)
        return Stmt(kind: .with(assignments: assignments, body: body), offset: start.offset)
    }

    private mutating func parseAssignTarget(endNames: Set<String>, withNamespace: Bool) throws -> AssignTarget {
        if withNamespace, current.kind == .name, lookahead.kind == .op, lookahead.text == "." {
            let namespace = advance()
            advance()
            let attribute = try expectName()
            return .attribute(namespace: namespace.text, attribute: attribute.text, offset: namespace.offset)
        }
        let start = current.offset
        var items: [AssignTarget] = []
        var isTuple = false
        let parenthesized = skipOp("(")
        while true {
            if !items.isEmpty { try expectOp(",") }
            if current.kind == .blockEnd || isOp(")") || isOp("=") || (current.kind == .name && endNames.contains(current.text)) {
                break
            }
            if isOp("(") {
                items.append(try parseAssignTarget(endNames: endNames, withNamespace: false))
            } else {
                let name = try expectName()
                if ["true", "false", "none", "True", "False", "None"].contains(name.text) {
                    throw fail("cannot assign to '\(name.text)'", at: name.offset)
                }
                items.append(.name(name.text, offset: name.offset))
            }
            if isOp(",") { isTuple = true } else { break }
        }
        if parenthesized { try expectOp(")") }
        guard !items.isEmpty else { throw fail("expected an assignment target, got \(describe(current))") }
        return isTuple || parenthesized && items.count > 1 ? .tuple(items, offset: start) : items[0]
    }

    // MARK: - Expressions

    mutating func parseExpression(withCondition: Bool = true) throws -> Expr {
        try nested { parser in withCondition ? try parser.parseConditional() : try parser.parseOr() }
    }

    private mutating func nested<T>(_ body: (inout Parser) throws -> T) throws -> T {
        expressionDepth += 1
        defer { expressionDepth -= 1 }
        if expressionDepth > maximumNesting {
            throw fail("expression nested too deeply: more than \(maximumNesting) levels (the nesting depth limit)")
        }
        return try body(&self)
    }

    private mutating func parseTuple(withCondition: Bool, explicitParentheses: Bool, endNames: Set<String>, simplified: Bool = false) throws -> Expr {
        let start = current.offset
        var items: [Expr] = []
        var isTuple = false
        while true {
            if !items.isEmpty { try expectOp(",") }
            if current.kind == .variableEnd || current.kind == .blockEnd || isOp(")")
                || (current.kind == .name && endNames.contains(current.text))
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

    private mutating func parseConditional() throws -> Expr {
        var expr = try parseOr()
        while isName("if") {
            let token = advance()
            let test = try parseOr()
            var otherwise: Expr?
            if skipName("else") { otherwise = try nested { try $0.parseConditional() } }
            expr = try makeExpr(.conditional(test: test, then: expr, otherwise: otherwise), offset: token.offset)
        }
        return expr
    }

    private mutating func parseOr() throws -> Expr {
        var left = try parseAnd()
        while isName("or") {
            let token = advance()
            left = try makeExpr(.or(left, try parseAnd()), offset: token.offset)
        }
        return left
    }

    private mutating func parseAnd() throws -> Expr {
        var left = try parseNot()
        while isName("and") {
            let token = advance()
            left = try makeExpr(.and(left, try parseNot()), offset: token.offset)
        }
        return left
    }

    private mutating func parseNot() throws -> Expr {
        if isName("not") {
            let token = advance()
            return try makeExpr(.not(try nested { try $0.parseNot() }), offset: token.offset)
        }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> Expr {
        let start = current.offset
        let first = try parseMath1()
        var operations: [(CompareOperator, Expr)] = []
        while true {
            if current.kind == .op, let op = CompareOperator(rawValue: current.text), op != .contains, op != .notContains {
                advance()
                operations.append((op, try parseMath1()))
            } else if skipName("in") {
                operations.append((.contains, try parseMath1()))
            } else if isName("not"), lookahead.kind == .name, lookahead.text == "in" {
                advance()
                advance()
                operations.append((.notContains, try parseMath1()))
            } else {
                break
            }
        }
        if operations.isEmpty { return first }
        return try makeExpr(.compare(first, operations), offset: start)
    }

    private mutating func parseMath1() throws -> Expr {
        var left = try parseConcat()
        while current.kind == .op, current.text == "+" || current.text == "-" {
            let token = advance()
            let right = try parseConcat()
            left = try makeExpr(.binary(token.text == "+" ? .add : .subtract, left, right), offset: token.offset)
        }
        return left
    }

    private mutating func parseConcat() throws -> Expr {
        let start = current.offset
        var items = [try parseMath2()]
        var tildeOffset = start
        while isOp("~") {
            tildeOffset = advance().offset
            items.append(try parseMath2())
        }
        if items.count == 1 { return items[0] }
        return try makeExpr(.concat(items), offset: tildeOffset)
    }

    private mutating func parseMath2() throws -> Expr {
        var left = try parsePower()
        while current.kind == .op, let op = BinaryOperator(rawValue: current.text),
            op == .multiply || op == .divide || op == .floorDivide || op == .modulo
        {
            let token = advance()
            left = try makeExpr(.binary(op, left, try parsePower()), offset: token.offset)
        }
        return left
    }

    private mutating func parsePower() throws -> Expr {
        var left = try parseUnary(withFilter: true)
        while isOp("**") {
            let token = advance()
            left = try makeExpr(.binary(.power, left, try parseUnary(withFilter: true)), offset: token.offset)
        }
        return left
    }

    private mutating func parseUnary(withFilter: Bool) throws -> Expr {
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
        node = try parsePostfix(node)
        if withFilter { node = try parseFilterExpression(node) }
        return node
    }

    private mutating func parsePrimary() throws -> Expr {
        let token = current
        switch token.kind {
        case .name:
            advance()
            switch token.text {
            case "true", "True": return try makeExpr(.literal(.bool(true)), offset: token.offset)
            case "false", "False": return try makeExpr(.literal(.bool(false)), offset: token.offset)
            case "none", "None": return try makeExpr(.literal(.none), offset: token.offset)
            default: return try makeExpr(.name(token.text), offset: token.offset)
            }
        case .string:
            advance()
            var text = token.text
            while current.kind == .string { text += advance().text }
            return try makeExpr(.literal(.string(text)), offset: token.offset)
        case .integer:
            advance()
            guard let value = Int(token.text) else { throw fail("integer literal \(token.text) is too large", at: token.offset) }
            return try makeExpr(.literal(.int(value)), offset: token.offset)
        case .float:
            advance()
            return try makeExpr(.literal(.double(Double(token.text) ?? .nan)), offset: token.offset)
        case .op where token.text == "(":
            advance()
            let expr = try parseTuple(withCondition: true, explicitParentheses: true, endNames: [])
            try expectOp(")")
            return expr
        case .op where token.text == "[":
            advance()
            var items: [Expr] = []
            while !isOp("]") {
                if !items.isEmpty { try expectOp(",") }
                if isOp("]") { break }
                items.append(try parseExpression())
            }
            try expectOp("]")
            return try makeExpr(.list(items), offset: token.offset)
        case .op where token.text == "{":
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

    private mutating func parsePostfix(_ start: Expr) throws -> Expr {
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

    private mutating func parseFilterExpression(_ start: Expr) throws -> Expr {
        var node = start
        while true {
            if isOp("|") {
                for filter in try parseFilterChain(startInline: false) {
                    node = try makeExpr(.filter(node, name: filter.name, filter.arguments), offset: filter.offset)
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

    private mutating func parseSubscript(_ node: Expr) throws -> Expr {
        let token = advance()
        if token.text == "." {
            let attribute = current
            advance()
            if attribute.kind == .name { return try makeExpr(.attribute(node, attribute.text), offset: attribute.offset) }
            guard attribute.kind == .integer, let value = Int(attribute.text) else {
                throw fail("expected a name or number after '.'", at: attribute.offset)
            }
            return try makeExpr(.item(node, try makeExpr(.literal(.int(value)), offset: attribute.offset)), offset: attribute.offset)
        }
        var arguments: [Expr] = []
        while !isOp("]") {
            if !arguments.isEmpty { try expectOp(",") }
            arguments.append(try parseSubscribed())
        }
        try expectOp("]")
        if arguments.count == 1 {
            if case .slice(_, let a, let b, let c) = arguments[0].kind {
                return try makeExpr(.slice(node, start: a, stop: b, step: c), offset: token.offset)
            }
            return try makeExpr(.item(node, arguments[0]), offset: token.offset)
        }
        return try makeExpr(.item(node, try makeExpr(.tuple(arguments), offset: token.offset)), offset: token.offset)
    }

    /// One subscript: an expression or a slice `a:b:c` (represented as a slice of a placeholder).
    private mutating func parseSubscribed() throws -> Expr {
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

    private mutating func parseCallArguments() throws -> CallArguments {
        try expectOp("(")
        var arguments = CallArguments()
        var requireComma = false
        while !isOp(")") {
            if requireComma {
                try expectOp(",")
                if isOp(")") { break }
            }
            if isOp("*") || isOp("**") { throw fail("'*args' and '**kwargs' in calls are not supported") }
            if current.kind == .name, lookahead.kind == .op, lookahead.text == "=" {
                let key = advance()
                advance()
                if arguments.keyword.contains(where: { $0.0 == key.text }) {
                    throw fail("keyword argument '\(key.text)' repeated", at: key.offset)
                }
                arguments.keyword.append((key.text, try parseExpression()))
            } else {
                if !arguments.keyword.isEmpty { throw fail("positional argument follows keyword argument") }
                arguments.positional.append(try parseExpression())
            }
            requireComma = true
        }
        try expectOp(")")
        return arguments
    }

    private mutating func parseCall(_ node: Expr) throws -> Expr {
        try makeExpr(.call(node, try parseCallArguments()), offset: node.offset)
    }

    private mutating func parseFilterChain(startInline: Bool) throws -> [FilterCall] {
        var filters: [FilterCall] = []
        var inline = startInline
        while isOp("|") || inline {
            if !inline { advance() }
            inline = false
            let name = try expectName()
            var fullName = name.text
            while isOp(".") {
                advance()
                fullName += "." + (try expectName()).text
            }
            let arguments = isOp("(") ? try parseCallArguments() : CallArguments()
            filters.append(FilterCall(name: fullName, arguments: arguments, offset: name.offset))
        }
        return filters
    }

    private mutating func parseTest(_ node: Expr) throws -> Expr {
        let isToken = advance()
        let negated = skipName("not")
        let name = try expectName()
        var arguments = CallArguments()
        if isOp("(") {
            arguments = try parseCallArguments()
        } else if [Token.Kind.name, .string, .integer, .float].contains(current.kind) || isOp("(") || isOp("[") || isOp("{"),
            !(isName("else") || isName("or") || isName("and"))
        {
            if isName("is") { throw fail("tests cannot be chained with 'is'") }
            arguments.positional = [try parsePostfix(try parsePrimary())]
        }
        let test = try makeExpr(.test(node, name: name.text, arguments), offset: name.offset)
        if negated { return try makeExpr(.not(test), offset: isToken.offset) }
        return test
    }
}

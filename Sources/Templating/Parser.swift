/// A recursive-descent parser that follows Jinja2's grammar and operator precedence
/// (including its quirks: left-associative `**`, unary minus binding tighter than `**`).
struct Parser {
    /// Read in place: `index` stays below `tokens.count` (`advance()` stops at the end token), so
    /// no check is made per read.
    let tokens: TokenList
    var index = 0
    let lexer: Lexer
    /// Open block statements, innermost last, for "never closed" messages.
    var openTags: [(name: String, offset: Int)] = []
    var blockNames: Set<String> = []
    /// Current expression nesting; deeper input is refused instead of exhausting the stack.
    var expressionDepth = 0
    /// How many times the name `loop` has been read so far (see `Stmt.Kind.forLoop`).
    var loopReads = 0
    /// The nesting limit (`TemplateLimits.nestingDepth`) for statements, parser recursion and
    /// the height of expression trees.
    let maximumNesting: Int
    /// The template's expressions.
    let pool: ExprPool

    init(source: String, path: String, maximumNesting: Int = TemplateLimits.defaults.nestingDepth) throws {
        if source.utf8.count > Lexer.maximumSourceBytes {
            throw TemplateError(.limit, "template source is larger than \(Lexer.maximumSourceBytes) bytes", at: SourceLocation(path: path, line: 1, column: 1))
        }
        var lexer = Lexer(source: source, path: path)
        self.tokens = try lexer.tokenize()
        self.lexer = lexer
        // Fewer expressions than tokens: no growth for most templates.
        self.pool = ExprPool(capacity: tokens.count / 2 + 4)
        self.maximumNesting = maximumNesting
    }

    /// An expression node, refused when its tree is taller than the nesting limit (long chains
    /// such as `1 + 1 + …` or `x|f|f|…` are parsed in loops but still build tall trees).
    func makeExpr(_ kind: consuming Expr.Kind, offset: Int, childDepth: Int? = nil) throws -> ExprRef {
        let depth = 1 + (childDepth ?? Expr.childDepth(kind))
        if depth > maximumNesting {
            throw fail("expression nested too deeply: more than \(maximumNesting) levels (the nesting depth limit)", at: offset)
        }
        return pool.add(kind, offset: offset, depth: depth)
    }

    func location(_ offset: Int) -> SourceLocation { lexer.location(offset) }

    mutating func parseTemplate() throws -> [Stmt] {
        let (body, _) = try subparse(endTags: [])
        return body
    }

    // MARK: - Token stream

    var current: Token { tokens.base[index] }
    var lookahead: Token { tokens.base[min(index + 1, tokens.count - 1)] }

    @discardableResult
    mutating func advance() -> Token {
        let current = tokens.base[index]
        if index < tokens.count - 1 { index += 1 }
        return current
    }

    /// A token's text as a `String` (made on demand: most tokens are only compared).
    func text(_ token: Token) -> String { lexer.text(of: token) }
    /// Whether `token` is the operator or name `literal`, compared without making a `String`.
    @inline(__always)
    func spells(_ token: Token, _ literal: StaticString) -> Bool { lexer.spells(token, literal) }

    @inline(__always)
    func isOp(_ op: StaticString) -> Bool { current.kind == .op && spells(current, op) }
    @inline(__always)
    func isName(_ name: StaticString) -> Bool { current.kind == .name && spells(current, name) }

    mutating func skipOp(_ op: StaticString) -> Bool {
        guard isOp(op) else { return false }
        advance()
        return true
    }

    mutating func skipName(_ name: StaticString) -> Bool {
        guard isName(name) else { return false }
        advance()
        return true
    }

    func fail(_ message: String, at offset: Int? = nil) -> TemplateError {
        TemplateError(.syntax, message, at: location(offset ?? current.offset))
    }

    func describe(_ token: Token) -> String {
        switch token.kind {
        case .data: return "template data"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "end of statement block"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "end of print statement"
        case .name, .op: return "'\(text(token))'"
        case .string: return "string"
        case .integer, .float: return "number \(text(token))"
        case .end: return "end of template"
        }
    }

    mutating func expectOp(_ op: StaticString) throws {
        guard skipOp(op) else { throw fail("expected '\(op)', got \(describe(current))") }
    }

    mutating func expectName() throws -> Token {
        guard current.kind == .name else { throw fail("expected a name, got \(describe(current))") }
        return advance()
    }

    mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else {
            throw fail("expected end of statement block ('%}'), got \(describe(current))")
        }
        advance()
    }
}

/// The parsed form of a template, before compilation. `offset` fields index the source's scalars.
struct Expr: Sendable {
    /// Leaves and cases whose children sit in arrays are stored inline; only cases holding an
    /// `Expr` directly need a box (`indirect`), so most names and literals cost no allocation.
    enum Kind: Sendable {
        case literal(Value)
        case name(String)
        case list([Expr])
        case tuple([Expr])
        case dict([(Expr, Expr)])
        indirect case attribute(Expr, String)
        indirect case item(Expr, Expr)
        indirect case slice(Expr, start: Expr?, stop: Expr?, step: Expr?)
        indirect case negate(Expr)
        indirect case plus(Expr)
        indirect case not(Expr)
        indirect case binary(BinaryOperator, Expr, Expr)
        indirect case and(Expr, Expr)
        indirect case or(Expr, Expr)
        case concat([Expr])
        indirect case compare(Expr, [(CompareOperator, Expr)])
        indirect case conditional(test: Expr, then: Expr, otherwise: Expr?)
        indirect case filter(Expr?, name: String, CallArguments)
        indirect case test(Expr, name: String, CallArguments)
        indirect case call(Expr, CallArguments)
    }

    var kind: Kind
    var offset: Int
    /// The height of this expression's tree (1 for a leaf). The parser refuses trees taller than
    /// the nesting limit, so compiling, evaluating and releasing them cannot exhaust the stack.
    let depth: Int

    init(kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
        self.depth = 1 + Expr.childDepth(kind)
    }

    /// A node whose children's height the parser already knows: taking it apart again to read
    /// their `depth` copies (and retains) each child.
    init(kind: consuming Kind, offset: Int, childDepth: Int) {
        self.kind = kind
        self.offset = offset
        self.depth = 1 + childDepth
    }

    private static func childDepth(_ kind: Kind) -> Int {
        func most(_ items: [Expr]) -> Int { items.reduce(0) { max($0, $1.depth) } }
        func most(_ arguments: CallArguments) -> Int {
            max(most(arguments.positional), arguments.keyword.reduce(0) { max($0, $1.1.depth) })
        }
        switch kind {
        case .literal, .name: return 0
        case .list(let items), .tuple(let items), .concat(let items): return most(items)
        case .dict(let pairs): return pairs.reduce(0) { max($0, $1.0.depth, $1.1.depth) }
        case .attribute(let o, _): return o.depth
        case .item(let o, let k): return max(o.depth, k.depth)
        case .slice(let o, let a, let b, let c): return max(o.depth, a?.depth ?? 0, b?.depth ?? 0, c?.depth ?? 0)
        case .negate(let x), .plus(let x), .not(let x): return x.depth
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): return max(a.depth, b.depth)
        case .compare(let a, let operations): return max(a.depth, most(operations.map { $0.1 }))
        case .conditional(let t, let a, let b): return max(t.depth, a.depth, b?.depth ?? 0)
        case .filter(let x, _, let arguments): return max(x?.depth ?? 0, most(arguments))
        case .test(let x, _, let arguments): return max(x.depth, most(arguments))
        case .call(let x, let arguments): return max(x.depth, most(arguments))
        }
    }
}

struct CallArguments: Sendable {
    var positional: [Expr] = []
    var keyword: [(String, Expr)] = []

    /// The height of the tallest argument (0 without arguments).
    var depth: Int {
        var deepest = 0
        for argument in positional where argument.depth > deepest { deepest = argument.depth }
        for (_, argument) in keyword where argument.depth > deepest { deepest = argument.depth }
        return deepest
    }
}

enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", modulo = "%", power = "**"
}

enum CompareOperator: String, Sendable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case contains = "in", notContains = "not in"
}

/// The left side of an assignment: `x`, `a, b`, or `ns.attr`.
indirect enum AssignTarget: Sendable {
    case name(String, offset: Int)
    case tuple([AssignTarget], offset: Int)
    case attribute(namespace: String, attribute: String, offset: Int)

    var names: [String] {
        switch self {
        case .name(let n, _): return [n]
        case .tuple(let items, _): return items.flatMap(\.names)
        case .attribute: return []
        }
    }
}

struct MacroParameter: Sendable {
    var name: String
    var defaultValue: Expr?
}

struct FilterCall: Sendable {
    var name: String
    var arguments: CallArguments
    var offset: Int
}

struct Stmt: Sendable {
    /// Stored inline except the largest case, so a body's statements are not one box each.
    enum Kind: Sendable {
        /// Template data, as the UTF-8 bytes it writes: a slice of the template's source, which
        /// shares its storage instead of copying each run of text into an array of its own.
        case text(ArraySlice<UInt8>)
        case output(Expr)
        case ifChain([(Expr, [Stmt])], otherwise: [Stmt]?)
        /// `readsLoop`: whether the body reads the name `loop` (not counting nested loops' own
        /// bodies, which shadow it), noted by the parser so that no walk over the body is needed.
        indirect case forLoop(target: AssignTarget, iterable: Expr, condition: Expr?, body: [Stmt], otherwise: [Stmt]?, recursive: Bool, readsLoop: Bool)
        case set(AssignTarget, Expr)
        case setBlock(AssignTarget, filters: [FilterCall], body: [Stmt])
        case include(Expr, ignoreMissing: Bool, withContext: Bool)
        case extends(Expr)
        case block(name: String, body: [Stmt], scoped: Bool, required: Bool)
        case macro(name: String, parameters: [MacroParameter], body: [Stmt])
        case callBlock(call: Expr, parameters: [MacroParameter], body: [Stmt])
        case filterBlock(filters: [FilterCall], body: [Stmt])
        case with(assignments: [(AssignTarget, Expr)], body: [Stmt])
    }

    var kind: Kind
    var offset: Int
    /// How deeply this statement nests, counting its expressions' height (see
    /// `Compiler.nesting(of:)`), computed once here from the children's own figures so that no
    /// walk over the tree is needed after parsing.
    let nesting: Int

    init(kind: Kind, offset: Int) {
        self.kind = kind
        self.offset = offset
        self.nesting = 1 + Stmt.ownNesting(kind)
    }

    private static func ownNesting(_ kind: Kind) -> Int {
        func body(_ statements: [Stmt]) -> Int { Compiler.nesting(of: statements) }
        func arguments(_ a: CallArguments) -> Int {
            max(a.positional.reduce(0) { max($0, $1.depth) }, a.keyword.reduce(0) { max($0, $1.1.depth) })
        }
        func filters(_ f: [FilterCall]) -> Int { f.reduce(0) { max($0, arguments($1.arguments)) } }
        func parameters(_ p: [MacroParameter]) -> Int { p.reduce(0) { max($0, $1.defaultValue?.depth ?? 0) } }
        switch kind {
        case .text: return 0
        case .output(let e), .set(_, let e), .include(let e, _, _), .extends(let e): return e.depth
        case .ifChain(let branches, let otherwise):
            return max(branches.reduce(0) { max($0, $1.0.depth, body($1.1)) }, otherwise.map(body) ?? 0)
        case .forLoop(_, let iterable, let condition, let statements, let otherwise, _, _):
            return max(iterable.depth, condition?.depth ?? 0, body(statements), otherwise.map(body) ?? 0)
        case .setBlock(_, let f, let statements), .filterBlock(let f, let statements): return max(filters(f), body(statements))
        case .block(_, let statements, _, _): return body(statements)
        case .macro(_, let p, let statements): return max(parameters(p), body(statements))
        case .callBlock(let call, let p, let statements): return max(call.depth, parameters(p), body(statements))
        case .with(let assignments, let statements): return max(assignments.reduce(0) { max($0, $1.1.depth) }, body(statements))
        }
    }
}

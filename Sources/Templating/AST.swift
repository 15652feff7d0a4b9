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
        /// Template data, as the UTF-8 bytes it writes.
        case text([UInt8])
        case output(Expr)
        case ifChain([(Expr, [Stmt])], otherwise: [Stmt]?)
        indirect case forLoop(target: AssignTarget, iterable: Expr, condition: Expr?, body: [Stmt], otherwise: [Stmt]?, recursive: Bool)
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
}

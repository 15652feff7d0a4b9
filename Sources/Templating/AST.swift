/// The parsed form of a template, before compilation. `offset` fields index the source's bytes.
///
/// Expressions live in one array per template (`ExprPool`) and refer to their children by
/// index (`ExprRef`), so parsing a template allocates no box per node and freeing its tree is
/// one array's worth of work instead of a release per node (that was a tenth of a compile).
struct Expr: Sendable {
    enum Kind: Sendable {
        case literal(Value)
        case name(String)
        case list([ExprRef])
        case tuple([ExprRef])
        case dict([(ExprRef, ExprRef)])
        case attribute(ExprRef, String)
        case item(ExprRef, ExprRef)
        case slice(ExprRef, start: ExprRef?, stop: ExprRef?, step: ExprRef?)
        case negate(ExprRef)
        case plus(ExprRef)
        case not(ExprRef)
        case binary(BinaryOperator, ExprRef, ExprRef)
        case and(ExprRef, ExprRef)
        case or(ExprRef, ExprRef)
        case concat([ExprRef])
        case compare(ExprRef, [(CompareOperator, ExprRef)])
        case conditional(test: ExprRef, then: ExprRef, otherwise: ExprRef?)
        case filter(ExprRef?, name: String, CallArguments)
        case test(ExprRef, name: String, CallArguments)
        case call(ExprRef, CallArguments)
    }

    var kind: Kind

    /// The height of the tree of a node of kind `kind` whose children are already in the pool.
    static func childDepth(_ kind: Kind) -> Int {
        func most(_ items: [ExprRef]) -> Int { items.reduce(0) { max($0, $1.depth) } }
        func most(_ arguments: CallArguments) -> Int { arguments.depth }
        switch kind {
        case .literal, .name: return 0
        case .list(let items), .tuple(let items), .concat(let items): return most(items)
        case .dict(let pairs): return pairs.reduce(0) { max($0, $1.0.depth, $1.1.depth) }
        case .attribute(let o, _): return o.depth
        case .item(let o, let k): return max(o.depth, k.depth)
        case .slice(let o, let a, let b, let c): return max(o.depth, a?.depth ?? 0, b?.depth ?? 0, c?.depth ?? 0)
        case .negate(let x), .plus(let x), .not(let x): return x.depth
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): return max(a.depth, b.depth)
        case .compare(let a, let operations): return max(a.depth, operations.reduce(0) { max($0, $1.1.depth) })
        case .conditional(let t, let a, let b): return max(t.depth, a.depth, b?.depth ?? 0)
        case .filter(let x, _, let arguments): return max(x?.depth ?? 0, most(arguments))
        case .test(let x, _, let arguments): return max(x.depth, most(arguments))
        case .call(let x, let arguments): return max(x.depth, most(arguments))
        }
    }
}

/// An expression: its index in the template's `ExprPool`, with the two facts the parser and
/// the compiler ask of children most, so that reading them needs no lookup in the pool.
struct ExprRef: Sendable {
    private let storedIndex: UInt32
    private let storedOffset: UInt32
    private let storedDepth: UInt32

    init(index: Int, offset: Int, depth: Int) {
        storedIndex = UInt32(truncatingIfNeeded: index)
        storedOffset = UInt32(truncatingIfNeeded: offset)
        storedDepth = UInt32(truncatingIfNeeded: depth)
    }

    var index: Int { Int(storedIndex) }
    /// Where the expression is in the source (a byte offset).
    var offset: Int { Int(storedOffset) }
    /// The height of this expression's tree (1 for a leaf). The parser refuses trees taller than
    /// the nesting limit, so compiling, evaluating and releasing them cannot exhaust the stack.
    var depth: Int { Int(storedDepth) }
}

/// The expressions of one template, in the order the parser made them (children first).
/// Written only while the template is parsed; compiled closures that name an expression in a
/// message (`ExprOwner`) keep it alive and read it.
///
/// The nodes sit in a buffer of its own rather than an array, so that `pool[ref]` is read in
/// place: a `switch` over an array element's kind first copied the whole node (retaining every
/// field of it), about 4 % of a compile.
final class ExprPool: @unchecked Sendable {
    @exclusivity(unchecked) private var base: UnsafeMutablePointer<Expr>
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    subscript(ref: ExprRef) -> Expr {
        @inline(__always) unsafeAddress { UnsafePointer(base + ref.index) }
    }

    func add(_ kind: consuming Kind, offset: Int, depth: Int) -> ExprRef {
        if count == capacity {
            let larger = UnsafeMutablePointer<Expr>.allocate(capacity: capacity * 2)
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        (base + count).initialize(to: Expr(kind: kind))
        count += 1
        return ExprRef(index: count - 1, offset: offset, depth: depth)
    }

    typealias Kind = Expr.Kind
}

/// An expression that a message may name (`'vendor.share'`), with the pool it is in.
struct ExprOwner: Sendable {
    let pool: ExprPool
    let ref: ExprRef

    var description: String? { Compiler.describe(ref, in: pool) }
}

struct CallArguments: Sendable {
    var positional: [ExprRef] = []
    var keyword: [(String, ExprRef)] = []

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

/// The left side of an assignment: `x`, `a, b`, or `ns.attr`. Not `indirect`: a tuple's
/// targets are already in an array, and an indirect enum boxed every lone name.
enum AssignTarget: Sendable {
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
    var defaultValue: ExprRef?
}

struct FilterCall: Sendable {
    var name: String
    var arguments: CallArguments
    var offset: Int
}

struct Stmt: Sendable {
    /// Stored inline except the largest case, so a body's statements are not one box each.
    enum Kind: Sendable {
        /// Template data: the range `start..<end` of the template's source bytes, which it writes
        /// as they are. Offsets rather than a slice, so that making, copying and freeing a text
        /// statement retains and releases nothing.
        case text(start: Int, end: Int)
        case output(ExprRef)
        case ifChain([(ExprRef, [Stmt])], otherwise: [Stmt]?)
        /// `readsLoop`: whether the body reads the name `loop` (not counting nested loops' own
        /// bodies, which shadow it), noted by the parser so that no walk over the body is needed.
        indirect case forLoop(target: AssignTarget, iterable: ExprRef, condition: ExprRef?, body: [Stmt], otherwise: [Stmt]?, recursive: Bool, readsLoop: Bool)
        case set(AssignTarget, ExprRef)
        case setBlock(AssignTarget, filters: [FilterCall], body: [Stmt])
        case include(ExprRef, ignoreMissing: Bool, withContext: Bool)
        case extends(ExprRef)
        case block(name: String, body: [Stmt], scoped: Bool, required: Bool)
        case macro(name: String, parameters: [MacroParameter], body: [Stmt])
        case callBlock(call: ExprRef, parameters: [MacroParameter], body: [Stmt])
        case filterBlock(filters: [FilterCall], body: [Stmt])
        case with(assignments: [(AssignTarget, ExprRef)], body: [Stmt])
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

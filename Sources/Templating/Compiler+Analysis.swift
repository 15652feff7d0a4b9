/// Walks over the parsed tree that the compiler needs: which names a body reads, how deeply it
/// nests, and how an expression is named in messages.
extension Compiler {
    /// Whether `name` is read anywhere in `statements`, not counting nested loops' own bodies
    /// (which shadow `loop`). Jinja passes `loop` to included templates only in that case.
    static func references(_ name: String, in statements: [Stmt], pool: ExprPool) -> Bool {
        func inExpr(_ e: ExprRef) -> Bool {
            switch pool[e].kind {
            case .literal: return false
            case .name(let n): return n == name
            case .list(let items), .tuple(let items), .concat(let items): return items.contains(where: inExpr)
            case .dict(let pairs): return pairs.contains { inExpr($0.0) || inExpr($0.1) }
            case .attribute(let o, _): return inExpr(o)
            case .item(let o, let k): return inExpr(o) || inExpr(k)
            case .slice(let o, let a, let b, let c): return inExpr(o) || [a, b, c].contains { $0.map(inExpr) ?? false }
            case .negate(let x), .plus(let x), .not(let x): return inExpr(x)
            case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b): return inExpr(a) || inExpr(b)
            case .compare(let a, let ops): return inExpr(a) || ops.contains { inExpr($0.1) }
            case .conditional(let t, let a, let b): return inExpr(t) || inExpr(a) || (b.map(inExpr) ?? false)
            case .filter(let x, _, let args): return (x.map(inExpr) ?? false) || inArgs(args)
            case .test(let x, _, let args): return inExpr(x) || inArgs(args)
            case .call(let x, let args): return inExpr(x) || inArgs(args)
            }
        }
        func inArgs(_ a: CallArguments) -> Bool {
            a.positional.contains(where: inExpr) || a.keyword.contains { inExpr($0.1) }
        }
        func inFilters(_ filters: [FilterCall]) -> Bool { filters.contains { inArgs($0.arguments) } }
        func inStmts(_ statements: [Stmt]) -> Bool {
            statements.contains { statement in
                switch statement.kind {
                case .text: return false
                case .output(let e), .extends(let e): return inExpr(e)
                case .include(let e, _, _): return inExpr(e)
                case .ifChain(let branches, let otherwise):
                    return branches.contains { inExpr($0.0) || inStmts($0.1) } || (otherwise.map(inStmts) ?? false)
                case .forLoop(_, let iterable, let condition, let body, let otherwise, _, _):
                    return inExpr(iterable) || (condition.map(inExpr) ?? false) || (name != "loop" && inStmts(body))
                        || (otherwise.map(inStmts) ?? false)
                case .set(_, let e): return inExpr(e)
                case .setBlock(_, let filters, let body): return inFilters(filters) || inStmts(body)
                case .block(_, let body, _, _), .macro(_, _, let body): return inStmts(body)
                case .callBlock(let call, _, let body): return inExpr(call) || inStmts(body)
                case .filterBlock(let filters, let body): return inFilters(filters) || inStmts(body)
                case .with(let assignments, let body): return assignments.contains { inExpr($0.1) } || inStmts(body)
                }
            }
        }
        return inStmts(statements)
    }

    /// How deeply the statements nest, each counting its own expressions' height: the levels of
    /// the stack that running them can take (within the nesting limit, so the walk is bounded).
    /// Each statement's figure is computed when it is made (`Stmt.nesting`).
    static func nesting(of statements: [Stmt]) -> Int {
        var deepest = 0
        for statement in statements where statement.nesting > deepest { deepest = statement.nesting }
        return deepest
    }

    /// A dotted name for messages (`vendor.share`), when the expression is one of at most
    /// eight steps. Every attribute node of a chain asks this at compile time, so a longer chain
    /// is not spelled out: walking it all from each node made long chains quadratic.
    static func describe(_ expr: ExprRef, in pool: ExprPool) -> String? {
        var names: [String] = []
        var node = expr
        while names.count <= 8 {
            switch pool[node].kind {
            case .name(let n):
                names.append(n)
                return names.reversed().joined(separator: ".")
            case .attribute(let o, let a):
                names.append(a)
                node = o
            default:
                return nil
            }
        }
        return nil
    }
}

/// Operands: the leaves of an expression tree, evaluated in place by the node that uses them.
///
/// Most operands in templates are names (`it`, `site`) and literals (`"/"`, `2`). Compiled as
/// closures of their own, each cost one heap context when the template is compiled and one
/// indirect call per evaluation; as `Operand` values stored in their parent's closure they cost
/// neither. Anything else is an `Evaluator` as before.
enum Operand: Sendable {
    case literal(Value)
    case name(String, SourceLocation)
    case evaluator(Evaluator)

    @inline(__always)
    func evaluate(_ state: RenderState) throws -> Value {
        switch self {
        case .literal(let value): return value
        case .name(let name, let loc): return Operand.lookup(name, at: loc, in: state)
        case .evaluator(let evaluate): return try evaluate(state)
        }
    }

    /// A variable's value, or an undefined value that says where the lookup failed.
    @inline(__always)
    static func lookup(_ name: String, at loc: SourceLocation, in state: RenderState) -> Value {
        if let value = state.scope.lookup(name) { return value }
        let scope = state.scope
        return .undefined(Value.Undefined(name: name, location: loc, candidates: { scope.allNames }))
    }
}

extension Compiler {
    /// `expr` as an operand: names and literals stay values; other nodes are compiled.
    func compileOperand(_ expr: ExprRef) throws -> Operand {
        switch pool[expr].kind {
        case .literal(let value): return .literal(value)
        case .name(let name): return .name(name, location(expr.offset))
        default: return .evaluator(try compile(expr))
        }
    }
}

/// A call's arguments as operands, evaluated by the node that makes the call (no closure of
/// their own).
struct CompiledArguments: Sendable {
    let positional: [Operand]
    let keyword: [(String, Operand)]

    func evaluate(_ state: RenderState) throws -> Arguments {
        if keyword.isEmpty {
            switch positional.count {
            case 0: return Arguments()
            case 1: return Arguments(positional: [try positional[0].evaluate(state)])
            default: break
            }
        }
        return Arguments(positional: try positional.map { try $0.evaluate(state) }, keyword: try keyword.map { ($0.0, try $0.1.evaluate(state)) })
    }
}

/// A filter applied to its input: evaluated by a closure of its own, or in place by a
/// `{{ … }}` whose whole expression it is (one closure instead of two for the most common output).
struct FilterApplication: Sendable {
    let filter: Filter
    let input: Operand
    let arguments: CompiledArguments
    let location: SourceLocation

    @inline(__always)
    func evaluate(_ state: RenderState) throws -> Value {
        let value = try input.evaluate(state)
        return try Runtime.apply(filter, to: value, arguments: try arguments.evaluate(state), state: state, at: location)
    }
}

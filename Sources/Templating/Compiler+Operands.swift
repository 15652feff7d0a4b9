/// Operands: the leaves of an expression tree, evaluated in place by the node that uses them.
///
/// Most operands in templates are names (`it`, `site`) and literals (`"/"`, `2`). Compiled as
/// closures of their own, each cost one heap context when the template is compiled and one
/// indirect call per evaluation; as `Operand` values stored in their parent's closure they cost
/// neither. Anything else is an `Evaluator` as before.
enum Operand: Sendable {
    case literal(Value)
    case name(String, SourceLocation)
    /// `name.attribute` (`it.name`, `loop.index`, `site.title`): a third of the operands of the
    /// 500-line benchmark template, looked up in place like a name.
    case nameAttribute(NameAttribute)
    case evaluator(Evaluator)

    @inline(__always)
    func evaluate(_ state: RenderState) throws -> Value {
        switch self {
        case .literal(let value): return value
        case .name(let name, let loc): return Operand.lookup(name, at: loc, in: state)
        case .nameAttribute(let lookup): return try lookup.evaluate(state)
        case .evaluator(let evaluate): return try evaluate(state)
        }
    }

    /// A variable's value, or an undefined value that says where the lookup failed.
    @inline(__always)
    static func lookup(_ name: String, at loc: SourceLocation, in state: RenderState) -> Value {
        if let value = state.scope.lookup(name) { return value }
        return undefined(name, at: loc, in: state)
    }

    /// The undefined value of a name that is not in scope.
    static func undefined(_ name: String, at loc: SourceLocation, in state: RenderState) -> Value {
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
        // No payload bound here: binding one made the `switch` copy every node it read.
        case .attribute: return try compileAttributeOperand(expr)
        default: return .evaluator(try compile(expr))
        }
    }

    /// `name.attribute` as a `NameAttribute`; other lookups are compiled.
    private func compileAttributeOperand(_ expr: ExprRef) throws -> Operand {
        guard case .attribute(let objectExpr, let attribute) = pool[expr].kind, case .name(let name) = pool[objectExpr].kind else {
            return .evaluator(try compile(expr))
        }
        return .nameAttribute(
            NameAttribute(
                name: name, attribute: attribute, nameOffset: objectExpr.offset, offset: expr.offset,
                owner: ExprOwner(pool: pool, ref: objectExpr), text: text))
    }
}

/// `name.attribute` evaluated in place, with the same lookups and messages as a compiled
/// `.attribute` node over a `.name` operand. Its two locations are kept as source offsets and
/// worked out only when a lookup misses or fails: working out every location when the template
/// is compiled cost more than the lookups of a typical render.
///
/// A class: an operand is copied each time it is evaluated, and a struct of these fields cost a
/// retain and release of each of its references per lookup when a template is rendered.
final class NameAttribute: Sendable {
    let name: String
    let attribute: DotAccess
    let nameOffset: Int
    let offset: Int
    let owner: ExprOwner
    let text: TemplateText

    init(name: String, attribute: String, nameOffset: Int, offset: Int, owner: ExprOwner, text: TemplateText) {
        self.name = name
        self.attribute = DotAccess(attribute)
        self.nameOffset = nameOffset
        self.offset = offset
        self.owner = owner
        self.text = text
    }

    @inline(__always)
    func evaluate(_ state: RenderState) throws -> Value {
        let value = state.scope.lookup(name) ?? Operand.undefined(name, at: text.location(nameOffset), in: state)
        if let found = attribute.keyOf(value) { return found }
        let attributeName = attribute.name
        if case .object(let object) = value {
            // As `Runtime.attribute` does for objects, which would ask the object a second time.
            if let found = object.attribute(attributeName) { return found }
            return .undefined(Value.Undefined(
                name: attributeName, location: text.location(offset), candidates: { object.attributeNames },
                ownerDescription: Runtime.describeOwner(owner, value)))
        }
        let loc = text.location(offset)
        return try located(loc) { try Runtime.attribute(of: value, attributeName, owner: owner, at: loc) }
    }
}

/// The name after a dot, with what its every lookup would otherwise work out again: whether it
/// is a dictionary method (those win over keys, see `Runtime.attribute`) and whether it is ASCII.
struct DotAccess: Sendable {
    let name: String
    let isMethodName: Bool
    let isASCII: Bool

    init(_ name: String) {
        self.name = name
        isMethodName = Builtins.isDictionaryMethodName(name)
        var copy = name
        isASCII = copy.withUTF8 { bytes in bytes.allSatisfy { $0 < 0x80 } }
    }

    /// The dictionary key of that name, when `value` is a dictionary that has it and the name is
    /// not one of its methods; `nil` means `Runtime.attribute` decides.
    @inline(__always)
    func keyOf(_ value: Value) -> Value? {
        guard !isMethodName, case .dict(let d) = value else { return nil }
        return d.lookup(name, isASCII: isASCII)
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

/// How deeply values nest, measured where templates build or keep them, so that no value deeper
/// than `TemplateLimits.valueDepth` ever exists: Swift releases nested arrays and objects
/// recursively, and a value nested tens of thousands deep would overflow the stack when freed.
///
/// Template values are acyclic: dictionaries and tuples are immutable, a `for` loop's `loop`
/// holds items that existed before it, and a namespace may not hold a namespace or a `loop`
/// (the one mutable object would otherwise let a template tie a knot or grow a chain from its
/// far end, where no depth check could see it).
extension Value {
    struct Nesting {
        /// The height of the value's tree: 0 for a scalar, 1 for a list of scalars.
        var depth = 0
        /// Whether a namespace or a `loop` object is anywhere inside.
        var holdsMutable = false
    }

    /// The value's nesting, exact up to `limit` (beyond it, some depth greater than `limit`).
    /// Lists shared many times (`[a, a]` repeated) are measured once: a walk that unfolded them
    /// would take exponential time.
    func nesting(limit: Int) -> Nesting {
        var memo: [UnsafeRawPointer: Nesting] = [:]
        return Value.measure(self, budget: limit, memo: &memo)
    }

    /// The nesting of a dictionary with these values, for its cached `nesting`.
    static func nesting(ofValues values: [Value]) -> Nesting {
        var result = Nesting(depth: 1)
        var memo: [UnsafeRawPointer: Nesting] = [:]
        for value in values where value.isContainer {
            let inner = measure(value, budget: TemplateLimits.traversalCeiling, memo: &memo)
            result.depth = max(result.depth, inner.depth + 1)
            result.holdsMutable = result.holdsMutable || inner.holdsMutable
        }
        return result
    }

    private static func measure(_ value: Value, budget: Int, memo: inout [UnsafeRawPointer: Nesting]) -> Nesting {
        switch value {
        case .list(let items), .tuple(let items):
            return measure(items, budget: budget, memo: &memo, isStored: true)
        case .dict(let d):
            return d.nesting
        case .object(let object):
            if let namespace = object as? Namespace {
                var result = measure(namespace.storage.map(\.1), budget: budget, memo: &memo, isStored: false)
                result.holdsMutable = true
                return result
            }
            if let loop = object as? LoopObject {
                var result = measure(loop.items, budget: budget, memo: &memo, isStored: true)
                result.holdsMutable = true
                return result
            }
            if let sequence = object as? any TemplateSequence { return measure(sequence.elements, budget: budget, memo: &memo, isStored: false) }
            return Nesting()
        default:
            return Nesting()
        }
    }

    /// `isStored`: the array lives in a value for the whole walk, so its address is a safe memo
    /// key (a temporary array's address may be reused by the next one).
    private static func measure(_ items: [Value], budget: Int, memo: inout [UnsafeRawPointer: Nesting], isStored: Bool) -> Nesting {
        var result = Nesting(depth: 1)
        guard budget > 0 else { return result }
        let key = isStored && items.count > 1 ? items.withUnsafeBufferPointer { $0.baseAddress.map { UnsafeRawPointer($0) } } : nil
        if let key, let known = memo[key] { return known }
        for item in items {
            switch item {
            case .list, .tuple, .dict, .object: break
            default: continue
            }
            let inner = measure(item, budget: budget - 1, memo: &memo)
            result.depth = max(result.depth, inner.depth + 1)
            result.holdsMutable = result.holdsMutable || inner.holdsMutable
            if result.depth > budget { break }
        }
        if let key { memo[key] = result }
        return result
    }

    /// Whether the value could nest at all (a container or an object); scalars skip the walk.
    var isContainer: Bool {
        switch self {
        case .list, .tuple, .dict, .object: return true
        default: return false
        }
    }

    /// Throws when the value nests deeper than `limit`.
    func checkNesting(limit: Int) throws {
        guard isContainer else { return }
        let depth = nesting(limit: limit).depth
        if depth > limit { throw Value.nestingError(limit) }
    }

    static func nestingError(_ limit: Int) -> OperationError {
        OperationError(.limit, "a value nests more than \(limit) levels deep (the value nesting depth limit)")
    }

    /// Throws when the value cannot be stored in a namespace: nested too deeply, or holding a
    /// namespace or a `loop` object.
    func checkNamespaceAttribute(limit: Int) throws {
        guard isContainer else { return }
        let nesting = nesting(limit: limit)
        if nesting.holdsMutable {
            throw OperationError(.type, "a namespace cannot hold a namespace or a loop object (not even inside a list or dict)")
        }
        if nesting.depth + 1 > limit { throw Value.nestingError(limit) }
    }
}

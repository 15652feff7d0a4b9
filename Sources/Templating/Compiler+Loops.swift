/// `for` loops, and assignments (`set`, `with`, loop targets, namespace attributes).
extension Compiler {
    func compileFor(
        target: AssignTarget, iterable: ExprRef, condition: ExprRef?, body: [Stmt], otherwise: [Stmt]?, readsLoop usesLoop: Bool, at loc: SourceLocation
    ) throws -> Executor {
        let items = try compile(iterable)
        let iterableLocation = location(iterable.offset)
        let test = try condition.map { try compile($0) }
        let run = try compileBody(body)
        let fallback = try otherwise.map { try compileBody($0) }
        // Fast path: a single loop variable.
        let singleName: String?
        if case .name(let n, _) = target { singleName = n } else { singleName = nil }
        let bind = try compileAssignment(target, checked: false)
        return { state in
            var values = try located(iterableLocation) { try items(state).iterate() }
            let outer = state.scope
            let scope = Scope(parent: outer)
            state.scope = scope
            defer { state.scope = outer }
            if let test {
                var kept: [Value] = []
                for value in values {
                    try located(loc) { try state.countIteration() }
                    scope.removeAll()
                    try located(loc) { try bind(state, value) }
                    if try located(loc, { try test(state).truthy() }) { kept.append(value) }
                }
                values = kept
            }
            if values.isEmpty {
                state.scope = outer
                try fallback?(state)
                return
            }
            let loop = usesLoop ? LoopObject(items: values, depth0: 0) : nil
            for (index, value) in values.enumerated() {
                try located(loc) { try state.countIteration() }
                scope.removeAll()
                if let singleName {
                    scope[local: singleName] = value
                } else {
                    try located(loc) { try bind(state, value) }
                }
                if let loop {
                    loop.index0 = index
                    scope[local: "loop"] = .object(loop)
                }
                try run(state)
            }
        }
    }

    /// An assignment to a name, a tuple of names (unpacking) or a namespace attribute.
    /// `checked`: the value is new (`set`, `with`), so its nesting is checked against the limit;
    /// a `for` loop's items are parts of a value already checked.
    func compileAssignment(_ target: AssignTarget, checked: Bool = true) throws -> @Sendable (RenderState, Value) throws -> Void {
        switch target {
        case .name(let name, let offset):
            if !checked { return { state, value in state.scope[local: name] = value } }
            let loc = location(offset)
            return { state, value in
                if value.isContainer { try located(loc) { try value.checkNesting(limit: state.limits.valueDepth) } }
                state.scope[local: name] = value
            }
        case .attribute(let namespaceName, let attribute, let offset):
            let loc = location(offset)
            return { state, value in
                guard let holder = state.scope.lookup(namespaceName) else {
                    throw TemplateError(.undefined, "'\(namespaceName)' is undefined", at: loc)
                }
                guard case .object(let object) = holder, let namespace = object as? Namespace else {
                    throw TemplateError(.type, "cannot assign attribute on non-namespace object '\(namespaceName)'", at: loc)
                }
                try located(loc) { try value.checkNamespaceAttribute(limit: state.limits.valueDepth) }
                namespace.assign(attribute, value)
            }
        case .tuple(let targets, let offset):
            let loc = location(offset)
            let assignments = try targets.map { try compileAssignment($0, checked: checked) }
            return { state, value in
                let items = try located(loc) { try value.iterate() }
                guard items.count == assignments.count else {
                    let message = items.count > assignments.count
                        ? "too many values to unpack (expected \(assignments.count))"
                        : "not enough values to unpack (expected \(assignments.count), got \(items.count))"
                    throw TemplateError(.type, message, at: loc)
                }
                for (assign, item) in zip(assignments, items) { try assign(state, item) }
            }
        }
    }
}

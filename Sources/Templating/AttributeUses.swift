/// One attribute read in a template's source (`vendor.share_change`), with the filter the read
/// is piped straight into (`pp` in `{{ vendor.share_change|pp }}`), if any.
///
/// A host uses these to lint templates against its own context — a renamed or deprecated
/// variable, a value of one unit piped into a filter that expects another — without rendering,
/// so every branch is seen, taken or not. The language itself gives attributes no meaning here.
public struct AttributeUse: Sendable, Hashable {
    /// The attribute's name (`share_change`).
    public var attribute: String
    /// The filter applied directly to the read, when there is one (`pp`); `nil` when the value
    /// goes through anything else first (`(x / 100)|pp`, `x|round|pp`).
    public var filter: String?
    /// Where the attribute's name is written.
    public var location: SourceLocation

    public init(attribute: String, filter: String?, location: SourceLocation) {
        self.attribute = attribute
        self.filter = filter
        self.location = location
    }
}

extension Environment {
    /// Every attribute read in the source of template `name` (not in the templates it includes or
    /// extends: ask for those by their own names), in source order. The template is parsed again
    /// for this, so the compiled templates that renders share stay as they are.
    public func attributeUses(inTemplate name: String) throws -> [AttributeUse] {
        guard let loader, let loaded = try loader.load(name) else {
            throw TemplateError(.notFound, "template '\(name)' not found")
        }
        var parser = try Parser(source: loaded.source, path: loaded.path, maximumNesting: limits.nestingDepth)
        let statements = try parser.parseTemplate()
        var uses: [AttributeUse] = []
        AttributeWalk(pool: parser.pool, location: parser.location) { uses.append($0) }.statements(statements)
        return uses.sorted { ($0.location.line, $0.location.column) < ($1.location.line, $1.location.column) }
    }
}

/// The walk behind ``Environment/attributeUses(inTemplate:)``: every expression of every
/// statement, each attribute node reported once, with the filter it feeds when it feeds one.
private struct AttributeWalk {
    let pool: ExprPool
    let location: (Int) -> SourceLocation
    let found: (AttributeUse) -> Void

    func statements(_ statements: [Stmt]) {
        for statement in statements {
            switch statement.kind {
            case .text: break
            case .output(let e), .extends(let e), .set(_, let e): expression(e)
            case .include(let e, _, _): expression(e)
            case .ifChain(let branches, let otherwise):
                for (test, body) in branches {
                    expression(test)
                    self.statements(body)
                }
                self.statements(otherwise ?? [])
            case .forLoop(_, let iterable, let condition, let body, let otherwise, _, _):
                expression(iterable)
                if let condition { expression(condition) }
                self.statements(body)
                self.statements(otherwise ?? [])
            case .setBlock(_, let filters, let body), .filterBlock(let filters, let body):
                for filter in filters { arguments(filter.arguments) }
                self.statements(body)
            case .block(_, let body, _, _): self.statements(body)
            case .macro(_, let parameters, let body):
                for parameter in parameters { if let value = parameter.defaultValue { expression(value) } }
                self.statements(body)
            case .callBlock(let call, let parameters, let body):
                expression(call)
                for parameter in parameters { if let value = parameter.defaultValue { expression(value) } }
                self.statements(body)
            case .with(let assignments, let body):
                for (_, value) in assignments { expression(value) }
                self.statements(body)
            }
        }
    }

    func arguments(_ a: CallArguments) {
        for e in a.positional { expression(e) }
        for (_, e) in a.keyword { expression(e) }
    }

    /// `piped` is the filter `e` is the direct input of.
    func expression(_ e: ExprRef, piped: String? = nil) {
        switch pool[e].kind {
        case .literal, .name: break
        case .attribute(let object, let name):
            found(AttributeUse(attribute: name, filter: piped, location: location(e.offset)))
            expression(object)
        case .filter(let input, let name, let args):
            if let input { expression(input, piped: name) }
            arguments(args)
        case .list(let items), .tuple(let items), .concat(let items): for item in items { expression(item) }
        case .dict(let pairs):
            for (key, value) in pairs {
                expression(key)
                expression(value)
            }
        case .item(let object, let key):
            expression(object)
            expression(key)
        case .slice(let object, let start, let stop, let step):
            expression(object)
            for part in [start, stop, step] { if let part { expression(part) } }
        case .negate(let x), .plus(let x), .not(let x): expression(x)
        case .binary(_, let a, let b), .and(let a, let b), .or(let a, let b):
            expression(a)
            expression(b)
        case .compare(let a, let operations):
            expression(a)
            for (_, b) in operations { expression(b) }
        case .conditional(let test, let then, let otherwise):
            expression(test)
            expression(then)
            if let otherwise { expression(otherwise) }
        case .test(let x, _, let args):
            expression(x)
            arguments(args)
        case .call(let x, let args):
            expression(x)
            arguments(args)
        }
    }
}

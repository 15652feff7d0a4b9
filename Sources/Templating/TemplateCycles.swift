/// Finds templates that extend or include each other in a circle, when they are loaded.
///
/// Only tags that name their template with a string literal and always run (at a template's top
/// level or inside a block, `with`, `filter` or `set` block; not inside `if`, `for`, a macro or a
/// `call` body) count: a cycle of those can never end. An `include` inside an `if` is how Jinja
/// templates recurse on purpose (a tree rendered level by level); such recursion is bounded at
/// render time by `TemplateLimits.callDepth` instead, and an `extends` chain that comes back to
/// a template it already passed stops with the same "template cycle" error while rendering.
enum TemplateCycles {
    /// One `{% extends 'x' %}` or `{% include 'x' %}` tag that always runs.
    struct Dependency: Sendable {
        let name: String
        let location: SourceLocation
    }

    /// The unconditional dependencies of a parsed template, in source order.
    static func dependencies(of statements: [Stmt], pool: ExprPool, location: (Int) -> SourceLocation) -> [Dependency] {
        var found: [Dependency] = []
        func literalName(_ expr: ExprRef) -> String? {
            if case .literal(let value) = pool[expr].kind { return value.stringValue }
            return nil
        }
        func walk(_ statements: [Stmt]) {
            for statement in statements {
                switch statement.kind {
                case .extends(let expr), .include(let expr, _, _):
                    if let name = literalName(expr) { found.append(Dependency(name: name, location: location(statement.offset))) }
                case .block(_, let body, _, _), .with(_, let body), .filterBlock(_, let body), .setBlock(_, _, let body):
                    walk(body)
                default:
                    break
                }
            }
        }
        walk(statements)
        return found
    }

    /// The cycle that leads from `template` back to itself, as an error located at the first tag
    /// of `template` on the way, or `nil`. `loading` compiles a template by name (`nil` when it
    /// cannot be loaded: that error is reported when the tag runs).
    static func cycle(through template: CompiledTemplate, loading: (String) -> CompiledTemplate?) -> TemplateError? {
        var visited: Set<String> = [template.name]
        // Depth-first, iteratively: each frame is a template and the index of its next dependency.
        var path: [(template: CompiledTemplate, next: Int)] = [(template, 0)]
        while let frame = path.last {
            let (current, next) = (frame.template, frame.next)
            guard next < current.dependencies.count else {
                path.removeLast()
                continue
            }
            path[path.count - 1].next += 1
            let dependency = current.dependencies[next]
            if dependency.name == template.name {
                let names = path.map { $0.template.name } + [template.name]
                let first = path[0].template.dependencies[path[0].next - 1]
                return TemplateError(.cycle, "template cycle: " + names.joined(separator: " → "), at: first.location)
            }
            guard visited.insert(dependency.name).inserted, let loaded = loading(dependency.name) else { continue }
            path.append((loaded, 0))
        }
        return nil
    }
}

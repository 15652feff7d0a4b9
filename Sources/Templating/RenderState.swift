/// Variables visible at one point of a render: a chain of frames (loop body, macro call,
/// template root, the render's context, the environment's globals).
final class Scope: @unchecked Sendable {
    var variables: [String: Value]
    let parent: Scope?

    init(parent: Scope?, variables: [String: Value] = [:]) {
        self.parent = parent
        self.variables = variables
    }

    @inline(__always)
    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let s = scope {
            if let value = s.variables[name] { return value }
            scope = s.parent
        }
        return nil
    }

    /// Every visible name, for "did you mean …?" suggestions.
    var allNames: [String] {
        var names: [String] = []
        var scope: Scope? = self
        while let s = scope {
            names += s.variables.keys
            scope = s.parent
        }
        return names
    }
}

/// The mutable state of one render call. Compiled templates are immutable and shared; every
/// `render` gets its own state, so renders can run in parallel.
public final class RenderState {
    let environment: Environment
    /// The buffer output goes to; block `set`, macros and filter blocks swap it.
    var output: String = ""
    var scope: Scope
    /// The template-level scope of the template being rendered (blocks render in it).
    var rootScope: Scope
    /// Whether the template whose code is running autoescapes (filters read it).
    public internal(set) var autoescape: Bool
    /// Block overrides of the current inheritance chain, most derived first.
    var blocks: [String: [BlockBody]] = [:]
    /// Set once `{% extends %}` has run in the current template: its further output is dropped.
    var parentTemplate: CompiledTemplate?
    /// Include/extends/macro depth, to stop runaway recursion with an error instead of a crash.
    var depth = 0

    init(environment: Environment, scope: Scope, autoescape: Bool) {
        self.environment = environment
        self.scope = scope
        self.rootScope = scope
        self.autoescape = autoescape
    }

    /// Runs `body` with output captured into a fresh buffer and returns what it wrote.
    @inline(__always)
    func capture(_ body: () throws -> Void) rethrows -> String {
        let saved = output
        output = ""
        defer { output = saved }
        try body()
        return output
    }
}

/// A block body from one template of an inheritance chain.
struct BlockBody {
    let template: CompiledTemplate
    let body: Executor
}

/// The `loop` variable of a `for` loop: one object, updated in place on each iteration.
final class LoopObject: TemplateObject, @unchecked Sendable {
    let items: [Value]
    var index0 = 0
    let depth0: Int

    init(items: [Value], depth0: Int) {
        self.items = items
        self.depth0 = depth0
    }

    var typeName: String { "LoopContext" }

    static let names = [
        "index", "index0", "revindex", "revindex0", "first", "last", "length", "previtem", "nextitem", "cycle",
        "depth", "depth0", "changed",
    ]
    var attributeNames: [String] { LoopObject.names }

    func attribute(_ name: String) -> Value? {
        let length = items.count
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(depth0 + 1)
        case "depth0": return .int(depth0)
        case "previtem": return index0 > 0 ? items[index0 - 1] : nil
        case "nextitem": return index0 + 1 < length ? items[index0 + 1] : nil
        case "cycle":
            let index = index0
            return .callable(Callable(name: "loop.cycle") { arguments in
                guard !arguments.positional.isEmpty else { throw FilterError("no items for cycling given", kind: .arguments) }
                return arguments.positional[index % arguments.positional.count]
            })
        case "changed":
            return nil
        default: return nil
        }
    }
}

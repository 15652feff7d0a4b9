import Foundation

/// A filter: `value|name(arguments)`.
public struct Filter: Sendable {
    /// The name templates use after `|`.
    public let name: String
    /// Filters such as `default` receive undefined values; all others get an error first.
    public let acceptsUndefined: Bool
    let body: @Sendable (Value, Arguments, RenderState) throws -> Value

    /// A host filter: `body` gets the filtered value and the call's arguments.
    public init(name: String, acceptsUndefined: Bool = false, _ body: @escaping @Sendable (Value, Arguments) throws -> Value) {
        self.name = name
        self.acceptsUndefined = acceptsUndefined
        self.body = { value, arguments, _ in try body(value, arguments) }
    }

    init(name: String, acceptsUndefined: Bool = false, withState body: @escaping @Sendable (Value, Arguments, RenderState) throws -> Value) {
        self.name = name
        self.acceptsUndefined = acceptsUndefined
        self.body = body
    }
}

/// A test: `value is name(arguments)`.
public struct Test: Sendable {
    /// The name templates use after `is`.
    public let name: String
    /// Tests such as `defined` receive undefined values; all others get an error first.
    public let acceptsUndefined: Bool
    let body: @Sendable (Value, Arguments, RenderState) throws -> Bool

    /// A host test: `body` gets the tested value and the call's arguments.
    public init(name: String, acceptsUndefined: Bool = false, _ body: @escaping @Sendable (Value, Arguments) throws -> Bool) {
        self.name = name
        self.acceptsUndefined = acceptsUndefined
        self.body = { value, arguments, _ in try body(value, arguments) }
    }

    init(name: String, acceptsUndefined: Bool = false, withState body: @escaping @Sendable (Value, Arguments, RenderState) throws -> Bool) {
        self.name = name
        self.acceptsUndefined = acceptsUndefined
        self.body = body
    }
}

/// The template language's configuration and cache: where templates come from, the filters,
/// tests and globals they can use, and the compiled templates by name.
///
/// Behaviour matches Jinja2 3.1 with `trim_blocks`, `lstrip_blocks`, `keep_trailing_newline`,
/// `StrictUndefined`, and autoescaping for templates whose name ends in `.html`.
/// Register filters, tests and globals before rendering; rendering is thread-safe.
public final class Environment: @unchecked Sendable {
    let loader: (any TemplateLoader)?
    private let lock = NSLock()
    private var filters: [String: Filter]
    private var tests: [String: Test]
    private var cache: [String: CompiledTemplate] = [:]
    /// Templates compiled but not yet checked for `extends`/`include` cycles through them.
    private var unchecked: [String: CompiledTemplate] = [:]
    /// Built-in filter names the host replaced; the compiler's fast paths skip them.
    private var overriddenBuiltins: Set<String> = []
    private var globals: [String: Value]
    private var globalScopeStorage: Scope?
    /// The bounds applied to every template this environment loads and every render.
    public var limits: TemplateLimits
    /// The deepest nesting of includes, extends and macro calls (`limits.callDepth`).
    public var maximumDepth: Int {
        get { limits.callDepth }
        set { limits.callDepth = newValue }
    }
    /// Decides autoescaping from a template's name. `nil` is a template rendered from a string.
    public var autoescape: @Sendable (String?) -> Bool = { name in name?.hasSuffix(".html") ?? false }

    /// An environment with Jinja2's built-in filters, tests and globals; `loader` finds templates
    /// by name (none: only `render(string:)` works).
    public init(loader: (any TemplateLoader)? = nil, limits: TemplateLimits = .defaults) {
        self.loader = loader
        self.limits = limits
        self.filters = Builtins.filters
        self.tests = Builtins.tests
        self.globals = Builtins.globals
    }

    // MARK: - Extension API

    /// Adds or replaces a filter; compiled templates are dropped so the next load sees it.
    public func addFilter(_ filter: Filter) {
        lock.withLock {
            filters[filter.name] = filter
            overriddenBuiltins.insert(filter.name)
            cache.removeAll()
            unchecked.removeAll()
        }
    }

    /// Adds or replaces a filter given as a closure.
    public func addFilter(_ name: String, _ body: @escaping @Sendable (Value, Arguments) throws -> Value) {
        addFilter(Filter(name: name, body))
    }

    /// Adds or replaces a test; compiled templates are dropped so the next load sees it.
    public func addTest(_ test: Test) {
        lock.withLock {
            tests[test.name] = test
            cache.removeAll()
            unchecked.removeAll()
        }
    }

    /// Adds or replaces a variable visible in every template (below the render's context).
    public func addGlobal(_ name: String, _ value: Value) {
        lock.withLock {
            globals[name] = value
            globalScopeStorage = nil
        }
    }

    func filter(named name: String) -> Filter? { lock.withLock { filters[name] } }
    func isBuiltinFilter(_ name: String) -> Bool {
        lock.withLock { Builtins.filters[name] != nil && !overriddenBuiltins.contains(name) }
    }
    func test(named name: String) -> Test? { lock.withLock { tests[name] } }
    var filterNames: [String] { lock.withLock { Array(filters.keys) } }
    var testNames: [String] { lock.withLock { Array(tests.keys) } }

    var globalScope: Scope {
        lock.withLock {
            if let scope = globalScopeStorage { return scope }
            let scope = Scope(parent: nil, variables: globals)
            globalScopeStorage = scope
            return scope
        }
    }

    // MARK: - Loading

    /// Loads and compiles a template by name (cached). `from` is the include/extends tag asking.
    /// A template that is part of a cycle of unconditional `extends`/`include` tags is refused
    /// here, when it is loaded, before any of it runs.
    func compiledTemplate(named name: String, from requester: SourceLocation? = nil) throws -> CompiledTemplate {
        if let cached = lock.withLock({ cache[name] }) { return cached }
        let compiled = try parsedTemplate(named: name, from: requester)
        if let cycle = TemplateCycles.cycle(through: compiled, loading: { [self] in try? parsedTemplate(named: $0) }) {
            throw cycle
        }
        lock.withLock { cache[name] = compiled }
        return compiled
    }

    /// Loads and compiles a template without the cycle check (cached separately).
    private func parsedTemplate(named name: String, from requester: SourceLocation? = nil) throws -> CompiledTemplate {
        if let cached = lock.withLock({ cache[name] ?? unchecked[name] }) { return cached }
        guard let loader else {
            throw TemplateError(.notFound, "template '\(name)' not found: no template loader is configured", at: requester)
        }
        let found: (source: String, path: String)?
        do {
            found = try loader.load(name)
        } catch var error as TemplateError {
            // The loader knows what is wrong with the name; the include tag says where it was
            // asked for (without one, the loader's own location: the file itself).
            if let requester { error.location = requester }
            throw error
        }
        guard let loaded = found else {
            throw TemplateError(.notFound, "template '\(name)' not found", at: requester)
        }
        let compiled = try Compiler.compile(
            source: loaded.source, name: name, path: loaded.path, autoescape: autoescape(name), environment: self)
        lock.withLock { unchecked[name] = compiled }
        return compiled
    }

    /// Parses and compiles a template now, reporting syntax errors and unknown filters or tests.
    public func check(name: String) throws {
        _ = try compiledTemplate(named: name)
    }

    // MARK: - Rendering

    /// Renders the template `name` with the given top-level variables.
    public func render(name: String, context: [String: Value]) throws -> String {
        try render(try compiledTemplate(named: name), context: context)
    }

    /// Renders template source given as a string (no autoescape unless `name` says `.html`).
    public func render(string source: String, name: String? = nil, context: [String: Value]) throws -> String {
        let template = try Compiler.compile(
            source: source, name: name ?? "<string>", path: name ?? "<string>", autoescape: autoescape(name), environment: self)
        return try render(template, context: context)
    }

    /// Renders with any `Encodable` value as the context; its top-level keys become variables.
    public func render(name: String, context: some Encodable) throws -> String {
        try render(name: name, context: try Value.variables(from: context))
    }

    private func render(_ template: CompiledTemplate, context: [String: Value]) throws -> String {
        let contextScope = Scope(parent: globalScope, variables: context)
        let root = Scope(parent: contextScope)
        let state = RenderState(environment: self, scope: root, autoescape: template.autoescape)
        state.templateStack = [template.name]
        state.blocks = template.blockStacks
        try Runtime.renderInheritanceChain(template, state: state)
        return String(decoding: state.output, as: UTF8.self)
    }
}

// MARK: - Loaders

/// Where templates come from.
public protocol TemplateLoader: Sendable {
    /// The source of template `name` and the path to show in diagnostics, or `nil` when there is no
    /// such template. Throws for names that are not allowed (outside the root) or unreadable files.
    func load(_ name: String) throws -> (source: String, path: String)?
}

/// Templates held in memory, by name.
public struct DictionaryLoader: TemplateLoader {
    /// Template source by name.
    public var templates: [String: String]
    /// Serves `templates`; a template's display path is its name.
    public init(_ templates: [String: String]) { self.templates = templates }
    /// The source of `name`, or `nil`.
    public func load(_ name: String) throws -> (source: String, path: String)? {
        templates[name].map { ($0, name) }
    }
}


/// The bounds that keep a hostile or runaway template from crashing, hanging or exhausting
/// memory. Each one, when reached, stops the render (or the load) with a located
/// `TemplateError` of kind `.limit` whose message names the limit.
///
/// An `Environment` takes these at creation (`Environment(loader:limits:)`) and applies them to
/// every template it loads and every render. The defaults suit real briefings with a wide margin.
public struct TemplateLimits: Sendable, Equatable {
    /// How deeply expressions and statements may nest in template source (`((…))`, `a.b.c…`,
    /// `x|f|g…`, `1 + 1 + …`, `{% if %}` inside `{% for %}` …). Deeper input is refused when the
    /// template is parsed, so compiling and evaluating it can never exhaust the stack. Raising
    /// it far above the default gives that guarantee up: a debug build overflows an 8 MiB
    /// stack compiling an expression nested about 2,000 deep.
    public var nestingDepth: Int
    /// How deeply values (lists, dicts, tuples, namespaces) may nest, whether built by a template
    /// or read from data. Printing, comparing and serialising stop with an error past it, and
    /// values deeper than it are never built, so releasing one cannot exhaust the stack.
    public var valueDepth: Int
    /// The most bytes one render may produce, counting text captured by `set` blocks, macros
    /// and filter blocks, and the size of any single string a template builds.
    public var outputBytes: Int
    /// How deeply `include`, `extends` and macro calls may nest in one render.
    public var callDepth: Int
    /// The most `for` loop iterations one render may run, all loops together.
    public var loopIterations: Int

    public init(
        nestingDepth: Int = 200, valueDepth: Int = 500, outputBytes: Int = 64 << 20, callDepth: Int = 100,
        loopIterations: Int = 10_000_000
    ) {
        self.nestingDepth = nestingDepth
        self.valueDepth = valueDepth
        self.outputBytes = outputBytes
        self.callDepth = callDepth
        self.loopIterations = loopIterations
    }

    /// The defaults: nesting 200, values 500 deep, 64 MiB of output, call depth 100, 10 million
    /// loop iterations per render.
    public static let defaults = TemplateLimits()

    /// Widths and precisions in `%`-formatting (`'%10.2f'`) beyond this are errors, not padding
    /// that would build a gigabyte string or a silently truncated number.
    public static let maximumFormatWidth = 10_000

    /// The levels of statement and expression nesting that the includes and macro calls in
    /// progress may hold together: ten templates nested to the limit, or a hundred calls of
    /// twenty levels each. Part of the call depth limit (the stack a render takes is bounded by
    /// calls times nesting).
    var nestingBudget: Int { 10 * nestingDepth }

    /// `64 MiB`, `1.5 KiB`, `100 bytes`: a byte count as the limits are usually given.
    static func describeBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }

    /// The hard ceiling for value traversals that cannot see an environment's limits (printing a
    /// value handed in by the host): deeper values stop with an error instead of recursing on.
    static let traversalCeiling = 1_000
}

/// The mutable state of one render call. Compiled templates are immutable and shared; every
/// `render` gets its own state, so renders can run in parallel.
public final class RenderState {
    let environment: Environment
    /// The UTF-8 bytes rendered so far; block `set`, macros and filter blocks swap it.
    /// Bytes rather than a `String`: appending to an array is a copy, appending to a string
    /// re-checks its representation each time, which dominated rendering.
    @exclusivity(unchecked) var output: [UInt8] = []
    @exclusivity(unchecked) var scope: Scope
    /// The template-level scope of the template being rendered (blocks render in it).
    var rootScope: Scope
    /// Whether the template whose code is running autoescapes (filters read it).
    public internal(set) var autoescape: Bool
    /// Block overrides of the current inheritance chain, most derived first.
    var blocks: [String: [BlockBody]] = [:]
    /// Set once `{% extends %}` has run in the current template: its further output is dropped.
    var parentTemplate: CompiledTemplate?
    /// The `extends` tags run so far in the current inheritance chain, child first.
    var extendsChain: [SourceLocation] = []
    /// Include/extends/macro depth, to stop runaway recursion with an error instead of a crash.
    var depth = 0
    /// The names of the templates being rendered, outermost first (for call depth messages).
    var templateStack: [String] = []
    /// The nesting (statements and expressions) of the includes and macro calls in progress:
    /// bounded by `TemplateLimits.nestingBudget`, so deep calls cannot exhaust the stack.
    var nestingInUse = 0
    /// `for` loop iterations run so far in this render, all loops together.
    @exclusivity(unchecked) var iterations = 0
    /// Bytes held in output buffers set aside by `capture` (the output around a macro call or
    /// a `set` block): they count towards the output size limit too.
    @exclusivity(unchecked) private var capturedBytes = 0
    /// `limits.outputBytes` minus what captured buffers hold: `output` may grow to this.
    @exclusivity(unchecked) private var outputAllowance: Int
    let limits: TemplateLimits

    init(environment: Environment, scope: Scope, autoescape: Bool) {
        self.environment = environment
        self.scope = scope
        self.rootScope = scope
        self.autoescape = autoescape
        self.limits = environment.limits
        self.outputAllowance = environment.limits.outputBytes
    }

    /// Runs `body` with output captured into a fresh buffer and returns what it wrote.
    @inline(__always)
    func capture(_ body: () throws -> Void) throws -> String {
        let saved = output
        capturedBytes += saved.count
        outputAllowance = limits.outputBytes - capturedBytes
        output = []
        defer {
            output = saved
            capturedBytes -= saved.count
            outputAllowance = limits.outputBytes - capturedBytes
        }
        try body()
        return String(decoding: output, as: UTF8.self)
    }

    /// Throws once the output (with the buffers set aside by captures) passes the size limit.
    @inline(__always)
    private func checkSize() throws {
        if output.count > outputAllowance { throw outputLimitError() }
    }

    func outputLimitError() -> OperationError {
        OperationError(.limit, "the rendered output is larger than \(TemplateLimits.describeBytes(limits.outputBytes)) (the output size limit)")
    }

    /// Counts one `for` loop iteration against the render's limit.
    @inline(__always)
    func countIteration() throws {
        iterations &+= 1
        if iterations > limits.loopIterations {
            throw OperationError(
                .limit, "more than \(limits.loopIterations) loop iterations in one render (the loop iteration limit)")
        }
    }

    /// Throws when a string a template builds (`~`, `+`, a filter's result) is larger than the
    /// output size limit: it could only end up in output that is refused anyway.
    @inline(__always)
    func checkString(_ value: Value) throws {
        switch value {
        case .string(let s), .markup(let s):
            if s.utf8.count > limits.outputBytes {
                throw OperationError(
                    .limit, "a string of \(s.utf8.count) bytes is larger than \(TemplateLimits.describeBytes(limits.outputBytes)) (the output size limit)")
            }
        case .list(let items), .tuple(let items):
            if items.count > Value.maximumRepetition {
                throw OperationError(.limit, "a list of \(items.count) items is longer than \(Value.maximumRepetition) items")
            }
        default:
            break
        }
    }

    @inline(__always)
    func write(_ text: String) throws {
        var text = text
        text.withUTF8 { output.append(contentsOf: $0) }
        try checkSize()
    }

    @inline(__always)
    func write(_ bytes: [UInt8]) throws {
        output.append(contentsOf: bytes)
        try checkSize()
    }

    @inline(__always)
    func write(_ bytes: ArraySlice<UInt8>) throws {
        output.append(contentsOf: bytes)
        try checkSize()
    }

    @inline(__always)
    func write(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        output.append(contentsOf: bytes)
        try checkSize()
    }

    /// Writes an integer's decimal digits without building a `String`.
    func write(_ number: Int) throws {
        if number >= 0 && number < 10 {
            output.append(UInt8(48 + number))
            try checkSize()
            return
        }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
            UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var magnitude = number.magnitude
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[19 - count] = UInt8(48 + magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            if number < 0 { output.append(UInt8(ascii: "-")) }
            output.append(contentsOf: buffer[(20 - count)...])
        }
        try checkSize()
    }
}

/// A block body from one template of an inheritance chain.
struct BlockBody {
    let template: CompiledTemplate
    let body: Executor
}

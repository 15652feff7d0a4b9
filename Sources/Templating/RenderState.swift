/// Variables visible at one point of a render: a chain of frames (loop body, macro call,
/// template root, the render's context, the environment's globals).
///
/// Frames hold few names (a loop variable and `loop`, a macro's parameters), so they are kept in
/// two small arrays and scanned: comparing short strings is cheaper than hashing them. A frame
/// that grows past `linearLimit` names (a large context) switches to a hash table.
final class Scope: @unchecked Sendable {
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var values: [Value] = []
    @exclusivity(unchecked) private var table: [String: Value]?
    let parent: Scope?
    private static let linearLimit = 8

    init(parent: Scope?, variables: [String: Value] = [:]) {
        self.parent = parent
        if variables.count > Scope.linearLimit {
            table = variables
        } else {
            for (name, value) in variables {
                names.append(name)
                values.append(value)
            }
        }
    }

    /// This frame's own variable (no parent lookup); assigning defines or replaces it.
    subscript(local name: String) -> Value? {
        get {
            if let table { return table[name] }
            for i in names.indices where names[i] == name { return values[i] }
            return nil
        }
        set {
            guard let newValue else { return }
            if table != nil {
                table![name] = newValue
                return
            }
            for i in names.indices where names[i] == name {
                values[i] = newValue
                return
            }
            if names.count == Scope.linearLimit {
                var grown = Dictionary(uniqueKeysWithValues: zip(names, values))
                grown[name] = newValue
                table = grown
                names = []
                values = []
                return
            }
            names.append(name)
            values.append(newValue)
        }
    }

    /// Forgets this frame's variables (a loop starts each iteration afresh).
    func removeAll() {
        if table != nil { table!.removeAll(keepingCapacity: true) }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let s = scope {
            if let value = s[local: name] { return value }
            scope = s.parent
        }
        return nil
    }

    /// Every visible name, for "did you mean …?" suggestions.
    var allNames: [String] {
        var all: [String] = []
        var scope: Scope? = self
        while let s = scope {
            all += s.table.map { Array($0.keys) } ?? s.names
            scope = s.parent
        }
        return all
    }
}

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

/// The `loop` variable of a `for` loop: one object, updated in place on each iteration.
final class LoopObject: TemplateObject, @unchecked Sendable {
    let items: [Value]
    @exclusivity(unchecked) var index0 = 0
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

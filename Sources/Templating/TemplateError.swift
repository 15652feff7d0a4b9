/// A position in a template: the template's display path and a 1-based line and column
/// (columns count Unicode code points, as editors do).
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The template's display path (`Templates/weekly.md`).
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in Unicode code points.
    public var column: Int

    public init(path: String, line: Int, column: Int) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, as compilers print a position.
    public var description: String { "\(path):\(line):\(column)" }
}

/// A template failed to load, parse or render.
///
/// Two layers: `kind` says what went wrong, `location` where, and `chain` through which
/// `include`/`extends`/macro calls the failing template was reached (outermost first).
public struct TemplateError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, independent of where.
    public enum Kind: Sendable, Equatable {
        /// The template source is not valid (unclosed tag, bad expression, unknown tag).
        case syntax
        /// A variable, attribute or key does not exist.
        case undefined
        /// An operation got a value of the wrong type.
        case type
        /// A filter, test, macro or function was called with arguments it does not accept.
        case arguments
        /// A filter or test name is not registered.
        case unknownName
        /// No template has that name.
        case notFound
        /// A template name is not allowed (it escapes the template root) or its file cannot be read.
        case refused
        /// Any other failure while rendering (division by zero, a host function's own error).
        case runtime
        /// A bound of `TemplateLimits` was reached (nesting, output size, loop iterations, call
        /// depth), or a number does not fit (integer overflow, a format width past the maximum).
        case limit
        /// Templates extend or include each other in a circle.
        case cycle
    }

    public var kind: Kind
    public var message: String
    public var location: SourceLocation?
    /// Locations of the `include`/`extends` tags through which this template was reached.
    public var chain: [SourceLocation]

    public init(_ kind: Kind, _ message: String, at location: SourceLocation? = nil, chain: [SourceLocation] = []) {
        self.kind = kind
        self.message = message
        self.location = location
        self.chain = chain
    }

    /// `Templates/weekly.md:14:9: error: 'vendr' is undefined; did you mean 'vendor'?`, followed by
    /// one `note:` line per include/extends step.
    public var description: String {
        var text = location.map { "\($0): error: \(message)" } ?? "error: \(message)"
        // A runaway include shows its first and last steps, not a hundred identical lines.
        let steps = Array(chain.reversed())
        for (index, step) in steps.enumerated() {
            if steps.count > 10 && index >= 5 && index < steps.count - 5 {
                if index == 5 { text += "\nnote: … \(steps.count - 10) more include steps …" }
                continue
            }
            text += "\n\(step): note: in template included or extended from here"
        }
        return text
    }
}

/// Raised by host filters and functions: the engine adds the location of the call.
public struct FilterError: Error, Sendable {
    public var kind: TemplateError.Kind
    public var message: String
    public init(_ message: String, kind: TemplateError.Kind = .runtime) {
        self.kind = kind
        self.message = message
    }
}

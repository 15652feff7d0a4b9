extension Arguments {
    /// Binds the arguments to parameter names, Python-style: positional first, then keywords.
    /// Absent parameters are `nil`; too many, unknown or repeated arguments are errors.
    public func bind(_ names: [String], required: Int = 0) throws -> [Value?] {
        guard positional.count <= names.count else {
            throw FilterError("takes at most \(names.count) argument(s), got \(positional.count)", kind: .arguments)
        }
        var bound = [Value?](repeating: nil, count: names.count)
        for (i, value) in positional.enumerated() { bound[i] = value }
        for (key, value) in keyword {
            guard let index = names.firstIndex(of: key) else {
                throw FilterError("got an unexpected keyword argument '\(key)'", kind: .arguments)
            }
            guard bound[index] == nil else {
                throw FilterError("got multiple values for argument '\(key)'", kind: .arguments)
            }
            bound[index] = value
        }
        for i in 0..<required where bound[i] == nil {
            throw FilterError("missing required argument '\(names[i])'", kind: .arguments)
        }
        return bound
    }

    /// Rejects any argument, for filters that take none.
    func none() throws {
        if !positional.isEmpty || !keyword.isEmpty {
            throw FilterError("takes no arguments, got \(positional.count + keyword.count)", kind: .arguments)
        }
    }
}

extension Value {
    /// An integer argument (bools count, as in Python).
    public func intArgument(_ name: String) throws -> Int {
        switch numeric {
        case .int(let i)?: return i
        default: throw FilterError("'\(name)' must be an integer, not \(typeName)", kind: .type)
        }
    }

    /// A count of digits or a width for number formatting: an integer from 0 to
    /// `TemplateLimits.maximumFormatWidth` (host filters such as `money(digits=…)` use it too).
    public func digitsArgument(_ name: String) throws -> Int {
        let digits = try intArgument(name)
        guard digits >= 0 else { throw FilterError("'\(name)' must not be negative, got \(digits)", kind: .arguments) }
        guard digits <= TemplateLimits.maximumFormatWidth else {
            throw FilterError(
                "'\(name)' is \(digits), more than \(TemplateLimits.maximumFormatWidth) (the format width limit)", kind: .limit)
        }
        return digits
    }

    /// The value as a `Double` for a host filter's argument `name`; an `int` converts, anything
    /// else is an argument error naming `name`.
    public func doubleArgument(_ name: String) throws -> Double {
        guard let n = numeric else { throw FilterError("'\(name)' must be a number, not \(typeName)", kind: .type) }
        return n.asDouble
    }

    /// The value as a `String` for a host filter's argument `name` (`str` or markup text); anything
    /// else is an argument error naming `name`.
    public func stringArgument(_ name: String) throws -> String {
        guard let s = stringValue else { throw FilterError("'\(name)' must be a string, not \(typeName)", kind: .type) }
        return s
    }
}

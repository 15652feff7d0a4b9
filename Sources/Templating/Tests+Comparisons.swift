/// Tests that compare values: parity, divisibility, membership, identity and the comparison operators.
extension Tests {
    /// `is odd`
    static func odd(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try args.none()
        guard case .int(let i)? = value.numeric else { return try value.binary(.modulo, .int(2)).equals(.int(1)) }
        return i & 1 == 1
    }

    /// `is even`
    static func even(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try args.none()
        guard case .int(let i)? = value.numeric else { return try value.binary(.modulo, .int(2)).equals(.int(0)) }
        return i & 1 == 0
    }

    /// `is divisibleby`
    static func divisibleby(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        let divisor = try args.bind(["num"], required: 1)[0]!
        return try value.binary(.modulo, divisor).equals(.int(0))
    }

    /// `is in`
    static func `in`(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        return try args.bind(["seq"], required: 1)[0]!.contains(value)
    }

    /// `is sameas` (receives undefined values)
    static func sameas(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        let other = try args.bind(["other"], required: 1)[0]!
        switch (value, other) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        // CPython caches small ints, so `is` holds for equal values in that range.
        case (.int(let a), .int(let b)): return a == b && (-5...256).contains(a)
        case (.callable(let a), .callable(let b)): return a === b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    /// `is eq`, the `==` operator as a test.
    static func eq(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try value.compare(.equal, try args.bind(["other"], required: 1)[0]!)
    }

    /// `is ne`, the `!=` operator as a test.
    static func ne(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try value.compare(.notEqual, try args.bind(["other"], required: 1)[0]!)
    }

    /// `is lt`, the `<` operator as a test.
    static func lt(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try value.compare(.less, try args.bind(["other"], required: 1)[0]!)
    }

    /// `is le`, the `<=` operator as a test.
    static func le(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try value.compare(.lessEqual, try args.bind(["other"], required: 1)[0]!)
    }

    /// `is gt`, the `>` operator as a test.
    static func gt(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try value.compare(.greater, try args.bind(["other"], required: 1)[0]!)
    }

    /// `is ge`, the `>=` operator as a test.
    static func ge(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try value.compare(.greaterEqual, try args.bind(["other"], required: 1)[0]!)
    }
}

/// Tests about what a value is: defined, its type, its case, and whether a filter or test exists.
extension Tests {
    /// `is defined` (receives undefined values)
    static func defined(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try args.none()
        return !value.isUndefined
    }

    /// `is undefined` (receives undefined values)
    static func undefined(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        try args.none()
        return value.isUndefined
    }

    /// `is none` (receives undefined values)
    static func `none`(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        return value.isNone
    }

    /// `is boolean` (receives undefined values)
    static func boolean(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .bool = value { return true }
        return false
    }

    /// `is true` (receives undefined values)
    static func `true`(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .bool(true) = value { return true }
        return false
    }

    /// `is false` (receives undefined values)
    static func `false`(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .bool(false) = value { return true }
        return false
    }

    /// `is integer` (receives undefined values)
    static func integer(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .int = value { return true }
        return false
    }

    /// `is float` (receives undefined values)
    static func float(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .double = value { return true }
        return false
    }

    /// `is number` (receives undefined values)
    static func number(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        return value.numeric != nil
    }

    /// `is string` (receives undefined values)
    static func string(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        return value.isString
    }

    /// `is mapping` (receives undefined values)
    static func mapping(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .dict = value { return true }
        return false
    }

    /// `is callable` (receives undefined values)
    static func callable(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        if case .callable = value { return true }
        return false
    }

    /// `is escaped` (receives undefined values)
    static func escaped(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        return value.isMarkup
    }

    /// `is sequence`
    static func sequence(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        switch value {
        case .string, .markup, .list, .tuple, .dict: return true
        case .object(let o): return o is any TemplateSequence
        default: return false
        }
    }

    /// `is iterable`
    static func iterable(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        switch value {
        case .string, .markup, .list, .tuple, .dict: return true
        case .object(let o): return o is any TemplateSequence
        default: return false
        }
    }

    /// `is lower`
    static func lower(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        let s = try value.pythonStr()
        return s.unicodeScalars.contains { $0.properties.isCased } && s == s.lowercased()
    }

    /// `is upper`
    static func upper(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        let s = try value.pythonStr()
        return s.unicodeScalars.contains { $0.properties.isCased } && s == s.uppercased()
    }

    /// `is filter`
    static func filter(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        guard let name = value.stringValue else { return false }
        return state.environment.filter(named: name) != nil
    }

    /// `is test`
    static func test(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Bool {
        guard let name = value.stringValue else { return false }
        return state.environment.test(named: name) != nil
    }
}

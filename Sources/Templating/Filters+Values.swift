import Foundation

/// Filters about any value: defaults for undefined values and attribute lookup.
extension Filters {
    /// `attr`
    static func attr(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let name = try args.bind(["name"], required: 1)[0]!.stringArgument("name")
        switch value {
        case .dict(let d): if let method = Builtins.dictionaryMethod(d, name) { return method }
        case .object(let o): if let found = o.attribute(name) { return found }
        default: break
        }
        return .undefined(Value.Undefined(
            name: name, location: SourceLocation(path: "", line: 0, column: 0), candidates: { [] },
            ownerDescription: "'\(value.typeName) object'"))
    }

    /// `default` (receives undefined values)
    static func `default`(_ value: Value, _ args: Arguments, _ state: RenderState) throws -> Value {
        let a = try args.bind(["default_value", "boolean"])
        let fallback = a[0] ?? .string("")
        let boolean = try a[1]?.truthy() ?? false
        if value.isUndefined { return fallback }
        if boolean, try !value.truthy() { return fallback }
        return value
    }
}

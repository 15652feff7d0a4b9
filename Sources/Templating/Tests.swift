/// The built-in tests by name, one row per name (Jinja2's `TESTS`, MiniJinja's `defaults.rs`).
/// Each function lives in a `Tests+Topic.swift` file.
enum Tests {}

extension Builtins {
    static let tests: [String: Test] = {
        let table: [(String, Bool, @Sendable (Value, Arguments, RenderState) throws -> Bool)] = [
            ("!=", false, Tests.ne),
            ("<", false, Tests.lt),
            ("<=", false, Tests.le),
            ("==", false, Tests.eq),
            (">", false, Tests.gt),
            (">=", false, Tests.ge),
            ("boolean", true, Tests.boolean),
            ("callable", true, Tests.callable),
            ("defined", true, Tests.defined),
            ("divisibleby", false, Tests.divisibleby),
            ("eq", false, Tests.eq),
            ("equalto", false, Tests.eq),
            ("escaped", true, Tests.escaped),
            ("even", false, Tests.even),
            ("false", true, Tests.`false`),
            ("filter", false, Tests.filter),
            ("float", true, Tests.float),
            ("ge", false, Tests.ge),
            ("greaterthan", false, Tests.gt),
            ("gt", false, Tests.gt),
            ("in", false, Tests.`in`),
            ("integer", true, Tests.integer),
            ("iterable", false, Tests.iterable),
            ("le", false, Tests.le),
            ("lessthan", false, Tests.lt),
            ("lower", false, Tests.lower),
            ("lt", false, Tests.lt),
            ("mapping", true, Tests.mapping),
            ("ne", false, Tests.ne),
            ("none", true, Tests.`none`),
            ("number", true, Tests.number),
            ("odd", false, Tests.odd),
            ("sameas", true, Tests.sameas),
            ("sequence", false, Tests.sequence),
            ("string", true, Tests.string),
            ("test", false, Tests.test),
            ("true", true, Tests.`true`),
            ("undefined", true, Tests.undefined),
            ("upper", false, Tests.upper),
        ]
        return Dictionary(uniqueKeysWithValues: table.map { ($0.0, Test(name: $0.0, acceptsUndefined: $0.1, withState: $0.2)) })
    }()
}

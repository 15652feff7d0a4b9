/// The built-in filters by name, one row per name (Jinja2's `FILTERS`, MiniJinja's
/// `defaults.rs`). Each function lives in a `Filters+Topic.swift` file and can be called and
/// tested on its own.
enum Filters {}

extension Builtins {
    static let filters: [String: Filter] = {
        let table: [(String, Bool, @Sendable (Value, Arguments, RenderState) throws -> Value)] = [
            ("abs", false, Filters.abs),
            ("attr", false, Filters.attr),
            ("batch", false, Filters.batch),
            ("capitalize", false, Filters.capitalize),
            ("center", false, Filters.center),
            ("count", false, Filters.length),
            ("d", true, Filters.`default`),
            ("default", true, Filters.`default`),
            ("dictsort", false, Filters.dictsort),
            ("e", false, Filters.escape),
            ("escape", false, Filters.escape),
            ("first", false, Filters.first),
            ("float", false, Filters.float),
            ("forceescape", false, Filters.forceescape),
            ("format", false, Filters.format),
            ("groupby", false, Filters.groupby),
            ("indent", false, Filters.indent),
            ("int", false, Filters.int),
            ("items", true, Filters.items),
            ("join", false, Filters.join),
            ("last", false, Filters.last),
            ("length", false, Filters.length),
            ("list", false, Filters.list),
            ("lower", false, Filters.lower),
            ("map", false, Filters.map),
            ("max", false, Filters.max),
            ("min", false, Filters.min),
            ("pprint", false, Filters.pprint),
            ("reject", false, Filters.reject),
            ("rejectattr", false, Filters.rejectattr),
            ("replace", false, Filters.replace),
            ("reverse", false, Filters.reverse),
            ("round", false, Filters.round),
            ("safe", false, Filters.safe),
            ("select", false, Filters.select),
            ("selectattr", false, Filters.selectattr),
            ("slice", false, Filters.slice),
            ("sort", false, Filters.sort),
            ("string", false, Filters.string),
            ("striptags", false, Filters.striptags),
            ("sum", false, Filters.sum),
            ("title", false, Filters.title),
            ("tojson", false, Filters.tojson),
            ("trim", false, Filters.trim),
            ("truncate", false, Filters.truncate),
            ("unique", false, Filters.unique),
            ("upper", false, Filters.upper),
            ("urlencode", false, Filters.urlencode),
            ("wordcount", false, Filters.wordcount),
            ("wordwrap", false, Filters.wordwrap),
        ]
        return Dictionary(uniqueKeysWithValues: table.map { ($0.0, Filter(name: $0.0, acceptsUndefined: $0.1, withState: $0.2)) })
    }()
}

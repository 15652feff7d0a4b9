import Testing
@testable import Templating

/// Built-in filters and tests are named functions in one registry table each, so each can be
/// called and checked on its own, without a template around it.
private func state(autoescape: Bool = false) -> RenderState {
    RenderState(environment: Environment(), scope: Scope(parent: nil), autoescape: autoescape)
}

@Test func filterFunctionsCanBeCalledByName() throws {
    #expect(try Filters.center("ab", Arguments(positional: [5]), state()).pythonStr() == "  ab ")
    #expect(try Filters.abs(-3, Arguments(), state()).pythonStr() == "3")
    #expect(try Filters.round(2.5, Arguments(), state()).pythonStr() == "2.0")
    let escaped = try Filters.escape("<b>", Arguments(), state())
    #expect(escaped.isMarkup)
    #expect(try escaped.pythonStr() == "&lt;b&gt;")
    #expect(try Filters.`default`(.none, Arguments(positional: ["x"]), state()).isNone)
    #expect(try Filters.join(.list(["a", "b"]), Arguments(positional: ["-"]), state()).pythonStr() == "a-b")
}

@Test(arguments: [("d", "default"), ("e", "escape"), ("count", "length")])
func filterAliasesShareTheirFunction(alias: String, name: String) throws {
    let a = try #require(Builtins.filters[alias])
    let b = try #require(Builtins.filters[name])
    #expect(a.name == alias)
    #expect(a.acceptsUndefined == b.acceptsUndefined)
    let input: Value = .list(["<", "x"])
    #expect(try a.body(input, Arguments(), state()).pythonStr() == b.body(input, Arguments(), state()).pythonStr())
}

@Test func registryRowsAreNamedAfterTheirKeys() {
    for (name, filter) in Builtins.filters { #expect(filter.name == name) }
    for (name, test) in Builtins.tests { #expect(test.name == name) }
    #expect(Builtins.filters["default"]?.acceptsUndefined == true)
    #expect(Builtins.filters["upper"]?.acceptsUndefined == false)
    #expect(Builtins.tests["defined"]?.acceptsUndefined == true)
}

@Test func testFunctionsCanBeCalledByName() throws {
    #expect(try Tests.even(4, Arguments(), state()))
    #expect(try !Tests.odd(4, Arguments(), state()))
    #expect(try Tests.divisibleby(9, Arguments(positional: [3]), state()))
    #expect(try Tests.eq(2, Arguments(positional: [2.0]), state()))
    #expect(try Tests.`in`("b", Arguments(positional: ["abc"]), state()))
    #expect(try Tests.number(true, Arguments(), state()))
    let equal = try #require(Builtins.tests["=="])
    #expect(try equal.body(1, Arguments(positional: [1]), state()))
}

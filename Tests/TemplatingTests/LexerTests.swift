import Testing
@testable import Templating

/// The lexer scans UTF-8 bytes; these cases pin what must still count in Unicode scalars or
/// decode non-ASCII text: columns, identifiers, whitespace, escapes, newline normalisation.
@Test(arguments: [
    ("{{ nope }}", 4),
    ("é→ {{ nope }}", 7),
    ("🙂 {{ nope }}", 6),
    ("e\u{301} {{ nope }}", 7),
])
func columnsCountScalarsNotBytes(source: String, column: Int) throws {
    var lexer = Lexer(source: source, path: "t.md")
    let tokens = try lexer.tokenize()
    let name = try #require(tokens.first { $0.kind == .name })
    #expect(lexer.location(name.offset) == SourceLocation(path: "t.md", line: 1, column: column))
}

@Test(arguments: [
    ("{{ größe }}", "3"),
    ("{{\u{3000}größe\u{3000}}}", "3"),
    ("a\u{A0}\u{3000} {{- größe }}", "a3"),
    ("{{ 'caf\\u00e9 \\U0001F642 \\x41' }}", "café 🙂 A"),
    ("{{ 'it''s' }} {{ \"a\\tb\" }}", "its a\tb"),
    ("{{ 2**3 }} {{ 7//2 }} {{ 1 != 2 }} {{ 0x1F }} {{ 1_000 }} {{ 1.5e3 }}", "8 3 True 31 1000 1500.0"),
    ("a\r\n{% if true %}\r\nb\r\n{% endif %}\r\n", "a\nb\n"),
    ("{% raw %}{{ x }} é{% endraw %}", "{{ x }} é"),
    ("x {#- comment é -#} y", "xy"),
])
func nonASCIISourceLexesAsBefore(source: String, expected: String) throws {
    #expect(try Environment().render(string: source, context: ["größe": 3]) == expected)
}

@Test func errorLocationsAfterMultiByteTextOnLaterLines() throws {
    let environment = Environment(loader: DictionaryLoader(["m.md": "ü\nßß {{ 1 + 'x' }}"]))
    let error = try #require(throws: TemplateError.self) { try environment.render(name: "m.md", context: [:]) }
    #expect(error.location == SourceLocation(path: "m.md", line: 2, column: 9))
}

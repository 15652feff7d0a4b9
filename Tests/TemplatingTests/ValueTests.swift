import Foundation
import Testing
@testable import Templating

private struct Vendor: Encodable {
    let zeta: String
    let alpha: Int
    let share: Double
    let tickers: [String]
    let note: String?
    let since: Date
}

@Test func encodableValuesKeepDeclarationOrderAndNumberKinds() throws {
    let vendor = Vendor(zeta: "Nvidia", alpha: 1, share: 1, tickers: ["NVDA"], note: nil, since: Date(timeIntervalSince1970: 0))
    let output = try Environment().render(string: "{{ v }}|{% for k in v %}{{ k }} {% endfor %}", context: ["v": try Value(encoding: vendor)])
    #expect(output == "{'zeta': 'Nvidia', 'alpha': 1, 'share': 1.0, 'tickers': ['NVDA'], 'note': None, 'since': '1970-01-01T00:00:00Z'}|zeta alpha share tickers note since ")
}

@Test func encodableContextTopLevelKeysBecomeVariables() throws {
    struct Context: Encodable {
        let title: String
        let vendors: [String]
    }
    let folderEnvironment = Environment(loader: DictionaryLoader(["t.md": "{{ title }}: {{ vendors|join(', ') }}"]))
    #expect(try folderEnvironment.render(name: "t.md", context: Context(title: "Week 48", vendors: ["AMD", "Nvidia"])) == "Week 48: AMD, Nvidia")
}

@Test(arguments: [
    ("1.0", "1.0 float"), ("3", "3 int"), ("9007199254740993", "9007199254740993 int"), ("-0.0", "-0.0 float"),
    ("1e400", "inf float"), ("\"\\u00e9\\ud83d\\ude00\"", "é😀 str"), ("null", "None NoneType"),
])
func jsonNumbersKeepTheirKind(_ json: String, _ expected: String) throws {
    let value = try JSONReader.parse(json)
    #expect(try "\(value.pythonStr()) \(value.typeName)" == expected)
}

@Test func jsonObjectsKeepDocumentOrder() throws {
    let value = try JSONReader.parse(#"{"b": 1, "a": [true, false], "c": {"z": null}}"#)
    #expect(try value.pythonRepr() == "{'b': 1, 'a': [True, False], 'c': {'z': None}}")
}

@Test(arguments: [("{\"a\": }", "1:7"), ("[1, 2", "1:6"), ("\n  tru", "2:3"), ("{\"a\": 1} x", "1:10")])
func jsonErrorsHaveLineAndColumn(_ json: String, _ position: String) throws {
    let error = try #require(throws: JSONReader.Failure.self) { try JSONReader.parse(json) }
    #expect("\(error.line):\(error.column)" == position)
}

@Test func dictionaryKeysCompareByCodePoint() throws {
    // Python treats the composed and decomposed spellings as different keys.
    let d = Value.Dictionary(keys: ["\u{E9}"], values: [1])
    #expect(d["\u{E9}"] != nil)
    #expect(d["e\u{301}"] == nil)
}

@Test func hostFiltersTestsAndGlobalsUseThePublicAPI() throws {
    let environment = Environment()
    environment.addFilter("twice") { value, arguments in
        let times = try arguments.bind(["times"])[0]?.intArgument("times") ?? 2
        return .string(String(repeating: try value.pythonStr(), count: times))
    }
    environment.addTest(Test(name: "positive") { value, _ in (value.numeric?.asDouble ?? 0) > 0 })
    environment.addGlobal("answer", 42)
    #expect(try environment.render(string: "{{ 'ab'|twice }} {{ 'x'|twice(times=3) }} {{ answer is positive }}", context: [:]) == "abab xxx True")
}

@Test func rendersInParallelWithIdenticalResults() async throws {
    let environment = Environment(loader: DictionaryLoader([
        "page.md": "{% for r in rows %}{{ loop.index }}:{{ r.name|upper }} {{ '%.2f'|format(r.v) }}\n{% endfor %}",
    ]))
    let rows: [Value] = (0..<200).map { .dictionary([("name", .string("vendor \($0)")), ("v", .double(Double($0) / 7))]) }
    let expected = try environment.render(name: "page.md", context: ["rows": .list(rows)])
    let outputs = try await withThrowingTaskGroup(of: String.self) { group in
        for _ in 0..<16 { group.addTask { try environment.render(name: "page.md", context: ["rows": .list(rows)]) } }
        return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(outputs.count == 16)
    #expect(outputs.allSatisfy { $0 == expected })
}

@Test func snakeCaseKeysForTemplates() throws {
    struct Row: Encodable {
        let baseYear: Int
        let baseURL: String
        let p10: Double
        let htmlURLString: String
        let name: String
    }
    let value = try Value(encoding: Row(baseYear: 2025, baseURL: "u", p10: 1, htmlURLString: "h", name: "n"), keys: .snakeCase)
    #expect(try value.pythonRepr() == "{'base_year': 2025, 'base_url': 'u', 'p10': 1.0, 'html_url_string': 'h', 'name': 'n'}")
}

@Test func everyIntegerWidthEncodes() throws {
    struct Widths: Encodable {
        let a: Int8 = -1, b: Int16 = 2, c: Int32 = 3, d: Int64 = 4, e: UInt8 = 5, f: UInt16 = 6, g: UInt32 = 7, h: UInt64 = 8, i: UInt = 9
        let j: Float = 0.5
    }
    let value = try Value(encoding: Widths())
    #expect(try value.pythonRepr() == "{'a': -1, 'b': 2, 'c': 3, 'd': 4, 'e': 5, 'f': 6, 'g': 7, 'h': 8, 'i': 9, 'j': 0.5}")
    #expect(throws: EncodingError.self) { try Value(encoding: [UInt64.max]) }
}

@Test func asciiSnakeCaseMatchesTheUnicodeRule() {
    var generator = SystemRandomNumberGenerator()
    let alphabet = Array("aAbBzZ09_xURLHTMLp".utf8)
    for _ in 0..<5_000 {
        let name = String(decoding: (0..<Int.random(in: 0...9, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
        #expect(Value.KeyStyle.asciiSnakeCase(name) == Value.KeyStyle.unicodeSnakeCase(name), "\(name)")
    }
    #expect(Value.KeyStyle.asciiSnakeCase("größeWert") == nil)
}

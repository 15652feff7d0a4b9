import Foundation
import Templating
import TestSupport
import Testing
@testable import Briefing

private func write(_ text: String, _ name: String) throws -> URL {
    let directory = try TemporaryDirectory(prefix: "data").url
    let url = directory.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
}

@Test func yamlScalarsResolveAsYAMLCoreSchema() throws {
    let url = try write("title: Week 48\nyear: 2026\nshare: 0.25\nflag: true\nnothing: null\nlist: [a, 1]\nquoted: '2026'\n", "d.yaml")
    let pairs = try DataDocument.load(url, displayPath: "d.yaml")
    #expect(pairs.map(\.0) == ["title", "year", "share", "flag", "nothing", "list", "quoted"])
    let rendered = try Environment().render(
        string: "{{ title }}|{{ year + 1 }}|{{ share }}|{{ flag }}|{{ nothing }}|{{ list }}|{{ quoted ~ '!' }}",
        context: Dictionary(uniqueKeysWithValues: pairs))
    #expect(rendered == "Week 48|2027|0.25|True|None|['a', 1]|2026!")
}

@Test(arguments: [
    ("a: [1, 2\n", "d.yaml", "d.yaml:2:1: error:"), ("a: 1\na: 2\n", "d.yaml", "d.yaml:2:1: error: duplicate key 'a'"),
    ("- 1\n- 2\n", "d.yaml", "d.yaml:1:1: error: the top level must be a mapping"), ("{\"a\": }", "d.json", "d.json:1:7: error:"),
    ("[1]", "d.json", "d.json:1:1: error: the top level must be a mapping"),
])
func badDataFilesGiveLocatedErrors(_ text: String, _ name: String, _ prefix: String) throws {
    let url = try write(text, name)
    let error = try #require(throws: DocumentError.self) { try DataDocument.load(url, displayPath: name) }
    #expect(error.description.hasPrefix(prefix), "\(error)")
}

@Test func missingFileNamesThePath() throws {
    let error = try #require(throws: DocumentError.self) {
        try DataDocument.load(URL(fileURLWithPath: "/nonexistent/data.json"), displayPath: "data.json")
    }
    #expect(error.description == "cannot read 'data.json': No such file or directory")
    #expect(error.location == nil)
}

@Test(arguments: [("year=2026", "2026 int"), ("name=Nvidia", "Nvidia str"), ("flag=true", "True bool"), ("x=", " str"),
                  ("q=\"7\"", "7 str"), ("expr=a=b", "a=b str")])
func setAssignmentsParseJSONOrText(_ text: String, _ expected: String) throws {
    let (_, value) = try DataDocument.assignment(text)
    let described = try Environment().render(string: "{{ v }} {{ 'int' if v is integer else 'bool' if v is boolean else 'str' }}", context: ["v": value])
    #expect(described == expected)
}

/// Nine levels of nine aliases: 387 million values once expanded (it once exhausted memory).
private let aliasBomb = (["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + (1...9).map { level in
    "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]"
}).joined(separator: "\n") + "\n"

@Test(arguments: [
    (aliasBomb, "d.yaml:1:5: error: YAML anchors and aliases (&name, *name) are not supported"),
    ("k: 1\n" + aliasBomb + "keyed: {*a9 : 1}\n", "d.yaml:2:5: error: YAML anchors and aliases"),
    ("a: 1\nb: *a\n", "d.yaml:2:4: error: YAML anchors and aliases"),
    ("a: x\u{0}y\n", "d.yaml:1:5: error: the control character U+0000 is not allowed in YAML"),
    ("a: 1\nb: \u{1B}[31m\n", "d.yaml:2:4: error: the control character U+001B is not allowed in YAML"),
])
func dangerousYAMLIsRefusedBeforeParsing(_ text: String, _ prefix: String) throws {
    let url = try write(text, "d.yaml")
    let error = try #require(throws: DocumentError.self) { try DataDocument.load(url, displayPath: "d.yaml") }
    #expect(error.description.hasPrefix(prefix), "\(error)")
}

@Test func invalidUTF8InADataFileIsLocated() throws {
    let url = try write("", "d.yaml")
    try Data([0x61, 0x3A, 0x20, 0x31, 0x0A, 0x62, 0x3A, 0x20, 0xC3, 0x28, 0x0A]).write(to: url)
    let error = try #require(throws: DocumentError.self) { try DataDocument.load(url, displayPath: "d.yaml") }
    #expect(error.description == "d.yaml:2:4: error: the file is not valid UTF-8 text (byte 0xC3)")
}

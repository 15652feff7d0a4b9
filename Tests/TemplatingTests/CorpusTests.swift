import Foundation
import Testing
@testable import Templating

/// One case of the differential corpus: templates, data and what Jinja2 3.1 produced.
struct CorpusCase: CustomTestStringConvertible, Sendable {
    let name: String
    let entry: String
    let templates: [String: String]
    let data: [String: Value]
    let expectedOutput: String?
    let expectedError: String?
    var testDescription: String { name }
}

enum Corpus {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Corpus")

    /// Cases whose Jinja2 result needs integers beyond 64 bits: outside the supported subset, so
    /// the engine must fail with a clear error instead of printing a wrong number.
    static let beyond64Bits: Set<String> = ["arith/int-power-beyond-64-bits", "numbers/float-to-int-beyond-64-bits"]

    static let cases: [CorpusCase] = {
        let text = try! String(contentsOf: directory.appendingPathComponent("corpus.json"), encoding: .utf8)
        guard case .dict(let root) = try! JSONReader.parse(text), case .list(let items)? = root["cases"] else { return [] }
        return items.map { item in
            guard case .dict(let c) = item, case .dict(let templates)? = c["templates"], case .dict(let data)? = c["data"],
                case .dict(let expected)? = c["expected"]
            else { fatalError("malformed corpus case") }
            return CorpusCase(
                name: c["name"]!.stringValue!,
                entry: c["entry"]!.stringValue!,
                templates: Dictionary(uniqueKeysWithValues: zip(templates.keys, templates.values.map { $0.stringValue! })),
                data: Dictionary(uniqueKeysWithValues: zip(data.keys, data.values)),
                expectedOutput: expected["output"]?.stringValue,
                expectedError: expected["error"].map { "\($0.stringValue!): \(expected["message"]?.stringValue ?? "")" })
        }
    }()
}

@Test("Jinja2 differential corpus", arguments: Corpus.cases)
func corpusCase(_ testCase: CorpusCase) throws {
    let environment = Environment(loader: DictionaryLoader(testCase.templates))
    let result = Result { try environment.render(name: testCase.entry, context: testCase.data) }
    if Corpus.beyond64Bits.contains(testCase.name) {
        guard case .failure(let error as TemplateError) = result else {
            Issue.record("expected an integer-range error, got \(result)")
            return
        }
        #expect(error.message.contains("64 bits"))
        return
    }
    switch (result, testCase.expectedOutput) {
    case (.success(let output), let expected?):
        #expect(output == expected)
    case (.failure(let error), let expected?):
        Issue.record("expected output \(expected.debugDescription), got error \(error)")
    case (.success(let output), nil):
        Issue.record("expected error \(testCase.expectedError ?? ""), got output \(output.debugDescription)")
    case (.failure(let error), nil):
        // Every error must be a located TemplateError, never a crash or an untyped error.
        let templateError = try #require(error as? TemplateError, "untyped error \(error)")
        #expect(templateError.location != nil, "error without location: \(templateError)")
    }
}

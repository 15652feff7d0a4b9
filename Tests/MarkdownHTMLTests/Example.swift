import Testing

/// One row of a table-driven test: an input and the output expected from it.
struct Example: CustomTestStringConvertible, Sendable {
    var name: String?
    var input: String
    var expected: String

    init(_ name: String? = nil, input: String, expected: String) {
        self.name = name
        self.input = input
        self.expected = expected
    }

    var testDescription: String { name ?? input }
}

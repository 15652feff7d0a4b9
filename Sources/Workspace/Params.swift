/// A data file's `params:`: the team's own fields, shown by its templates (`vendor.params.NAME`)
/// with no code change. Encoded with the names in sorted order, so `{% for name, value in
/// vendor.params.items() %}` lists them the same way on every run.
package struct Params: Sendable, Equatable, Encodable {
    /// Name → value as written in the file.
    package private(set) var values: [String: String] = [:]

    package init(_ values: [String: String] = [:]) { self.values = values }

    package subscript(name: String) -> String? { values[name] }

    package var isEmpty: Bool { values.isEmpty }

    private struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Name.self)
        for name in values.keys.sorted() {
            try container.encode(values[name], forKey: Name(stringValue: name))
        }
    }
}

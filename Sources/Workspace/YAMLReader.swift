import Yams

/// A YAML document of the workspace: its nodes keep their positions, so every diagnostic can
/// point at the offending key or value.
struct YAMLDocument {
    let file: String
    /// Lines before the YAML text in its file (front matter starts after the `---` line).
    let lineOffset: Int
    let root: Node?

    /// Parses `text`; a syntax error is reported and gives a document with no root.
    init(text: String, file: String, lineOffset: Int = 0, sink: DiagnosticSink) {
        self.file = file
        self.lineOffset = lineOffset
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            root = nil
            let (line, column, message) = YAMLDocument.describe(error)
            sink.error(message, at: Location(file: file, line: line.map { $0 + lineOffset }, column: column))
        } catch {
            root = nil
            sink.error("cannot parse YAML: \(error)", at: .file(file))
        }
    }

    private static func describe(_ error: YamlError) -> (Int?, Int?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return (mark.line, mark.column, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (context.mark.line, context.mark.column, "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            return (nil, nil, "cannot read YAML: \(problem)")
        default:
            return (nil, nil, "invalid YAML: \(error)")
        }
    }

    func location(of node: Node) -> Location {
        guard let mark = node.mark else { return .file(file) }
        return Location(file: file, line: mark.line + lineOffset, column: mark.column)
    }
}

/// Reads one YAML mapping field by field. Every read records the key as known; `finish()`
/// reports the keys nobody asked for (typos) with a suggestion. Wrong types and missing
/// required keys are reported to the sink and read as `nil`, so loading continues.
struct MappingReader {
    let document: YAMLDocument
    let node: Node
    let sink: DiagnosticSink
    /// What the mapping describes, for messages ("scenario", "source").
    let what: String
    private(set) var known: [String] = []
    private let entries: [(key: Node, value: Node)]

    init?(_ node: Node?, in document: YAMLDocument, sink: DiagnosticSink, what: String, at fallback: Location? = nil) {
        guard let node else {
            sink.error("expected a \(what) (a mapping of keys to values), but the document is empty", at: fallback ?? .file(document.file))
            return nil
        }
        guard case .mapping(let mapping) = node else {
            sink.error("expected a \(what) (a mapping of keys to values), got \(MappingReader.kind(of: node))", at: document.location(of: node))
            return nil
        }
        self.document = document
        self.node = node
        self.sink = sink
        self.what = what
        self.entries = mapping.map { ($0.key, $0.value) }
    }

    var location: Location { document.location(of: node) }

    func location(of node: Node) -> Location { document.location(of: node) }

    /// The keys present, in document order (for mappings keyed by data, such as vendor ids).
    var keys: [(name: String, node: Node)] {
        entries.compactMap { entry in
            guard case .scalar(let scalar) = entry.key else { return nil }
            return (scalar.string, entry.key)
        }
    }

    func value(_ key: String) -> Node? {
        entries.first { if case .scalar(let s) = $0.key { return s.string == key } else { return false } }?.value
    }

    func keyNode(_ key: String) -> Node? {
        entries.first { if case .scalar(let s) = $0.key { return s.string == key } else { return false } }?.key
    }

    private mutating func field(_ key: String, required: Bool) -> Node? {
        known.append(key)
        guard let node = value(key) else {
            if required { sink.error("\(what) is missing required key '\(key)'", at: location) }
            return nil
        }
        if case .scalar(let scalar) = node, node.tag.description == Tag.Name.null.rawValue, scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~" {
            if required { sink.error("'\(key)' must have a value", at: document.location(of: node)) }
            return nil
        }
        return node
    }

    // MARK: - Typed fields

    mutating func string(_ key: String, required: Bool = false) -> String? {
        guard let node = field(key, required: required) else { return nil }
        return MappingReader.string(node, key: key, document: document, sink: sink)
    }

    mutating func double(_ key: String, required: Bool = false) -> Double? {
        guard let node = field(key, required: required) else { return nil }
        return MappingReader.number(node, key: key, document: document, sink: sink)
    }

    mutating func int(_ key: String, required: Bool = false) -> Int? {
        guard let node = field(key, required: required) else { return nil }
        return MappingReader.integer(node, key: key, document: document, sink: sink)
    }

    mutating func bool(_ key: String) -> Bool? {
        guard let node = field(key, required: false) else { return nil }
        if node.tag.description == Tag.Name.bool.rawValue, let value = node.bool { return value }
        sink.error("'\(key)' must be true or false, got \(MappingReader.kind(of: node))", at: document.location(of: node))
        return nil
    }

    mutating func day(_ key: String, required: Bool = false) -> (Day, Location)? {
        guard let node = field(key, required: required) else { return nil }
        let location = document.location(of: node)
        guard case .scalar(let scalar) = node else {
            sink.error("'\(key)' must be a date (YYYY-MM-DD), got \(MappingReader.kind(of: node))", at: location)
            return nil
        }
        guard let day = Day(scalar.string) else {
            sink.error("'\(key)' must be a real date written YYYY-MM-DD, got '\(scalar.string)'", at: location)
            return nil
        }
        return (day, location)
    }

    /// One of `allowed`; anything else is an error with a suggestion.
    mutating func choice(_ key: String, _ allowed: [String], required: Bool = false) -> String? {
        guard let node = field(key, required: required),
            let text = MappingReader.string(node, key: key, document: document, sink: sink)
        else { return nil }
        guard allowed.contains(text) else {
            var message = "'\(key)' must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")), got '\(text)'"
            if let close = suggestion(for: text, among: allowed) { message += "; did you mean '\(close)'?" }
            sink.error(message, at: document.location(of: node))
            return nil
        }
        return text
    }

    /// A list of strings; a single string is accepted as a list of one.
    mutating func strings(_ key: String, required: Bool = false) -> [(String, Location)]? {
        guard let node = field(key, required: required) else { return nil }
        switch node {
        case .sequence(let sequence):
            return sequence.compactMap { item in
                MappingReader.string(item, key: key, document: document, sink: sink).map { ($0, document.location(of: item)) }
            }
        case .scalar:
            return MappingReader.string(node, key: key, document: document, sink: sink).map { [($0, document.location(of: node))] }
        default:
            sink.error("'\(key)' must be a list of strings, got \(MappingReader.kind(of: node))", at: document.location(of: node))
            return nil
        }
    }

    mutating func mapping(_ key: String, what: String, required: Bool = false) -> MappingReader? {
        guard let node = field(key, required: required) else { return nil }
        return MappingReader(node, in: document, sink: sink, what: what)
    }

    /// The raw node, for fields with several accepted shapes.
    mutating func node(_ key: String, required: Bool = false) -> Node? {
        field(key, required: required)
    }

    /// Reports every key that no read asked for. Call after reading all fields.
    func finish() {
        for (name, keyNode) in keys where !known.contains(name) {
            var message = "unknown key '\(name)' in \(what)"
            if let close = suggestion(for: name, among: known) { message += "; did you mean '\(close)'?" }
            sink.error(message, at: document.location(of: keyNode))
        }
        for entry in entries {
            if case .scalar = entry.key { continue }
            sink.error("keys in \(what) must be plain names", at: document.location(of: entry.key))
        }
    }

    // MARK: - Scalars

    /// Text as written, without the trailing line break that YAML's `|` and `>` blocks keep.
    static func string(_ node: Node, key: String, document: YAMLDocument, sink: DiagnosticSink) -> String? {
        guard case .scalar(let scalar) = node else {
            sink.error("'\(key)' must be text, got \(kind(of: node))", at: document.location(of: node))
            return nil
        }
        var text = scalar.string
        while text.last == "\n" || text.last == "\r" || text.last == " " || text.last == "\t" { text.removeLast() }
        return text
    }

    static func number(_ node: Node, key: String, document: YAMLDocument, sink: DiagnosticSink) -> Double? {
        let tag = node.tag.description
        if tag == Tag.Name.int.rawValue, let value = node.int { return Double(value) }
        if tag == Tag.Name.float.rawValue, let value = node.float {
            guard value.isFinite else {
                sink.error("'\(key)' must be a finite number", at: document.location(of: node))
                return nil
            }
            return value
        }
        sink.error("'\(key)' must be a number, got \(kind(of: node))", at: document.location(of: node))
        return nil
    }

    static func integer(_ node: Node, key: String, document: YAMLDocument, sink: DiagnosticSink) -> Int? {
        if node.tag.description == Tag.Name.int.rawValue, let value = node.int { return value }
        sink.error("'\(key)' must be a whole number, got \(kind(of: node))", at: document.location(of: node))
        return nil
    }

    /// How a node reads in messages: `the text 'abc'`, `a list`, `a mapping`.
    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return "the number \(scalar.string)"
            case Tag.Name.bool.rawValue: return "the value \(scalar.string)"
            case Tag.Name.null.rawValue: return "nothing"
            default:
                let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
                return "the text '\(text)'"
            }
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }
}

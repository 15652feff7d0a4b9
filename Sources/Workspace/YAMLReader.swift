import Yams

/// A YAML document of the workspace: its nodes keep their positions, so every diagnostic can
/// point at the offending key or value.
struct YAMLDocument {
    let file: String
    /// Lines before the YAML text in its file (front matter starts after the `---` line).
    let lineOffset: Int
    let root: Node?
    /// The text could not be parsed (the error is reported): a missing root is not "empty".
    let failed: Bool
    /// Lines of the text, and the length of the last one (in Unicode scalars, as libyaml counts
    /// columns), to keep positions inside the text.
    private let lineCount: Int
    private let lastLineLength: Int

    /// Parses `text`; a syntax error is reported and gives a failed document with no root.
    init(text: String, file: String, lineOffset: Int = 0, sink: DiagnosticSink) {
        self.file = file
        self.lineOffset = lineOffset
        let (lineCount, lastLineLength) = YAMLDocument.lines(of: text)
        self.lineCount = lineCount
        self.lastLineLength = lastLineLength
        var parsed: Node?
        var failed = false
        do {
            if let finding = YAMLPreflight.check(text) {
                throw Refusal(position: finding.position, message: finding.message)
            }
            // The parser holds the anchors while it lives: a node it resolved from an alias still
            // names its anchor here, so what the scan before parsing missed is refused too.
            let (parser, root) = try YAMLDocument.parse(text)
            parsed = root
            withExtendedLifetime(parser) {}
            if let root = parsed, let anchored = YAMLPreflight.firstAnchored(root), let mark = anchored.mark {
                throw Refusal(position: TextPosition(line: mark.line, column: mark.column), message: YAMLPreflight.anchorMessage)
            }
        } catch let refusal as Refusal {
            failed = true
            parsed = nil
            let place = YAMLDocument.placed(
                line: refusal.position.line, column: refusal.position.column, lineOffset: lineOffset, lineCount: lineCount,
                lastLineLength: lastLineLength)
            sink.error(refusal.message, at: Location(file: file, line: place.line, column: place.column))
        } catch let error as YamlError {
            failed = true
            let (mark, message) = YAMLDocument.describe(error, in: text)
            let place = mark.map {
                YAMLDocument.placed(line: $0.line, column: $0.column, lineOffset: lineOffset, lineCount: lineCount, lastLineLength: lastLineLength)
            }
            sink.error(message, at: Location(file: file, line: place?.line, column: place?.column))
        } catch {
            failed = true
            sink.error("cannot parse YAML: \(error)", at: Location(file: file, line: lineOffset + 1, column: 1))
        }
        root = parsed
        self.failed = failed
    }

    /// Parses `text` with no tag rules (``YAMLScalarTag`` resolves tags when a reader asks). Yams'
    /// duplicate-key check then sees every untagged key as text, so it can only find more pairs than
    /// with its default rules, and only among keys of the same text: whenever it fails, or two keys
    /// of a mapping read the same, the text is parsed again with the default rules, whose result
    /// (or error) is the one that counts. Valid documents are parsed once, without regexes.
    /// The parser is returned with the root: it holds the anchors while it lives.
    static func parse(_ text: String) throws -> (Parser, Node?) {
        if let parser = try? Parser(yaml: text, resolver: .basic, encoding: .utf8),
            case .success(let root) = Result(catching: { try parser.singleRoot() }), !(root.map(hasKeysOfSameText) ?? false)
        {
            return (parser, root)
        }
        let parser = try Parser(yaml: text, resolver: .default, encoding: .utf8)
        return (parser, try parser.singleRoot())
    }

    /// Whether some mapping under `node` has two scalar keys of the same text, or a key that is not
    /// a scalar (compared by structure, so left to Yams' own rules).
    private static func hasKeysOfSameText(_ node: Node) -> Bool {
        switch node {
        case .mapping(let mapping):
            var seen = Set<String>()
            for (key, value) in mapping {
                guard case .scalar(let scalar) = key, seen.insert(scalar.string).inserted else { return true }
                if hasKeysOfSameText(value) { return true }
            }
            return false
        case .sequence(let sequence):
            return sequence.contains(where: hasKeysOfSameText)
        case .scalar, .alias:
            return false
        }
    }

    /// How many lines `text.split(separator: "\n", omittingEmptySubsequences: false)` gives, and the
    /// last one's length in Unicode scalars, counted over the bytes without making the lines. A
    /// line feed is a separator unless it follows a carriage return (CR LF is one `Character`,
    /// which is not "\n").
    static func lines(of text: String) -> (count: Int, lastLength: Int) {
        var count = 1
        var lastStart = text.utf8.startIndex
        var previous: UInt8 = 0
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            if byte == 0x0A && previous != 0x0D {
                count += 1
                lastStart = text.utf8.index(after: index)
            }
            previous = byte
        }
        return (count, text.unicodeScalars[lastStart...].count)
    }

    /// A problem found before or after parsing, at a position of the text.
    private struct Refusal: Error {
        var position: TextPosition
        var message: String
    }

    private static func describe(_ error: YamlError, in text: String) -> (TextPosition?, String) {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            // libyaml's nesting limit names its own API; say what it means.
            let position = TextPosition(line: mark.line, column: mark.column)
            if problem.contains("nesting level") || problem.contains("yaml_set_max_nest_level") {
                return (position, "invalid YAML: nested too deeply")
            }
            return (position, "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return (TextPosition(line: context.mark.line, column: context.mark.column), "duplicate key \(duplicates.map { quoted($0) }.joined(separator: ", "))")
        case .reader(let problem, let offset, let value, _):
            // libyaml gives the byte offset of what it could not read: place it.
            let mark = offset.map { TextPosition.of(byteOffset: $0, in: text) }
            let character = value >= 0 ? " (\(TextPosition.name(of: Unicode.Scalar(UInt32(value)) ?? "\u{FFFD}")))" : ""
            return (mark, "cannot read YAML: \(problem)\(character)")
        default:
            // No position from the parser (it cannot happen while parsing): the document's start.
            return (TextPosition(line: 1, column: 1), "invalid YAML: \(error)")
        }
    }

    /// A libyaml position as a file position. libyaml places the end of a text without a final
    /// line break at the start of the line after it; that is the end of the last line.
    private static func placed(line: Int, column: Int, lineOffset: Int, lineCount: Int, lastLineLength: Int) -> (line: Int, column: Int) {
        guard line > lineCount else { return (line + lineOffset, column) }
        return (lineCount + lineOffset, lastLineLength + 1)
    }

    func location(of node: Node) -> Location {
        guard let mark = node.mark else { return .file(file) }
        let place = YAMLDocument.placed(
            line: mark.line, column: mark.column, lineOffset: lineOffset, lineCount: lineCount, lastLineLength: lastLineLength)
        return Location(file: file, line: place.line, column: place.column)
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
            // A document that failed to parse has reported why; it is not also empty.
            if !document.failed {
                sink.error("expected \(what) to be a mapping of keys to values, but the document is empty", at: fallback ?? Location(file: document.file, line: 1, column: 1))
            }
            return nil
        }
        guard case .mapping(let mapping) = node else {
            sink.error("expected \(what) to be a mapping of keys to values, got \(MappingReader.kind(of: node))", at: document.location(of: node))
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
            if required { sink.error("missing required key '\(key)' in \(what)", at: location) }
            return nil
        }
        if MappingReader.isNull(node) {
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
        if YAMLScalarTag.name(of: node) == Tag.Name.bool.rawValue, let value = node.bool { return value }
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
            sink.error("'\(key)' must be a real date written YYYY-MM-DD, got \(quoted(scalar.string))", at: location)
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
            var message = "'\(key)' must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")), got \(quoted(text))"
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

    /// `params:`, the team's own fields: a mapping of names (lowercase letters, digits and
    /// underscores, so templates can write `vendor.params.NAME`) to text or numbers, kept as written.
    /// Validation knows nothing of them beyond their shape; a field the tool itself reads (and
    /// checks) still needs its own key in the model.
    mutating func params(_ key: String = "params") -> Params {
        guard var inner = mapping(key, what: "params") else { return Params() }
        var found: [String: String] = [:]
        for (name, keyNode) in inner.keys {
            inner.accept([name])
            guard let first = name.unicodeScalars.first, ("a"..."z").contains(first),
                name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" })
            else {
                sink.error(
                    "param name \(quoted(name)) must be lowercase letters, digits and underscores, starting with a letter (templates read it as params.NAME)",
                    at: document.location(of: keyNode))
                continue
            }
            guard let node = inner.value(name) else { continue }
            if MappingReader.isNull(node) {
                found[name] = ""
            } else if case .scalar = node {
                found[name] = MappingReader.string(node, key: name, document: document, sink: sink)
            } else {
                sink.error("param '\(name)' must be text or a number, got \(MappingReader.kind(of: node))", at: document.location(of: node))
            }
        }
        inner.finish()
        return Params(found)
    }

    /// The raw node, for fields with several accepted shapes.
    mutating func node(_ key: String, required: Bool = false) -> Node? {
        field(key, required: required)
    }

    /// Marks keys as read without reading them: they belong here, but cannot be judged (the
    /// entry's id or type is wrong), so they are not reported as unknown.
    mutating func accept(_ keys: [String]) {
        known += keys
    }

    /// Reports every key that no read asked for. Call after reading all fields.
    func finish() {
        for (name, keyNode) in keys where !known.contains(name) {
            var message = "unknown key \(quoted(name)) in \(what)"
            if let close = suggestion(for: name, among: known) { message += "; did you mean '\(close)'?" }
            sink.error(message, at: document.location(of: keyNode))
        }
        for entry in entries {
            if case .scalar = entry.key { continue }
            sink.error("keys in \(what) must be plain names", at: document.location(of: entry.key))
        }
    }

    // MARK: - Scalars

    /// `key:` with no value, `~` or `null`.
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, YAMLScalarTag.name(of: node) == Tag.Name.null.rawValue else { return false }
        return scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~"
    }

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
        let tag = YAMLScalarTag.name(of: node)
        if tag == Tag.Name.int.rawValue, let value = node.int { return Double(value) }
        if tooLarge(node, key: key, document: document, sink: sink) { return nil }
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
        if YAMLScalarTag.name(of: node) == Tag.Name.int.rawValue, let value = node.int { return value }
        if tooLarge(node, key: key, document: document, sink: sink) { return nil }
        sink.error("'\(key)' must be a whole number, got \(kind(of: node))", at: document.location(of: node))
        return nil
    }

    /// An integer that YAML reads as one but that does not fit in 64 bits: reported as such.
    private static func tooLarge(_ node: Node, key: String, document: YAMLDocument, sink: DiagnosticSink) -> Bool {
        guard YAMLScalarTag.name(of: node) == Tag.Name.int.rawValue, node.int == nil, case .scalar(let scalar) = node else { return false }
        let negative = scalar.string.hasPrefix("-")
        sink.error("'\(key)' is too \(negative ? "small" : "large")", at: document.location(of: node))
        return true
    }

    /// How a node reads in messages: `the text 'abc'`, `a list`, `a mapping`.
    static func kind(of node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            switch YAMLScalarTag.name(of: node) {
            case Tag.Name.int.rawValue, Tag.Name.float.rawValue: return "the number \(scalar.string)"
            case Tag.Name.bool.rawValue: return "the value \(scalar.string)"
            case Tag.Name.null.rawValue: return "nothing"
            default:
                return "the text \(quoted(scalar.string, limit: 40))"
            }
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .alias: return "an alias"
        }
    }
}

import Foundation
import Templating
import Workspace
import Yams

/// JSON and YAML documents as template data: the top-level keys become variables.
package enum DataDocument {
    /// Reads a `.json`, `.yaml` or `.yml` file whose top level is a mapping.
    /// Errors are located (`data.yaml:3:5: …`) and name the file as `displayPath`.
    package static func load(_ url: URL, displayPath: String) throws -> [(String, Value)] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DocumentError("cannot read '\(displayPath)': \(Self.reason(error))")
        }
        let bytes = [UInt8](data)
        if let offset = TextPosition.firstInvalidUTF8(in: bytes) {
            throw DocumentError(
                at: "\(displayPath):\(TextPosition.of(byteOffset: offset, in: bytes))",
                "the file is not valid UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))")
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let value: Value
        switch url.pathExtension.lowercased() {
        case "json":
            do {
                value = try JSONReader.parse(text)
            } catch let failure as JSONReader.Failure {
                throw DocumentError(at: "\(displayPath):\(failure.line):\(failure.column)", failure.message)
            }
        case "yaml", "yml":
            value = try parseYAML(text, displayPath: displayPath)
        default:
            throw DocumentError("'\(displayPath)': data files must be .json, .yaml or .yml")
        }
        guard case .dict(let mapping) = value else {
            throw DocumentError(at: "\(displayPath):1:1", "the top level must be a mapping of names to values")
        }
        return Array(zip(mapping.keys, mapping.values))
    }

    /// A `--set key=value` override: the value is read as JSON when it is valid JSON (`2026`,
    /// `true`, `[1,2]`, `"text"`), and as a plain string otherwise (`Nvidia`).
    package static func assignment(_ text: String) throws -> (String, Value) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw DocumentError("an assignment must be key=value, got '\(text)'")
        }
        let key = String(text[..<equals])
        let raw = String(text[text.index(after: equals)...])
        return (key, (try? JSONReader.parse(raw)) ?? .string(raw))
    }

    static func parseYAML(_ text: String, displayPath: String) throws -> Value {
        // Anchors and aliases are refused before parsing: a few hundred bytes of nested aliases
        // expand to billions of values (and the parser hashes alias keys as it goes).
        if let finding = YAMLPreflight.check(text) {
            throw DocumentError(at: "\(displayPath):\(finding.position)", finding.message)
        }
        do {
            // The parser keeps anchor names alive while it exists: a node resolved from an alias
            // that the scan missed still carries its anchor, and is refused before any walk.
            let parser = try Parser(yaml: text)
            guard let node = try parser.singleRoot() else { return .dictionary([]) }
            if let anchored = YAMLPreflight.firstAnchored(node) {
                throw DocumentError(at: position(anchored, displayPath), YAMLPreflight.anchorMessage)
            }
            return try value(of: node, displayPath: displayPath, depth: 0)
        } catch let error as YamlError {
            throw locatedYAMLError(error, displayPath: displayPath)
        }
    }

    private static func value(of node: Node, displayPath: String, depth: Int) throws -> Value {
        guard depth < 256 else { throw DocumentError(at: position(node, displayPath), "nesting too deep") }
        switch node {
        case .scalar(let scalar):
            switch node.tag.description {
            case Tag.Name.null.rawValue: return .none
            case Tag.Name.bool.rawValue: return node.bool.map(Value.bool) ?? .string(scalar.string)
            case Tag.Name.int.rawValue: return node.int.map(Value.int) ?? .string(scalar.string)
            case Tag.Name.float.rawValue: return node.float.map(Value.double) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence):
            return .list(try sequence.map { try value(of: $0, displayPath: displayPath, depth: depth + 1) })
        case .mapping(let mapping):
            var pairs: [(String, Value)] = []
            var seen = Set<String>()
            for (key, item) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw DocumentError(at: position(key, displayPath), "mapping keys must be plain strings")
                }
                guard seen.insert(scalar.string).inserted else {
                    throw DocumentError(at: position(key, displayPath), "duplicate key '\(scalar.string)'")
                }
                pairs.append((scalar.string, try value(of: item, displayPath: displayPath, depth: depth + 1)))
            }
            return .dictionary(pairs)
        case .alias:
            throw DocumentError(at: position(node, displayPath), "YAML aliases are not supported in data files")
        }
    }

    private static func position(_ node: Node, _ displayPath: String) -> String {
        guard let mark = node.mark else { return displayPath }
        return "\(displayPath):\(mark.line):\(mark.column)"
    }

    private static func locatedYAMLError(_ error: YamlError, displayPath: String) -> DocumentError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return DocumentError(at: "\(displayPath):\(mark.line):\(mark.column)", problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the mapping; point at the repeated key itself when it can be found.
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let (line, column) = duplicates.first.flatMap { secondOccurrence(of: $0, in: context.text, from: context.mark.line) }
                ?? (context.mark.line, context.mark.column)
            return DocumentError(at: "\(displayPath):\(line):\(column)", "duplicate key \(keys)")
        case .reader(let problem, let offset, _, let yaml):
            guard let offset else { return DocumentError(at: displayPath, problem) }
            return DocumentError(at: "\(displayPath):\(TextPosition.of(byteOffset: offset, in: yaml))", problem)
        default:
            return DocumentError(at: displayPath, "\(error)")
        }
    }

    /// The line and column of the second `key:` at the start of a line, from `firstLine` on.
    private static func secondOccurrence(of key: String, in text: String, from firstLine: Int) -> (Int, Int)? {
        var seen = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where index + 1 >= firstLine {
            let indentation = line.prefix { $0 == " " || $0 == "-" }
            let rest = line.dropFirst(indentation.count)
            guard rest.hasPrefix(key) else { continue }
            let after = rest.dropFirst(key.count).drop { $0 == " " }
            guard after.hasPrefix(":") else { continue }
            seen += 1
            if seen == 2 { return (index + 1, indentation.count + 1) }
        }
        return nil
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "No such file or directory"
        }
        return nsError.localizedDescription
    }
}

/// A data file could not be read or parsed.
package struct DocumentError: Error, CustomStringConvertible, Sendable, ProblemReporting {
    /// `data.yaml:3:5`, when the problem has a place in the file.
    package let location: String?
    package let message: String

    init(at location: String? = nil, _ message: String) {
        self.location = location
        self.message = message
    }

    /// `data.yaml:3:5: error: …` when located, else the bare message.
    package var description: String { location.map { "\($0): error: \(message)" } ?? message }

    /// The location split into file, line and column (a path may itself hold colons).
    package var problems: [Problem] {
        guard let location else { return [Problem(.data, message)] }
        var parts = location.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        var numbers: [Int] = []
        while numbers.count < 2, parts.count > 1, let number = Int(parts[parts.count - 1]) {
            numbers.insert(number, at: 0)
            parts.removeLast()
        }
        let file = parts.joined(separator: ":")
        return [Problem(.data, message, at: .init(file: file, line: numbers.first, column: numbers.count > 1 ? numbers[1] : nil))]
    }
}

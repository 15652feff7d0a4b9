import Foundation
import Yams

/// State shared while loading one workspace: where files are, how to name them in messages,
/// the sink for diagnostics, and what has been loaded so far.
final class LoadContext {
    let root: URL
    let displayPrefix: String
    let sink: DiagnosticSink
    /// The date the workspace is read as of: narratives are judged stale against it.
    var asOf: Day
    /// The calendar date now in the workspace's time zone: a date after it is most likely a typo.
    var today: Day
    var defaults = WorkspaceConfig.Defaults()
    var limits = WorkspaceConfig.Limits()
    /// `vendor_kinds:` of briefing.yaml, when it lists them.
    var vendorKinds: [String]?
    /// The source registry by id, once `Data/sources.yaml` is read.
    var registry: [String: Source] = [:]
    /// Registry ids whose entry exists but has an error: citing them is not "unknown".
    var brokenSourceIDs: Set<String> = []
    /// `Data/sources.yaml` exists but could not be read as a list of sources, so no citation of a
    /// registry id can be judged.
    var registryFailed = false
    /// Ids of markets, vendors and scenarios whose file exists but failed to load (the file name's
    /// stem and the `id` when readable): citing them is not "unknown", the file's own errors say
    /// what is wrong.
    var brokenIDs: [Reference.Kind: Set<String>] = [:]
    /// Markets named by scenarios that failed to load: their probabilities cannot be summed.
    var marketsWithBrokenScenarios: Set<String> = []
    /// A scenario failed to load without a readable `market`: no market's probabilities can be summed.
    var brokenScenarioWithoutMarket = false
    /// `Data/` folders already reported as leading outside the workspace.
    var outsideFolders: Set<String> = []
    /// Where each file's `id` is written (by displayed file), for cross-file diagnostics.
    var idLocations: [String: Location] = [:]

    init(root: URL, displayPrefix: String, asOf: Day, sink: DiagnosticSink) {
        self.root = root
        self.displayPrefix = displayPrefix
        self.asOf = asOf
        self.today = asOf
        self.sink = sink
    }

    /// `Data/scenarios/base.yaml`, prefixed with the workspace's path from the current folder.
    func display(_ relativePath: String) -> String {
        displayPrefix.isEmpty ? relativePath : displayPrefix + "/" + relativePath
    }

    func url(_ relativePath: String) -> URL { root.appendingPathComponent(relativePath) }

    /// Whether `relativePath`, with its symbolic links followed, stays inside the workspace.
    func staysInside(_ relativePath: String) -> Bool {
        WorkspaceBoundary.contains(relativePath, root: root)
    }

    static let outsideMessage = "is a symbolic link that leads outside the workspace; it is not read (copy the file into the workspace instead)"

    /// The files with `extension` in a `Data/` folder, sorted by name; a missing folder is empty.
    func files(in folder: String, withExtension ext: String) -> [String] {
        guard staysInside(folder) else {
            if outsideFolders.insert(folder).inserted { sink.error("\(folder)/ \(LoadContext.outsideMessage)", at: .file(display(folder))) }
            return []
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: url(folder).path) else { return [] }
        return names.filter { !$0.hasPrefix(".") && $0.hasSuffix("." + ext) }.sorted().map { folder + "/" + $0 }
    }

    /// The file's text, or `nil` after reporting why it cannot be read. A UTF-8 byte-order mark
    /// is dropped; invalid UTF-8 is an error (data must not be silently altered). Line endings
    /// become "\n" (CR LF and a lone CR each end one line, as YAML counts them, so positions stay
    /// the same): every reader can split on "\n".
    func read(_ relativePath: String) -> String? {
        let file = display(relativePath)
        guard staysInside(relativePath) else {
            sink.error("\(relativePath) \(LoadContext.outsideMessage)", at: .file(file))
            return nil
        }
        // Refused by size before it is read: a 100 MB event body once took 4.7 GB to render, and
        // even reading it costs seconds.
        let largest = largestFileSize(relativePath)
        if let size = (try? FileManager.default.attributesOfItem(atPath: url(relativePath).path))?[.size] as? Int, size > largest {
            sink.error(
                "the file is \(LoadContext.kibibytes(size)) KiB, more than the \(LoadContext.kibibytes(largest)) KiB such a file may have (\(relativePath.hasSuffix(".md") ? "limits: markdown_body_kib in briefing.yaml, plus \(LoadContext.frontMatterAllowanceKiB) KiB of front matter" : "data files are small"))",
                at: Location(file: file, line: 1, column: 1))
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: url(relativePath))
        } catch {
            sink.error("cannot read the file: \(LoadContext.reason(error))", at: .file(file))
            return nil
        }
        let bytes = [UInt8](data)
        if let offset = TextPosition.firstInvalidUTF8(in: bytes) {
            let position = TextPosition.of(byteOffset: offset, in: bytes)
            sink.error(
                "the file is not valid UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset))",
                at: Location(file: file, line: position.line, column: position.column))
            return nil
        }
        var text = String(decoding: bytes, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        // Invisible in an editor, and silently cut or changed by the readers that follow (a NUL
        // ends a CSV cell early): refused where it is.
        if let (scalar, position) = TextPosition.firstForbiddenControl(in: text) {
            sink.error("the control character \(TextPosition.name(of: scalar)) is not allowed", at: Location(file: file, line: position.line, column: position.column))
            return nil
        }
        return LoadContext.normalizingLineEndings(text)
    }

    /// Room for a Markdown file's front matter on top of its body limit.
    static let frontMatterAllowanceKiB = 64
    /// The largest YAML or CSV file: far more than any market history or source registry needs.
    static let largestDataFileKiB = 8 * 1024

    /// How large the file at `relativePath` may be, in bytes.
    func largestFileSize(_ relativePath: String) -> Int {
        relativePath.hasSuffix(".md")
            ? limits.markdownBodyBytes + LoadContext.frontMatterAllowanceKiB * 1024 : LoadContext.largestDataFileKiB * 1024
    }

    /// CR LF and a lone CR become LF.
    static func normalizingLineEndings(_ text: String) -> String {
        guard text.utf8.contains(0x0D) else { return text }
        var scalars = String.UnicodeScalarView()
        var afterCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\r" {
                scalars.append("\n")
                afterCR = true
            } else {
                if !(scalar == "\n" && afterCR) { scalars.append(scalar) }
                afterCR = false
            }
        }
        return String(scalars)
    }

    /// Records a file that exists but failed to load, so that citing it is not also "unknown".
    func noteBroken(_ kind: Reference.Kind, path: String, id: String?) {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        brokenIDs[kind, default: []].insert(stem)
        if let id { brokenIDs[kind, default: []].insert(id) }
    }

    static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError { return "No such file or directory" }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return nsError.localizedDescription
    }

    // MARK: - Shared field rules

    /// Ids are slugs: `ai-accelerators`, `aws-trainium`.
    static func isSlug(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first >= "a", first <= "z" else { return false }
        var previousHyphen = false
        for scalar in text.unicodeScalars {
            let isLower = scalar >= "a" && scalar <= "z"
            let isDigit = scalar >= "0" && scalar <= "9"
            if scalar == "-" {
                if previousHyphen { return false }
                previousHyphen = true
            } else if isLower || isDigit {
                previousHyphen = false
            } else {
                return false
            }
        }
        return !previousHyphen
    }

    /// Reads a required id and checks its shape.
    func id(from reader: inout MappingReader, key: String = "id") -> (String, Location)? {
        guard let node = reader.node(key, required: true),
            let text = MappingReader.string(node, key: key, document: reader.document, sink: sink)
        else { return nil }
        let location = reader.location(of: node)
        guard LoadContext.isSlug(text) else {
            sink.error("\(quoted(text)) is not a valid id: use lowercase letters, digits and single hyphens, starting with a letter", at: location)
            return nil
        }
        return (text, location)
    }

    /// A `sources:` list: registry ids or inline sources.
    func sources(from reader: inout MappingReader, key: String = "sources") -> [Source] {
        guard let node = reader.node(key) else { return [] }
        let items: [Node]
        switch node {
        case .sequence(let sequence): items = Array(sequence)
        default: items = [node]
        }
        return items.compactMap { source(from: $0, in: reader.document) }
    }

    /// One source reference: a registry id (scalar) or an inline source (mapping).
    func source(from node: Node, in document: YAMLDocument) -> Source? {
        switch node {
        case .scalar(let scalar):
            if let found = registry[scalar.string] { return found }
            // The registry entry (or the whole registry) has its own error; not unknown.
            if registryFailed || brokenSourceIDs.contains(scalar.string) { return nil }
            var message = "unknown source \(quoted(scalar.string))"
            if let close = suggestion(for: scalar.string, among: Array(registry.keys)) { message += "; did you mean '\(close)'?" }
            else { message += " (sources are listed in Data/sources.yaml)" }
            sink.error(message, at: document.location(of: node))
            return nil
        case .mapping:
            guard var reader = MappingReader(node, in: document, sink: sink, what: "source") else { return nil }
            return inlineSource(&reader, id: nil)
        default:
            sink.error("a source must be a source id or a mapping, got \(MappingReader.kind(of: node))", at: document.location(of: node))
            return nil
        }
    }

    /// The fields of a source (registry entry or inline), with the warnings for weak citations.
    func inlineSource(_ reader: inout MappingReader, id: String?) -> Source? {
        let publisher = reader.string("publisher", required: true)
        let title = reader.string("title", required: true)
        let date = reader.day("date")
        let urlNode = reader.node("url")
        let url = urlNode.flatMap { MappingReader.string($0, key: "url", document: reader.document, sink: sink) }
        let kind = reader.choice("kind", SourceKind.allCases.map(\.rawValue), required: true).flatMap(SourceKind.init)
        let note = reader.string("note")
        reader.finish()
        if let url, let urlNode, !(url.hasPrefix("https://") || url.hasPrefix("http://")) {
            sink.error("'url' must be an http(s) address, got \(quoted(url))", at: reader.location(of: urlNode))
        }
        guard let publisher, let title, let kind else { return nil }
        let name = "source " + quoted(id ?? title)
        if url == nil && kind != .illustrative {
            sink.warning("\(name) has no url: readers cannot check it", at: reader.location)
        }
        if date == nil && kind != .illustrative {
            sink.warning("\(name) has no date", at: reader.location)
        }
        return Source(id: id, publisher: publisher, title: title, date: date?.0, url: url, kind: kind, note: note)
    }
}

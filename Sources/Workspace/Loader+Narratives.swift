import Foundation
import Yams

/// `Data/vendors/<id>.md` and `Data/events/YYYY-MM-DD-slug.md`: Markdown with front matter.
extension LoadContext {
    static let expectedSections = ["thesis", "catalysts", "risks"]

    func loadVendor(_ path: String) -> Vendor? {
        var declaredID: String?
        if let vendor = readVendor(path, declaredID: &declaredID) { return vendor }
        noteBroken(.vendor, path: path, id: declaredID)
        return nil
    }

    /// `kind:`: one of `vendor_kinds` when briefing.yaml lists them, else any slug.
    private func vendorKind(_ reader: inout MappingReader) -> VendorKind? {
        if let allowed = vendorKinds {
            return reader.choice("kind", allowed, required: true).map(VendorKind.init(rawValue:))
        }
        guard let node = reader.node("kind", required: true), let text = MappingReader.string(node, key: "kind", document: reader.document, sink: sink)
        else { return nil }
        guard LoadContext.isSlug(text) else {
            sink.error("vendor kind \(quoted(text)) is not a slug: use lowercase letters, digits and single hyphens, starting with a letter (merchant, hyperscaler, optics-module…)",
                       at: reader.location(of: node))
            return nil
        }
        return VendorKind(rawValue: text)
    }

    private func readVendor(_ path: String, declaredID: inout String?) -> Vendor? {
        let file = display(path)
        guard let text = read(path), let split = FrontMatterFile.split(text, file: file, sink: sink) else { return nil }
        let document = YAMLDocument(text: split.yaml, file: file, lineOffset: split.yamlLineOffset, sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "vendor front matter",
                                         at: Location(file: file, line: 1, column: 1)) else { return nil }
        let id = self.id(from: &reader)
        declaredID = id?.0
        if let (_, location) = id { idLocations[file] = location }
        let name = reader.string("name", required: true)
        let tickers = reader.strings("tickers")?.map(\.0) ?? []
        let kind = vendorKind(&reader)
        let color = colour(&reader)
        let stance = reader.choice("stance", Stance.allCases.map(\.rawValue), required: true).flatMap(Stance.init)
        let updated = reader.day("updated", required: true)
        let sources = self.sources(from: &reader)
        let params = reader.params()
        reader.finish()
        if let (id, location) = id, !path.hasSuffix("/\(id).md") {
            sink.error("vendor '\(id)' must be in a file named \(id).md", at: location)
        }
        let bodyOK = checkMarkdownBody(split.body, file: file, bodyLine: split.bodyLine)
        let (summary, sections) = NarrativeSections.parse(split.body)
        let bodyStart = Location(file: file, line: split.bodyLine, column: 1)
        for expected in LoadContext.expectedSections where !sections.contains(where: { $0.key == expected }) {
            sink.warning("the narrative has no '## \(expected.prefix(1).uppercased() + expected.dropFirst())' section", at: bodyStart)
        }
        if let (updated, location) = updated {
            // After today is a likely typo, unless the as-of date itself was set that far ahead.
            if updated > max(today, asOf) {
                sink.warning("'updated' is \(updated), after today; is the date mistyped?", at: location)
            } else if updated > asOf {
                sink.warning("'updated' is \(updated), after the as-of date \(asOf): the narrative is used as it is now", at: location)
            } else if asOf.days(since: updated) > defaults.staleNarrativeDays {
                sink.warning("narrative last updated \(updated), \(asOf.days(since: updated)) days before \(asOf)", at: location)
            }
        }
        guard let (id, _) = id, let name, let kind, let color, let stance, let updated, bodyOK else { return nil }
        return Vendor(
            id: id, name: name, tickers: tickers, kind: kind, color: color, stance: stance, updated: updated.0, summary: summary,
            sections: sections, sources: sources, file: file, params: params)
    }

    private func colour(_ reader: inout MappingReader) -> String? {
        guard let node = reader.node("color", required: true),
            let text = MappingReader.string(node, key: "color", document: reader.document, sink: sink)
        else { return nil }
        let hex = text.dropFirst()
        guard text.hasPrefix("#"), hex.count == 6, hex.allSatisfy(\.isHexDigit) else {
            sink.error("'color' must be written #RRGGBB, got \(quoted(text))", at: reader.location(of: node))
            return nil
        }
        return text.uppercased()
    }

    func loadEvent(_ path: String) -> (Event, references: [Reference])? {
        let file = display(path)
        let name = String(path.split(separator: "/").last ?? "")
        let stem = name.hasSuffix(".md") ? String(name.dropLast(3)) : name
        let nameDate = stem.count > 11 ? Day(String(stem.prefix(10))) : nil
        let slug = stem.count > 11 ? String(stem.dropFirst(11)) : ""
        guard let nameDate, stem.dropFirst(10).first == "-", LoadContext.isSlug(slug) else {
            sink.error("event files are named YYYY-MM-DD-slug.md (a real date, then a slug), got \(quoted(name))", at: .file(file))
            return nil
        }
        guard let text = read(path), let split = FrontMatterFile.split(text, file: file, sink: sink) else { return nil }
        let document = YAMLDocument(text: split.yaml, file: file, lineOffset: split.yamlLineOffset, sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "event front matter",
                                         at: Location(file: file, line: 1, column: 1)) else { return nil }
        let date = reader.day("date", required: true)
        let headline = reader.string("headline", required: true)
        let vendors = reader.strings("vendors") ?? []
        let markets = reader.strings("markets") ?? []
        let scenarios = reader.strings("scenarios") ?? []
        let importance = reader.choice("importance", Importance.allCases.map(\.rawValue), required: true).flatMap(Importance.init)
        let sources = self.sources(from: &reader)
        // Missing, empty (`sources:`) or an empty list: the same error. A list whose entries all
        // have errors has reported them.
        if let node = reader.value("sources") {
            if MappingReader.isNull(node) || node.sequence?.isEmpty == true {
                sink.error("an event needs at least one source", at: reader.location(of: node))
            }
        } else {
            sink.error("an event needs at least one source", at: reader.location)
        }
        reader.finish()
        if let (date, location) = date {
            if date != nameDate {
                sink.error("'date' is \(date) but the file name says \(nameDate)", at: location)
            }
            // An event after the as-of date is not an error: a briefing as of an earlier date
            // leaves it for later periods. One after today (and after a future as-of date) is most
            // likely a typo.
            if date > max(today, asOf) {
                sink.warning("the event is dated \(date), after today; is the date mistyped?", at: location)
            }
        }
        let bodyOK = checkMarkdownBody(split.body, file: file, bodyLine: split.bodyLine)
        if split.body.allSatisfy(\.isWhitespace) {
            sink.warning("the event has no text after its front matter", at: Location(file: file, line: split.bodyLine, column: 1))
        }
        guard let date, let headline, let importance, bodyOK else { return nil }
        let references = vendors.map { Reference(kind: .vendor, id: $0.0, location: $0.1) }
            + markets.map { Reference(kind: .market, id: $0.0, location: $0.1) }
            + scenarios.map { Reference(kind: .scenario, id: $0.0, location: $0.1) }
        let event = Event(
            date: date.0, slug: slug, headline: headline, vendorIDs: vendors.map(\.0), marketIDs: markets.map(\.0),
            scenarioIDs: scenarios.map(\.0), importance: importance, sources: sources,
            body: split.body.trimmingCharacters(in: .newlines), file: file)
        return (event, references)
    }
}

/// An id named in one file that must exist in another, checked once everything is loaded.
struct Reference {
    enum Kind: String {
        case vendor, market, scenario
    }
    var kind: Kind
    var id: String
    var location: Location
}

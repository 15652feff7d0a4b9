import Foundation
import Workspace

/// A new event file (`briefing new event`): `Data/events/<date>-<slug>.md` with its front
/// matter filled in as docs/data.md describes and a placeholder for the text.
package struct EventDraft: Sendable, Hashable {
    package var date: Day
    package var headline: String
    package var vendorIDs: [String]
    package var marketIDs: [String]
    package var scenarioIDs: [String]
    package var importance: Importance
    /// The source's publisher; `TODO` until the analyst fills it in.
    package var publisher: String
    package var sourceURL: String?

    /// The longest slug taken from a headline, in characters.
    package static let maximumSlugLength = 60
    package static let defaultPublisher = "TODO"
    package static let placeholder = "What happened and why it matters."

    /// A draft; whitespace in the headline is collapsed to single spaces and repeated ids are
    /// listed once.
    package init(
        date: Day, headline: String, vendorIDs: [String] = [], marketIDs: [String] = [], scenarioIDs: [String] = [],
        importance: Importance = .medium, publisher: String? = nil, sourceURL: String? = nil
    ) {
        self.date = date
        self.headline = EventDraft.normalizedHeadline(headline)
        self.vendorIDs = EventDraft.unique(vendorIDs)
        self.marketIDs = EventDraft.unique(marketIDs)
        self.scenarioIDs = EventDraft.unique(scenarioIDs)
        self.importance = importance
        self.publisher = publisher.map(EventDraft.normalizedHeadline).flatMap { $0.isEmpty ? nil : $0 } ?? EventDraft.defaultPublisher
        self.sourceURL = sourceURL
    }

    /// The slug the file is named with, or `nil` when the headline has no letter or digit to
    /// make one from.
    package var slug: String? { EventDraft.slug(for: headline) }

    /// `Data/events/2026-11-25-amazon-in-talks-to-sell-trainium-chips.md`.
    package var path: String? { slug.map { "Data/events/\(date)-\($0).md" } }

    /// The file's text: front matter, then the placeholder paragraph.
    package var contents: String {
        var lines = [
            "---",
            "date: \(date)",
            "headline: \(EventDraft.quoted(headline))",
            "vendors: \(EventDraft.flowList(vendorIDs))",
            "markets: \(EventDraft.flowList(marketIDs))",
            "scenarios: \(EventDraft.flowList(scenarioIDs))",
            "importance: \(importance.rawValue)",
            "sources:",
            "  - publisher: \(EventDraft.quoted(publisher))",
            "    title: \(EventDraft.quoted(headline))",
            "    date: \(date)",
        ]
        if let sourceURL { lines.append("    url: \(EventDraft.quoted(sourceURL))") }
        lines += ["    kind: reported", "---", EventDraft.placeholder]
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Checking ids

    /// The ids an event can name, taken from file names (`Data/vendors/<id>.md`,
    /// `Data/markets/<id>.yaml`, `Data/scenarios/<id>.yaml`), so that they can be checked even
    /// while another file of the workspace has errors.
    package struct KnownIDs: Sendable, Hashable {
        package var vendors: [String]
        package var markets: [String]
        package var scenarios: [String]

        package init(vendors: [String], markets: [String], scenarios: [String]) {
            self.vendors = vendors
            self.markets = markets
            self.scenarios = scenarios
        }

        /// Reads the three data folders of the workspace at `root`; a missing folder has no ids.
        package static func scan(root: URL) -> KnownIDs {
            func stems(_ folder: String, _ ext: String) -> [String] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(folder).path)) ?? []
                return names.filter { !$0.hasPrefix(".") && $0.hasSuffix("." + ext) }.map { String($0.dropLast(ext.count + 1)) }.sorted()
            }
            return KnownIDs(vendors: stems("Data/vendors", "md"), markets: stems("Data/markets", "yaml"), scenarios: stems("Data/scenarios", "yaml"))
        }
    }

    /// One error per id that names no vendor, market or scenario of the workspace, with the
    /// closest known id: `unknown vendor 'aws'; did you mean 'aws-trainium'?`.
    package func unknownIDs(among known: KnownIDs) -> [UnknownID] {
        let kinds: [(UnknownID.Category, [String], [String])] = [
            (.vendor, vendorIDs, known.vendors), (.market, marketIDs, known.markets), (.scenario, scenarioIDs, known.scenarios),
        ]
        return kinds.flatMap { category, given, candidates in
            given.filter { !candidates.contains($0) }.map { UnknownID(category, $0, known: candidates, fallback: .none) }
        }
    }

    static func suggestion(for id: String, among candidates: [String]) -> String? {
        Suggestion.closest(to: id, among: candidates)
    }

    // MARK: - Slugs

    /// A file-name slug from a headline: lowercase ASCII letters and digits, words joined by
    /// single hyphens, at most ``maximumSlugLength`` characters (cut at a word where possible).
    /// Accented letters lose their accents (`Ü` → `u`), a few letters are spelled out (`ß` →
    /// `ss`), apostrophes are dropped (`Nvidia's` → `nvidias`), `&` reads `and`, and any other
    /// character separates words. Ids must start with a letter, so a slug that would start with
    /// a digit gets an `event-` prefix. `nil` when nothing is left.
    package static func slug(for headline: String) -> String? {
        var words: [String] = []
        var word = ""
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word = ""
        }
        for scalar in headline.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                word.unicodeScalars.append(scalar)
            } else if let spelled = spelledOut[scalar] {
                word += spelled
            } else if scalar == "'" || scalar == "\u{2019}" || scalar.properties.generalCategory == .nonspacingMark
                || scalar.properties.generalCategory == .spacingMark || scalar.properties.generalCategory == .enclosingMark
            {
                continue
            } else if scalar == "&" {
                endWord()
                words.append("and")
            } else {
                endWord()
            }
        }
        endWord()
        guard let first = words.first else { return nil }
        if let initial = first.unicodeScalars.first, !("a"..."z").contains(initial) { words.insert("event", at: 0) }
        var slug = ""
        for word in words {
            let candidate = slug.isEmpty ? word : slug + "-" + word
            if candidate.count <= maximumSlugLength {
                slug = candidate
            } else {
                if slug.isEmpty { slug = String(word.prefix(maximumSlugLength)) }
                break
            }
        }
        return slug
    }

    /// Letters that decomposition leaves outside ASCII, spelled the usual way.
    private static let spelledOut: [Unicode.Scalar: String] = [
        "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ð": "d", "þ": "th", "ł": "l", "đ": "d", "ı": "i", "ħ": "h",
    ]

    // MARK: - YAML

    /// A YAML double-quoted scalar: `\` and `"` escaped, control characters and line
    /// separators written as escapes, everything else (UTF-8 included) as is.
    package static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\u{2028}": out += "\\L"
            case "\u{2029}": out += "\\P"
            case "\u{85}": out += "\\N"
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0xFEFF {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `[nvidia, aws-trainium]`; an id that is not a plain slug is quoted.
    static func flowList(_ ids: [String]) -> String {
        "[" + ids.map { isPlain($0) ? $0 : quoted($0) }.joined(separator: ", ") + "]"
    }

    private static func isPlain(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            && !["null", "true", "false", "yes", "no", "on", "off", "y", "n"].contains(id)
    }

    private static func normalizedHeadline(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    private static func unique(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}

/// A Markdown file with YAML front matter between `---` lines.
struct FrontMatterFile {
    /// The YAML between the fences.
    let yaml: String
    /// Lines before the YAML (the opening fence): add to YAML line numbers.
    let yamlLineOffset: Int
    /// The Markdown after the closing fence.
    let body: String
    /// The 1-based line where the body starts (the closing fence's line when the file ends there).
    let bodyLine: Int

    /// Splits `text` (with "\n" line endings, see `LoadContext.read`); reports a missing or
    /// unclosed front matter and returns `nil`.
    static func split(_ text: String, file: String, sink: DiagnosticSink) -> FrontMatterFile? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            sink.error("expected front matter: the file must start with a '---' line", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        guard let closing = lines.indices.dropFirst().first(where: { ["---", "..."].contains(lines[$0].trimmingTrailingSpaces()) }) else {
            sink.error("the front matter is never closed: add a '---' line after it", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        return FrontMatterFile(
            yaml: lines[1..<closing].joined(separator: "\n"),
            yamlLineOffset: 1,
            body: lines[(closing + 1)...].joined(separator: "\n"),
            bodyLine: min(closing + 2, lines.count))
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result = result.dropLast() }
        return result
    }
}

/// The `##` sections of a narrative, outside fenced code blocks.
enum NarrativeSections {
    static func parse(_ body: String) -> (summary: String, sections: [NarrativeSection]) {
        var summary: [Substring] = []
        var sections: [(title: String, lines: [Substring])] = []
        var fence: Substring?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
            } else if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
            } else if line.hasPrefix("## ") {
                var title = line.dropFirst(3)
                while title.last == "#" || title.last == " " { title = title.dropLast() }
                sections.append((String(title.drop { $0 == " " }), []))
                continue
            }
            if sections.isEmpty { summary.append(line) } else { sections[sections.count - 1].lines.append(line) }
        }
        func text(_ lines: [Substring]) -> String {
            lines.joined(separator: "\n").trimmingCharacters(in: "\n")
        }
        return (text(summary), sections.map { NarrativeSection(title: $0.title, key: slug($0.title), markdown: text($0.lines)) })
    }

    /// `What we watch` → `what-we-watch`.
    static func slug(_ title: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in title.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !out.isEmpty { out += "-" }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var start = startIndex
        var end = endIndex
        while start < end, self[start] == set { start = index(after: start) }
        while end > start, self[index(before: end)] == set { end = index(before: end) }
        return String(self[start..<end])
    }
}

/// The plain-text part of the e-mail edition, for clients that show no HTML and for readers who
/// prefer text: the briefing's Markdown, which reads well as it is, with what does not read well
/// in text replaced. Headings are underlined, images become `[Chart: description]`, links keep
/// their text (links within the site mean nothing in a message), backslash escapes are undone
/// outside tables, and the "Read online" address leads.
enum EmailPlainText {
    static func render(markdown: String, readOnline: String?, disclaimer: String) -> String {
        var lines: [String] = []
        if let readOnline { lines += ["Read online: \(readOnline)", ""] }
        var fence: Substring?
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.drop { $0 == " " }
            if let marker = fence {
                if trimmed.hasPrefix(marker) { fence = nil }
                lines.append(String(line))
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix(3)
                lines.append(String(line))
                continue
            }
            if let heading = heading(trimmed) {
                let text = inline(heading.text, inTable: false)
                lines.append(text)
                if heading.level <= 2 { lines.append(String(repeating: heading.level == 1 ? "=" : "-", count: max(3, text.count))) }
                continue
            }
            lines.append(inline(line, inTable: trimmed.hasPrefix("|")))
        }
        var text = lines.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        let wanted = words(disclaimer)
        if !wanted.isEmpty, !words(text).contains(wanted) {
            text += "\n\n---\n\n" + wanted
        }
        return text + "\n"
    }

    private static func words(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private static func heading(_ line: Substring) -> (level: Int, text: Substring)? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count) else { return nil }
        let rest = line.dropFirst(hashes.count)
        guard rest.isEmpty || rest.first == " " else { return nil }
        var text = rest.drop { $0 == " " }
        while text.hasSuffix("#") || text.hasSuffix(" ") { text = text.dropLast() }
        return (hashes.count, text)
    }

    /// One line with images and links rewritten and escapes undone.
    static func inline(_ line: Substring, inTable: Bool) -> String {
        var out = ""
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == "\\", line.index(after: index) < line.endIndex {
                let next = line[line.index(after: index)]
                if next.isPunctuation || next.isSymbol {
                    if inTable && next == "|" { out += "\\|" } else { out.append(next) }
                    index = line.index(index, offsetBy: 2)
                    continue
                }
            }
            let isImage = character == "!" && line[line.index(after: index)...].hasPrefix("[")
            if character == "[" || isImage, let link = link(in: line, at: isImage ? line.index(after: index) : index) {
                if link.text.hasPrefix("^") {
                    out += line[index..<link.end]  // a footnote reference, [^1]: kept as written
                } else if isImage {
                    out += "[Chart: \(inline(link.text, inTable: inTable))]"
                } else {
                    out += inline(link.text, inTable: inTable)
                }
                index = link.end
                continue
            }
            out.append(character)
            index = line.index(after: index)
        }
        return out
    }

    /// `[text](destination)` starting at `start` (the `[`): its text and where it ends.
    private static func link(in line: Substring, at start: Substring.Index) -> (text: Substring, end: Substring.Index)? {
        var depth = 0
        var index = start
        var close: Substring.Index?
        while index < line.endIndex {
            switch line[index] {
            case "\\":
                index = line.index(after: index)
                if index == line.endIndex { return nil }
            case "[": depth += 1
            case "]":
                depth -= 1
                if depth == 0 { close = index }
            default: break
            }
            if close != nil { break }
            index = line.index(after: index)
        }
        guard let close else { return nil }
        let text = line[line.index(after: start)..<close]
        let after = line.index(after: close)
        if text.hasPrefix("^") { return (text, after) }
        guard after < line.endIndex, line[after] == "(", let end = line[after...].firstIndex(of: ")") else { return nil }
        return (text, line.index(after: end))
    }
}

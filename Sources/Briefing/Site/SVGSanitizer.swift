import Foundation

/// Screens an SVG file from `Reports/<period>/charts/` before the site publishes it. A chart is
/// opened by readers straight from the site (a link, a new tab), where an SVG runs its scripts and
/// loads what it references; so a file that could do anything but draw is refused, with the place
/// of each problem, and never rewritten: the charts `briefing weekly` writes pass unchanged, byte
/// for byte.
///
/// Refused: scripts and `<foreignObject>` (and SVG Tiny's `<handler>`/`<listener>`), event-handler
/// attributes (`on…`), namespaces other than SVG and XLink (an XHTML `<script>` needs no
/// `<foreignObject>` in an XML document), references that leave the file (`href`/`xlink:href`/`src`
/// not starting with `#`, CSS `url(…)` not starting with `#`, `@import`, `image-set(…)` and the like),
/// animations that target `href` or an event handler, CSS escapes (which can spell any of these),
/// `DOCTYPE`/entity declarations and entity references beyond XML's five, processing instructions
/// other than the XML declaration (`<?xml-stylesheet …?>` loads a style sheet), and markup that is not
/// well-formed (what this reader cannot follow, a browser might read differently).
enum SVGSanitizer {
    struct Finding: Equatable, Sendable, CustomStringConvertible {
        var line: Int
        var column: Int
        var message: String

        var description: String { "\(line):\(column): \(message)" }
    }

    /// Every problem in `bytes`, in document order; empty when the file is safe to publish as is.
    /// Scanning stops at the first markup it cannot follow.
    static func findings(in bytes: [UInt8]) -> [Finding] {
        guard Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes else {
            return [Finding(line: 1, column: 1, message: "is not UTF-8 text")]
        }
        var scanner = Scanner(bytes: bytes)
        scanner.scanDocument()
        return scanner.findings
    }

    /// Namespaces a chart may declare.
    static let allowedNamespaces: Set<String> = ["http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink"]
    /// Elements that run code or embed another document (compared by lowercased local name).
    static let forbiddenElements: Set<String> = ["script", "foreignobject", "handler", "listener"]
    /// Attributes that hold names or prose, not CSS: left out of the CSS screen so that a vendor
    /// name with a backslash in an accessible label does not refuse a chart.
    static let textAttributes: Set<String> = ["id", "class", "role", "lang", "xml:lang", "xml:space"]
    /// CSS functions and at-rules that load something from elsewhere.
    static let loadingCSS = ["url(", "src(", "image(", "image-set(", "-webkit-image-set(", "cross-fade(", "element(", "expression(", "@import", "@font-face", "@namespace"]

    /// A CSS text (a `style` attribute, a presentation attribute, the content of `<style>`): `nil`
    /// when it loads nothing, else what it would load with. `url(#id)` (a paint server or clip path
    /// in the same file) is allowed; backslashes are not, because CSS escapes can spell `url(`.
    static func cssProblem(_ css: String) -> String? {
        if css.utf8.contains(UInt8(ascii: "\\")) { return "CSS escapes (\\) are not allowed" }
        // Every pattern has `(` or `@`, and no lowercasing makes either: most attributes (numbers,
        // colours, names) are done here.
        guard css.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "@") }) else { return nil }
        let lowered = lowercasedBytes(css)
        for pattern in loadingCSS {
            let needle = Array(pattern.utf8)
            var start = 0
            while let found = firstIndex(of: needle, in: lowered, from: start) {
                start = found + needle.count
                if pattern == "url(" {
                    var next = start
                    while next < lowered.count, lowered[next] == UInt8(ascii: " ") || lowered[next] == UInt8(ascii: "\t")
                        || lowered[next] == UInt8(ascii: "\"") || lowered[next] == UInt8(ascii: "'")
                        || lowered[next] == UInt8(ascii: "\n") || lowered[next] == UInt8(ascii: "\r")
                    {
                        next += 1
                    }
                    if next < lowered.count, lowered[next] == UInt8(ascii: "#") { continue }
                    return "url(…) may only point inside the file (url(#id))"
                }
                return "CSS \(pattern)\(pattern.hasSuffix("(") ? "…)" : "") is not allowed"
            }
        }
        return nil
    }

    /// `text.lowercased()` as UTF-8; ASCII text (every chart `briefing weekly` draws) without the
    /// Unicode case tables, which gives the same bytes.
    private static func lowercasedBytes(_ text: String) -> [UInt8] {
        var bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return Array(text.lowercased().utf8) }
        for index in bytes.indices where bytes[index] >= UInt8(ascii: "A") && bytes[index] <= UInt8(ascii: "Z") {
            bytes[index] += 32
        }
        return bytes
    }

    /// `text.trimmingCharacters(in: .whitespacesAndNewlines)`; for ASCII text (the common case)
    /// without Foundation's character sets, which trim exactly U+0009–U+000D and U+0020 there.
    static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return text.trimmingCharacters(in: .whitespacesAndNewlines) }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        guard let first = utf8.firstIndex(where: { !isSpace($0) }), let last = utf8.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == utf8.startIndex, last == utf8.index(before: utf8.endIndex) { return text }
        return String(text[first...last])
    }

    private static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }

    /// A single pass over the bytes with line and column (counted in characters, from 1).
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var column = 1
        var findings: [Finding] = []
        /// Open elements, by qualified name.
        var open: [String] = []
        var sawElement = false
        /// Set when the markup cannot be followed any further.
        var stopped = false

        init(bytes: [UInt8]) {
            self.bytes = bytes
            // A byte order mark is allowed before the XML declaration.
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
        }

        mutating func scanDocument() {
            var text: [UInt8] = []
            var textStart = (line, column)
            while index < bytes.count, !stopped {
                if bytes[index] != UInt8(ascii: "<") {
                    if text.isEmpty { textStart = (line, column) }
                    if bytes[index] == UInt8(ascii: "&") {
                        guard let decoded = entity(at: (line, column)) else { return }
                        text += decoded
                    } else {
                        text.append(bytes[index])
                        advance()
                    }
                    continue
                }
                if !text.isEmpty {
                    screenText(text, at: textStart)
                    text = []
                }
                if looking(at: "<!--") {
                    skip(past: "-->", what: "comment")
                } else if looking(at: "<![CDATA[") {
                    let start = (line, column)
                    advance(by: 9)
                    let content = index
                    skip(past: "]]>", what: "CDATA section")
                    if !stopped { screenText(Array(bytes[content..<index - 3]), at: start) }
                } else if looking(at: "<!") {
                    fail("DOCTYPE and entity declarations are not allowed")
                } else if looking(at: "<?") {
                    processingInstruction()
                } else if looking(at: "</") {
                    closingTag()
                } else {
                    openingTag()
                }
            }
            guard !stopped else { return }
            if !text.isEmpty { screenText(text, at: textStart) }
            if let unclosed = open.last {
                note("<\(unclosed)> is never closed")
            } else if !sawElement {
                note("holds no SVG element")
            }
        }

        // MARK: Markup

        private mutating func processingInstruction() {
            let start = (line, column)
            let atDocumentStart = !sawElement && findings.isEmpty && bytes[..<index].allSatisfy { Self.isSpace($0) || $0 >= 0x80 }
            advance(by: 2)
            let target = name()
            skip(past: "?>", what: "processing instruction")
            guard !stopped else { return }
            if target != "xml" || !atDocumentStart {
                findings.append(Finding(line: start.0, column: start.1, message: "processing instruction <?\(target) …?> is not allowed"))
            }
        }

        private mutating func closingTag() {
            let start = (line, column)
            advance(by: 2)
            let tag = name()
            skipSpace()
            guard !tag.isEmpty, expect(">") else { return fail("malformed closing tag") }
            guard open.last == tag else {
                let message = open.last.map { "</\(tag)> does not close <\($0)>" } ?? "</\(tag)> closes nothing"
                findings.append(Finding(line: start.0, column: start.1, message: message))
                stopped = true
                return
            }
            open.removeLast()
        }

        private mutating func openingTag() {
            let start = (line, column)
            advance()
            let tag = name()
            guard !tag.isEmpty else { return fail("'<' that starts no element (write &lt;)") }
            if open.isEmpty, sawElement { return fail("a second root element <\(tag)>") }
            sawElement = true
            if SVGSanitizer.forbiddenElements.contains(Self.localName(tag).lowercased()) {
                findings.append(Finding(line: start.0, column: start.1, message: "<\(tag)> is not allowed in a chart"))
            }
            var seen: Set<String> = []
            while !stopped {
                let hadSpace = skipSpace()
                if expect("/>") { return }
                if expect(">") {
                    open.append(tag)
                    return
                }
                guard hadSpace, index < bytes.count else { return fail("malformed tag <\(tag)>") }
                let attributeStart = (line, column)
                let attribute = name()
                skipSpace()
                guard !attribute.isEmpty, expect("=") else { return fail("malformed attribute in <\(tag)>") }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                    return fail("attribute \(attribute) needs a quoted value")
                }
                let quote = bytes[index]
                advance()
                var value: [UInt8] = []
                while index < bytes.count, bytes[index] != quote {
                    if bytes[index] == UInt8(ascii: "<") { return fail("'<' inside the value of \(attribute)") }
                    if bytes[index] == UInt8(ascii: "&") {
                        guard let decoded = entity(at: (line, column)) else { return }
                        value += decoded
                    } else {
                        value.append(bytes[index])
                        advance()
                    }
                }
                guard expect(String(UnicodeScalar(quote))) else { return fail("the value of \(attribute) is never closed") }
                guard seen.insert(attribute).inserted else { return fail("attribute \(attribute) given twice") }
                screenAttribute(attribute, String(decoding: value, as: UTF8.self), at: attributeStart)
            }
        }

        private mutating func screenAttribute(_ attribute: String, _ value: String, at start: (Int, Int)) {
            func refuse(_ message: String) { findings.append(Finding(line: start.0, column: start.1, message: message)) }
            let local = Self.localName(attribute).lowercased()
            if attribute == "xmlns" || attribute.hasPrefix("xmlns:") {
                if !SVGSanitizer.allowedNamespaces.contains(value) { refuse("namespace \(attribute)=\"\(value)\" is not allowed (SVG and XLink only)") }
            } else if local.hasPrefix("on") {
                refuse("event handler attribute \(attribute) is not allowed")
            } else if local == "href" || local == "src" {
                if !SVGSanitizer.trimmed(value).hasPrefix("#") { refuse("\(attribute) may only point inside the file (#id)") }
            } else if local == "attributename" {
                let trimmed = SVGSanitizer.trimmed(value)
                let target = Self.localName(trimmed).lowercased()
                if target == "href" || target == "src" || target.hasPrefix("on") { refuse("animating \(trimmed) is not allowed") }
            } else if !SVGSanitizer.textAttributes.contains(attribute), !local.hasPrefix("aria-"), let problem = SVGSanitizer.cssProblem(value) {
                refuse("\(attribute): \(problem)")
            }
        }

        /// Text between tags: inert, except inside `<style>`.
        private mutating func screenText(_ text: [UInt8], at start: (Int, Int)) {
            guard let current = open.last else {
                if !text.allSatisfy(Self.isSpace) { findings.append(Finding(line: start.0, column: start.1, message: "text outside the root element")) }
                return
            }
            if Self.localName(current).lowercased() == "style", let problem = SVGSanitizer.cssProblem(String(decoding: text, as: UTF8.self)) {
                findings.append(Finding(line: start.0, column: start.1, message: "<style>: \(problem)"))
            }
        }

        /// Decodes `&…;` at the current position: XML's five named entities and character references.
        private mutating func entity(at start: (Int, Int)) -> [UInt8]? {
            guard let end = bytes[index...].prefix(12).firstIndex(of: UInt8(ascii: ";")) else {
                fail("'&' that starts no entity reference (write &amp;)")
                return nil
            }
            let reference = String(decoding: bytes[(index + 1)..<end], as: UTF8.self)
            var decoded: String?
            switch reference {
            case "lt": decoded = "<"
            case "gt": decoded = ">"
            case "amp": decoded = "&"
            case "quot": decoded = "\""
            case "apos": decoded = "'"
            default:
                var number: UInt32?
                if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
                    number = UInt32(reference.dropFirst(2), radix: 16)
                } else if reference.hasPrefix("#") {
                    number = UInt32(reference.dropFirst(), radix: 10)
                }
                decoded = number.flatMap(UnicodeScalar.init).map { String(Character($0)) }
            }
            guard let decoded else {
                findings.append(Finding(line: start.0, column: start.1, message: "entity reference &\(reference); is not allowed"))
                stopped = true
                return nil
            }
            advance(by: end + 1 - index)
            return Array(decoded.utf8)
        }

        // MARK: Reading

        private func looking(at text: String) -> Bool {
            let needle = Array(text.utf8)
            return index + needle.count <= bytes.count && bytes[index..<index + needle.count].elementsEqual(needle)
        }

        private mutating func expect(_ text: String) -> Bool {
            guard looking(at: text) else { return false }
            advance(by: text.utf8.count)
            return true
        }

        /// An XML name: letters, digits, `_ : . -` and anything beyond ASCII.
        private mutating func name() -> String {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                let isNameByte = byte >= 0x80 || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                    || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                    || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
                guard isNameByte else { break }
                advance()
            }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        @discardableResult
        private mutating func skipSpace() -> Bool {
            let start = index
            while index < bytes.count, Self.isSpace(bytes[index]) { advance() }
            return index > start
        }

        private mutating func skip(past terminator: String, what: String) {
            let start = (line, column)
            while index < bytes.count {
                if looking(at: terminator) {
                    advance(by: terminator.utf8.count)
                    return
                }
                advance()
            }
            findings.append(Finding(line: start.0, column: start.1, message: "\(what) is never closed"))
            stopped = true
        }

        private mutating func advance(by count: Int = 1) {
            for _ in 0..<count where index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                index += 1
            }
        }

        private mutating func fail(_ message: String) {
            note(message)
            stopped = true
        }

        private mutating func note(_ message: String) {
            findings.append(Finding(line: line, column: column, message: message))
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }

        /// The part after the prefix (`xlink:href` → `href`).
        private static func localName(_ name: String) -> String {
            let utf8 = name.utf8
            guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return name }
            // One colon inside the name (every name of a chart briefing draws): what follows it.
            if colon != utf8.startIndex, utf8.index(after: colon) != utf8.endIndex, utf8.lastIndex(of: UInt8(ascii: ":")) == colon {
                return String(name[utf8.index(after: colon)...])
            }
            return name.split(separator: ":", maxSplits: 1).last.map(String.init) ?? name
        }
    }
}

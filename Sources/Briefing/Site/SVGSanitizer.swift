import Foundation
import Workspace

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
///
/// The screen reads every chart of every period on a full publish, so it works on the bytes
/// (`SVGSanitizer+Scanner.swift`): names and values are byte ranges, positions are byte offsets
/// turned into line and column only for a finding, and Strings are made only for messages and for
/// the rare names and values beyond ASCII, where Swift's String semantics (canonical equivalence,
/// Unicode lowercasing) decide as they always have (`SVGSanitizer+Names.swift`).
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
        guard isUTF8(bytes) else { return [Finding(line: 1, column: 1, message: "is not UTF-8 text")] }
        return bytes.withUnsafeBufferPointer { bytes in
            var scanner = Scanner(bytes: bytes)
            scanner.scanDocument()
            return scanner.findings
        }
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
    /// ``loadingCSS`` as bytes, for the search.
    private static let loadingCSSBytes = loadingCSS.map { Array($0.utf8) }

    /// A CSS text (a `style` attribute, a presentation attribute, the content of `<style>`): `nil`
    /// when it loads nothing, else what it would load with. `url(#id)` (a paint server or clip path
    /// in the same file) is allowed; backslashes are not, because CSS escapes can spell `url(`.
    static func cssProblem(_ css: String) -> String? {
        Array(css.utf8).withUnsafeBufferPointer { cssProblem($0) }
    }

    /// ``cssProblem(_:)`` of the UTF-8 text `css`.
    static func cssProblem(_ css: Bytes) -> String? {
        var loads = false
        var ascii = true
        for byte in css {
            if byte == UInt8(ascii: "\\") { return "CSS escapes (\\) are not allowed" }
            // Every pattern has `(` or `@`, and no lowercasing makes either: most attributes
            // (numbers, colours, names) are done here.
            if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "@") { loads = true }
            if byte >= 0x80 { ascii = false }
        }
        guard loads else { return nil }
        // Lowercased as `String.lowercased()` does; ASCII text (every chart `briefing weekly`
        // draws) without the Unicode case tables, which gives the same bytes.
        var lowered = ascii ? Array(css) : Array(String(decoding: css, as: UTF8.self).lowercased().utf8)
        if ascii {
            for index in lowered.indices where lowered[index] >= UInt8(ascii: "A") && lowered[index] <= UInt8(ascii: "Z") { lowered[index] += 32 }
        }
        for (pattern, needle) in zip(loadingCSS, loadingCSSBytes) {
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

    /// Whether `bytes` is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no
    /// surrogates, nothing above U+10FFFF), which is exactly when decoding it as a String and
    /// encoding it again gives the same bytes.
    static func isUTF8(_ bytes: [UInt8]) -> Bool {
        TextPosition.firstInvalidUTF8(in: bytes) == nil
    }
}

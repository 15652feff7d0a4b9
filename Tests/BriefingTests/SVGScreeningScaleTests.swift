import Foundation
import TestSupport
import Testing
@testable import Briefing

/// Hostile files stay linear in the screen (they complete; no timing is asserted), and its byte
/// shortcuts agree with the String semantics they stand for.
@Suite("SVG screening at scale")
struct SVGScreeningScaleTests {
    private static let root = "<svg xmlns=\"http://www.w3.org/2000/svg\">"

    private static func findings(_ text: String) -> [String] {
        SVGSanitizer.findings(in: Array(text.utf8)).map(\.description)
    }

    /// The column just after `prefix` on its line (the file being one line).
    private static func column(after prefix: String) -> Int { prefix.unicodeScalars.count + 1 }

    @Test("100,000 attributes in one tag, then one given twice")
    func manyAttributes() {
        let ascii = String(Self.root.dropLast()) + (0..<100_000).map { " a\($0)=\"\"" }.joined() + " a5=\"\""
        #expect(Self.findings(ascii + "/>") == ["1:\(Self.column(after: ascii)): attribute a5 given twice"])
        // Beyond ASCII the names compare as Strings: "é" and "e" with a combining accent are the same name.
        let accented = String(Self.root.dropLast()) + (0..<100_000).map { " é\($0)=\"\"" }.joined() + " e\u{301}5=\"\""
        #expect(Self.findings(accented + "/>") == ["1:\(Self.column(after: accented)): attribute e\u{301}5 given twice"])
        let distinct = String(Self.root.dropLast()) + (0..<100_000).map { " é\($0)=\"\" a\($0)=\"\"" }.joined() + "/>"
        #expect(Self.findings(distinct) == [])
    }

    @Test("100,000 findings on one line")
    func manyFindings() {
        let rect = "<rect onclick=\"x\"/>"
        let found = Self.findings(Self.root + String(repeating: rect, count: 100_000) + "</svg>")
        #expect(found.count == 100_000)
        #expect(found.first == "1:\(Self.root.count + 7): event handler attribute onclick is not allowed")
        #expect(found.last == "1:\(Self.root.count + 99_999 * rect.count + 7): event handler attribute onclick is not allowed")
        let instructions = Self.findings(String(repeating: "<?xml?>", count: 100_000))
        #expect(instructions.count == 100_000)
        #expect(instructions.first == "1:8: processing instruction <?xml …?> is not allowed")
        #expect(instructions.last == "1:700001: holds no SVG element")
    }

    @Test("A megabyte of text, CSS, a value, a comment, nesting")
    func largeFiles() {
        let megabyte = 1 << 20
        #expect(Self.findings(Self.root + "<text>" + String(repeating: "a &amp; b\n", count: megabyte / 10) + "</text></svg>") == [])
        #expect(Self.findings(Self.root + "<style>" + String(repeating: "rect { fill: url(#g) }\n", count: megabyte / 23) + "</style></svg>") == [])
        #expect(Self.findings(Self.root + "<rect d=\"" + String(repeating: "M0 0L1 1", count: megabyte / 8) + "\"/></svg>") == [])
        #expect(Self.findings(Self.root + "<!--" + String(repeating: "a-", count: megabyte / 2) + "></svg>") == ["1:\(Self.root.count + 1): comment is never closed"])
        #expect(Self.findings(String(repeating: "x", count: megabyte) + Self.root + "</svg>") == ["1:1: text outside the root element"])
        let lines = String(repeating: "é\n", count: megabyte / 3)
        #expect(Self.findings(Self.root + lines + "<script/></svg>") == ["\(megabyte / 3 + 1):1: <script> is not allowed in a chart"])
        let deep = Self.root + String(repeating: "<g>", count: 100_000)
        #expect(Self.findings(deep + String(repeating: "</g>", count: 100_000) + "</svg>") == [])
        #expect(Self.findings(deep) == ["1:\(deep.count + 1): <g> is never closed"])
    }

    @Test("The UTF-8 check agrees with decoding to a String and back")
    func utf8Check() {
        var random = SeededRandom(seed: 8)
        let edges: [UInt8] = [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF]
        for _ in 0..<50_000 {
            var bytes = (0..<random.below(6)).map { _ in random.pick(edges) }
            // Runs of ASCII around them, for the eight-bytes-at-a-time path.
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "a"), count: random.below(20)), at: random.below(bytes.count + 1))
            bytes.insert(contentsOf: Array(repeating: UInt8(ascii: "b"), count: random.below(20)), at: random.below(bytes.count + 1))
            #expect(SVGSanitizer.isUTF8(bytes) == (Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes), "\(bytes)")
        }
    }

    /// What an attribute is, as the screen decided it on Strings before it read bytes.
    private static func stringRole(_ attribute: String) -> SVGSanitizer.AttributeRole {
        let local = SVGSanitizer.localName(attribute).lowercased()
        if attribute == "xmlns" || attribute.hasPrefix("xmlns:") { return .namespace }
        if local.hasPrefix("on") { return .eventHandler }
        if local == "href" || local == "src" { return .reference }
        if local == "attributename" { return .animationTarget }
        if SVGSanitizer.textAttributes.contains(attribute) || local.hasPrefix("aria-") { return .prose }
        return .css
    }

    @Test("Names and values read as bytes decide as Strings do")
    func namesAsStrings() {
        var random = SeededRandom(seed: 16)
        let pieces = ["a", "O", "n", "N", ":", ":", "x", "X", "m", "l", "s", "-", "h", "r", "e", "f", "HREF", "src", "on", "aria-", "xmlns", "attributeName", "script", "style",
                      "id", "class", "xml", "lang", "\u{212A}", "\u{301}", "é", "ı", "#", " ", "\t", "\u{A0}"]
        for _ in 0..<20_000 {
            let text = (0..<(1 + random.below(4))).map { _ in random.pick(pieces) }.joined()
            let other = (0..<(1 + random.below(3))).map { _ in random.pick(pieces) }.joined()
            let local = SVGSanitizer.localName(text).lowercased()
            let role: SVGSanitizer.ElementRole = SVGSanitizer.forbiddenElements.contains(local) ? .forbidden : local == "style" ? .style : .other
            let scalars = "\(Array(text.unicodeScalars)) \(Array(other.unicodeScalars))"
            Array(text.utf8).withUnsafeBufferPointer { bytes in
                #expect(SVGSanitizer.attributeRole(bytes) == Self.stringRole(text), "\(scalars)")
                #expect(SVGSanitizer.elementRole(bytes) == role, "\(scalars)")
                #expect(SVGSanitizer.pointsInside(bytes) == SVGSanitizer.trimmed(text).hasPrefix("#"), "\(scalars)")
                Array(other.utf8).withUnsafeBufferPointer { otherBytes in
                    #expect(SVGSanitizer.sameName(bytes, otherBytes) == (text == other), "\(scalars)")
                }
            }
        }
    }
}

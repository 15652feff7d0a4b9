import Foundation
@testable import Charts
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A parsed SVG: every element in document order with its attributes, text and enclosing groups' classes.
struct SVGDocument {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text: String
        /// `class` attributes of the enclosing elements, outermost first.
        var ancestorClasses: [String]
        /// Presentation attributes as inherited from the enclosing elements (the nearest wins), e.g.
        /// `font-size`, `text-anchor`.
        var inherited: [String: String]
        var depth: Int

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

        /// An attribute set here or on an enclosing element.
        func style(_ attribute: String) -> String? { attributes[attribute] ?? inherited[attribute] }
    }

    struct ParseError: Error, CustomStringConvertible {
        var description: String
    }

    var elements: [Element]

    init(_ svg: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse(), delegate.failure == nil else {
            throw ParseError(description: delegate.failure ?? parser.parserError.map { "\($0)" } ?? "unknown XML error")
        }
        elements = delegate.elements
    }

    var root: Element { elements[0] }

    /// viewBox width and height.
    var size: (width: Double, height: Double) {
        let parts = (root.attributes["viewBox"] ?? "").split(separator: " ").compactMap { Double($0) }
        return parts.count == 4 ? (parts[2], parts[3]) : (0, 0)
    }

    /// Where each text element's glyphs lie, estimated with the same metrics the layout uses (width per
    /// character, ascent and descent around the baseline; bold a tenth wider).
    var textBoxes: [(text: String, box: Box)] {
        elements(named: "text").compactMap { element in
            guard let x = element.number("x"), let y = element.number("y") else { return nil }
            let size = element.style("font-size").flatMap(Double.init) ?? 12
            let bold = element.style("font-weight") == "bold"
            let width = TextMetrics.width(element.text, fontSize: size) * (bold ? 1.1 : 1)
            let left: Double
            switch element.style("text-anchor") {
            case "middle": left = x - width / 2
            case "end": left = x - width
            default: left = x
            }
            return (element.text, Box(left: left, top: y - TextMetrics.ascent * size, right: left + width, bottom: y + TextMetrics.descent * size))
        }
    }

    struct Box: CustomStringConvertible {
        var left, top, right, bottom: Double

        func overlaps(_ other: Box) -> Bool {
            let slack = 0.01
            return left < other.right - slack && other.left < right - slack && top < other.bottom - slack && other.top < bottom - slack
        }

        var description: String { "[\(left), \(top) – \(right), \(bottom)]" }
    }

    func elements(named name: String, inClass group: String? = nil) -> [Element] {
        elements.filter { element in element.name == name && (group.map { element.ancestorClasses.contains($0) } ?? true) }
    }

    /// Numbers in path data or a points list, paired as (x, y).
    static func points(_ data: String) -> [(Double, Double)] {
        var numbers: [Double] = []
        var current = ""
        for character in data {
            if character.isNumber || character == "." || (character == "-" && current.isEmpty) {
                current.append(character)
            } else {
                if let n = Double(current) { numbers.append(n) }
                current = character == "-" ? "-" : ""
            }
        }
        if let n = Double(current) { numbers.append(n) }
        return stride(from: 0, to: numbers.count - 1, by: 2).map { (numbers[$0], numbers[$0 + 1]) }
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        var failure: String?

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let classes = open.compactMap { elements[$0].attributes["class"] }
            var inherited: [String: String] = [:]
            for index in open {
                for (key, value) in elements[index].attributes where key != "class" && key != "id" { inherited[key] = value }
            }
            elements.append(Element(name: name, attributes: attributes, text: "", ancestorClasses: classes, inherited: inherited, depth: open.count))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let last = open.last { elements[last].text += string }
        }

        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            failure = "\(parseError) at \(parser.lineNumber):\(parser.columnNumber)"
        }
    }
}

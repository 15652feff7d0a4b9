import Foundation
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
        var depth: Int

        func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }
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
            elements.append(Element(name: name, attributes: attributes, text: "", ancestorClasses: classes, depth: open.count))
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

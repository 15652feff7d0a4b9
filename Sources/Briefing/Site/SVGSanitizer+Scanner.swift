extension SVGSanitizer {
    /// A single pass over the bytes. Positions are byte offsets; a finding's line and column
    /// (counted in characters, from 1) are worked out when it is made, by a cursor that only moves
    /// forward, so that many findings cost one pass over the file.
    struct Scanner {
        /// The file, read in place (``SVGSanitizer/findings(in:)`` holds it for the scan).
        let bytes: Bytes
        var index = 0
        var findings: [Finding] = []
        /// Open elements: their names, and whether their text is CSS (`<style>`).
        var open: [(name: Range<Int>, isStyle: Bool)] = []
        var sawElement = false
        /// Set when the markup cannot be followed any further.
        var stopped = false
        /// Where lines and columns count from: after a byte order mark.
        let origin: Int
        /// The last position turned into a line and column.
        var cursor: (offset: Int, line: Int, column: Int)
        /// The attribute names of the current tag, for the duplicate check: the first
        /// ``nameCount`` of ``names`` (the array is reused from tag to tag, never emptied).
        var names: [Range<Int>] = []
        var nameCount = 0
        /// The same names once a tag has many, so that thousands of attributes stay linear.
        var nameSet: Set<NameKey> = []
        /// The same names as Strings once a tag has a name beyond ASCII (compared as Strings).
        var stringNames: Set<String>?
        /// Above this many attributes in a tag, ``nameSet`` replaces comparing with each.
        static let linearNames = 16
        /// `&`, `<` (which end or break a value) and `\\ ( @` (which CSS needs to load anything).
        /// Stored in the scanner, not static: a global's lazy initialization would be checked on
        /// every byte.
        let valueMarks = ByteSet("&<\\(@")
        /// ASCII letters, digits and `_ : . -`.
        let nameBytes = ByteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_:.-")

        init(bytes: Bytes) {
            self.bytes = bytes
            // A byte order mark is allowed before the XML declaration.
            origin = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            index = origin
            cursor = (origin, 1, 1)
        }

        mutating func scanDocument() {
            // Where the text since the last markup starts, and whether it holds a reference.
            var text: Int?
            var textHasReference = false
            while index < bytes.count, !stopped {
                let byte = bytes[index]
                if byte != UInt8(ascii: "<") {
                    if text == nil { (text, textHasReference) = (index, false) }
                    if byte == UInt8(ascii: "&") {
                        guard let end = entity() else { return }
                        index = end
                        textHasReference = true
                    } else {
                        index += 1
                        while index < bytes.count, bytes[index] != UInt8(ascii: "<"), bytes[index] != UInt8(ascii: "&") { index += 1 }
                    }
                    continue
                }
                if let textStart = text {
                    screenText(textStart..<index, decoding: textHasReference)
                    text = nil
                }
                switch index + 1 < bytes.count ? bytes[index + 1] : 0 {
                case UInt8(ascii: "!"):
                    if looking(at: "<!--") {
                        skip(past: "-->", what: "comment")
                    } else if looking(at: "<![CDATA[") {
                        let cdata = index
                        index += 9
                        let content = index
                        skip(past: "]]>", what: "CDATA section")
                        if !stopped { screenText(content..<index - 3, decoding: false, at: cdata) }
                    } else {
                        fail("DOCTYPE and entity declarations are not allowed")
                    }
                case UInt8(ascii: "?"):
                    processingInstruction()
                case UInt8(ascii: "/"):
                    closingTag()
                default:
                    openingTag()
                }
            }
            guard !stopped else { return }
            if let textStart = text { screenText(textStart..<index, decoding: textHasReference) }
            if let unclosed = open.last {
                note("<\(string(unclosed.name))> is never closed")
            } else if !sawElement {
                note("holds no SVG element")
            }
        }

        // MARK: Markup

        private mutating func processingInstruction() {
            let start = index
            let atDocumentStart = !sawElement && findings.isEmpty && slice(0..<index).allSatisfy { Self.isSpace($0) || $0 >= 0x80 }
            index += 2
            let target = name()
            skip(past: "?>", what: "processing instruction")
            guard !stopped else { return }
            if !SVGSanitizer.equal(slice(target), "xml") || !atDocumentStart {
                add("processing instruction <?\(string(target)) …?> is not allowed", at: start)
            }
        }

        private mutating func closingTag() {
            let start = index
            index += 2
            let tag = name()
            skipSpace()
            guard !tag.isEmpty, expect(UInt8(ascii: ">")) else { return fail("malformed closing tag") }
            guard let last = open.last, SVGSanitizer.sameName(slice(last.name), slice(tag)) else {
                let message = open.last.map { "</\(string(tag))> does not close <\(string($0.name))>" } ?? "</\(string(tag))> closes nothing"
                add(message, at: start)
                stopped = true
                return
            }
            open.removeLast()
        }

        private mutating func openingTag() {
            let start = index
            index += 1
            let tag = name()
            guard !tag.isEmpty else { return fail("'<' that starts no element (write &lt;)") }
            if open.isEmpty, sawElement { return fail("a second root element <\(string(tag))>") }
            sawElement = true
            let role = SVGSanitizer.elementRole(slice(tag))
            if role == .forbidden { add("<\(string(tag))> is not allowed in a chart", at: start) }
            nameCount = 0
            if !nameSet.isEmpty { nameSet.removeAll(keepingCapacity: true) }
            stringNames = nil
            while !stopped {
                let hadSpace = skipSpace()
                if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "/"), bytes[index + 1] == UInt8(ascii: ">") {
                    index += 2
                    return
                }
                if expect(UInt8(ascii: ">")) {
                    open.append((tag, role == .style))
                    return
                }
                guard hadSpace, index < bytes.count else { return fail("malformed tag <\(string(tag))>") }
                let attributeStart = index
                let attribute = name()
                skipSpace()
                guard !attribute.isEmpty, expect(UInt8(ascii: "=")) else { return fail("malformed attribute in <\(string(tag))>") }
                skipSpace()
                guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") else {
                    return fail("attribute \(string(attribute)) needs a quoted value")
                }
                let quote = bytes[index]
                index += 1
                let valueStart = index
                var hasReference = false
                var mayLoad = false
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == quote { break }
                    if valueMarks.contains(byte) {
                        if byte == UInt8(ascii: "<") { return fail("'<' inside the value of \(string(attribute))") }
                        if byte == UInt8(ascii: "&") {
                            guard let end = entity() else { return }
                            index = end
                            hasReference = true
                            continue
                        }
                        mayLoad = true
                    }
                    index += 1
                }
                guard index < bytes.count else { return fail("the value of \(string(attribute)) is never closed") }
                let value = valueStart..<index
                index += 1
                guard insertName(attribute) else { return fail("attribute \(string(attribute)) given twice") }
                screenAttribute(attribute, value, decoding: hasReference, mayLoad: mayLoad, at: attributeStart)
            }
        }

        /// Adds an attribute name of the current tag; false when the tag already has it.
        private mutating func insertName(_ name: Range<Int>) -> Bool {
            defer {
                if nameCount < names.count { names[nameCount] = name } else { names.append(name) }
                nameCount += 1
            }
            if stringNames == nil, SVGSanitizer.isASCII(slice(name)) {
                if nameCount < Self.linearNames {
                    for earlier in names[..<nameCount] where SVGSanitizer.equal(slice(earlier), slice(name)) { return false }
                    return true
                }
                if nameSet.isEmpty { for earlier in names[..<nameCount] { nameSet.insert(NameKey(bytes: slice(earlier))) } }
                return nameSet.insert(NameKey(bytes: slice(name))).inserted
            }
            if stringNames == nil { stringNames = Set(names[..<nameCount].map { string($0) }) }
            return stringNames!.insert(string(name)).inserted
        }

        /// An ASCII attribute name in ``nameSet``, compared by its bytes.
        struct NameKey: Hashable {
            let bytes: Bytes

            static func == (first: NameKey, second: NameKey) -> Bool { SVGSanitizer.equal(first.bytes, second.bytes) }
            func hash(into hasher: inout Hasher) { hasher.combine(bytes: UnsafeRawBufferPointer(bytes)) }
        }

        /// Screens an attribute by its role. A value without a reference, `\\`, `(` or `@`
        /// (`mayLoad` false) is CSS that ``cssProblem(_:)`` passes: most values.
        private mutating func screenAttribute(_ attribute: Range<Int>, _ range: Range<Int>, decoding: Bool, mayLoad: Bool, at start: Int) {
            let role = SVGSanitizer.attributeRole(slice(attribute))
            if role == .eventHandler { return add("event handler attribute \(string(attribute)) is not allowed", at: start) }
            guard role != .prose, role != .css || decoding || mayLoad else { return }
            let name = slice(attribute)
            let problem = decoding ? decoded(range).withUnsafeBufferPointer { Self.problem(role, name, $0) } : Self.problem(role, name, slice(range))
            if let problem { add(problem, at: start) }
        }

        /// What is wrong with the value of an attribute, by its role.
        private static func problem(_ role: AttributeRole, _ attribute: Bytes, _ value: Bytes) -> String? {
            func name() -> String { String(decoding: attribute, as: UTF8.self) }
            switch role {
            case .namespace:
                guard !SVGSanitizer.isAllowedNamespace(value) else { return nil }
                return "namespace \(name())=\"\(String(decoding: value, as: UTF8.self))\" is not allowed (SVG and XLink only)"
            case .reference:
                return SVGSanitizer.pointsInside(value) ? nil : "\(name()) may only point inside the file (#id)"
            case .animationTarget:
                return SVGSanitizer.animationProblem(value)
            case .css:
                return SVGSanitizer.cssProblem(value).map { "\(name()): \($0)" }
            case .eventHandler, .prose:
                return nil
            }
        }

        /// Text between tags (or the content of a CDATA section, not decoded): inert, except
        /// outside the root element and inside `<style>`, the only places it is decoded.
        private mutating func screenText(_ range: Range<Int>, decoding: Bool, at start: Int? = nil) {
            guard let current = open.last else {
                let blank = decoding ? decoded(range).allSatisfy(Self.isSpace) : slice(range).allSatisfy(Self.isSpace)
                if !blank { add("text outside the root element", at: start ?? range.lowerBound) }
                return
            }
            guard current.isStyle else { return }
            let problem = decoding ? decoded(range).withUnsafeBufferPointer { SVGSanitizer.cssProblem($0) } : SVGSanitizer.cssProblem(slice(range))
            if let problem { add("<style>: \(problem)", at: start ?? range.lowerBound) }
        }

        // MARK: References

        /// Checks the reference `&…;` at `index`: the end of it, or nil (with the finding, and the
        /// scan stopped) when it is not XML's five named entities or a character reference.
        private mutating func entity() -> Int? {
            switch SVGSanitizer.reference(in: bytes, at: index) {
            case .decoded(_, let end):
                return end
            case .unterminated:
                fail("'&' that starts no entity reference (write &amp;)")
            case .unknown(let reference):
                add("entity reference &\(string(reference)); is not allowed", at: index)
                stopped = true
            }
            return nil
        }

        /// The bytes of `range` with its references replaced by what they stand for (they were
        /// all checked while scanning).
        private func decoded(_ range: Range<Int>) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(range.count)
            var index = range.lowerBound
            while index < range.upperBound {
                guard bytes[index] == UInt8(ascii: "&"), case .decoded(let scalar, let end) = SVGSanitizer.reference(in: bytes, at: index) else {
                    out.append(bytes[index])
                    index += 1
                    continue
                }
                out += Array(String(Character(scalar)).utf8)
                index = end
            }
            return out
        }

        // MARK: Reading

        private func looking(at text: StaticString, from offset: Int? = nil) -> Bool {
            let offset = offset ?? index
            let count = text.utf8CodeUnitCount
            guard offset + count <= bytes.count else { return false }
            let pointer = text.utf8Start
            for next in 0..<count where bytes[offset + next] != pointer[next] { return false }
            return true
        }

        private mutating func expect(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        /// An XML name: letters, digits, `_ : . -` and anything beyond ASCII.
        private mutating func name() -> Range<Int> {
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                // Lowercase letters first: most of every name.
                guard byte &- UInt8(ascii: "a") < 26 || byte >= 0x80 || nameBytes.contains(byte) else { break }
                index += 1
            }
            return start..<index
        }

        @discardableResult
        private mutating func skipSpace() -> Bool {
            let start = index
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            return index > start
        }

        /// Moves past the next `terminator` (searched from the current offset); at the end of the
        /// file, the finding (where the search started) and the scan stopped.
        private mutating func skip(past terminator: StaticString, what: String) {
            let first = terminator.utf8Start[0]
            var next = index
            while next < bytes.count {
                if bytes[next] == first, looking(at: terminator, from: next) {
                    index = next + terminator.utf8CodeUnitCount
                    return
                }
                next += 1
            }
            add("\(what) is never closed", at: index)
            index = bytes.count
            stopped = true
        }

        // MARK: Findings

        private mutating func fail(_ message: String) {
            note(message)
            stopped = true
        }

        private mutating func note(_ message: String) {
            add(message, at: index)
        }

        /// A finding at byte `offset`, its line and column counted from the cursor (or from the
        /// start, for the rare finding before the cursor).
        private mutating func add(_ message: String, at offset: Int) {
            if offset < cursor.offset { cursor = (origin, 1, 1) }
            var (position, line, column) = cursor
            while position < offset {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\n") {
                    line += 1
                    column = 1
                } else if byte & 0xC0 != 0x80 {
                    column += 1
                }
                position += 1
            }
            cursor = (position, line, column)
            findings.append(Finding(line: line, column: column, message: message))
        }

        private func slice(_ range: Range<Int>) -> Bytes {
            Bytes(rebasing: bytes[range])
        }

        private func string(_ range: Range<Int>) -> String {
            String(decoding: slice(range), as: UTF8.self)
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
        }
    }
}

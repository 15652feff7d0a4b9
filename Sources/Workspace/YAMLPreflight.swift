import Yams

/// Checks run on a YAML text before the YAML library sees it.
///
/// The library resolves an alias (`*name`) to the node its anchor (`&name`) names while it builds
/// the document, and hashes mapping keys as it goes: a few hundred bytes of nested aliases (a
/// "billion laughs" document) stand for billions of nodes, and anything that walks or hashes them
/// exhausts memory or time. Workspace files never need anchors, so they are refused here, before
/// parsing, at the place they are written.
package enum YAMLPreflight {
    /// What the check found, where (1-based, columns in Unicode scalars, as the parser counts).
    package struct Finding: Sendable, Hashable {
        package var position: TextPosition
        package var message: String
    }

    package static let anchorMessage =
        "YAML anchors and aliases (&name, *name) are not supported in workspace files: write the value out in full"

    /// The first forbidden control character, or else the first anchor or alias, of `text`.
    package static func check(_ text: String) -> Finding? {
        if let (scalar, position) = TextPosition.firstForbiddenControl(in: text) {
            return Finding(position: position, message: "the control character \(TextPosition.name(of: scalar)) is not allowed in YAML")
        }
        return firstAnchorOrAlias(in: text).map { Finding(position: $0, message: anchorMessage) }
    }

    /// The first node, in document order, that carries an anchor (call it while the `Parser`
    /// that built `root` is alive: it owns the anchors). The walk stops there: every
    /// alias comes after its anchor, so the nodes before it are each written once in the text and
    /// the walk never expands an alias.
    package static func firstAnchored(_ root: Node) -> Node? {
        var stack = [root]
        while let node = stack.popLast() {
            if node.anchor != nil { return node }
            switch node {
            case .scalar, .alias: continue
            case .sequence(let sequence): stack.append(contentsOf: sequence.reversed())
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append(value)
                    stack.append(key)
                }
            }
        }
        return nil
    }

    /// Where the first `&anchor` or `*alias` token is, or `nil`.
    ///
    /// A light YAML scanner: it follows where a node may start (the start of a line, after `- `,
    /// `? `, `: `, `[`, `{`, `,` and after a tag), and skips comments, quoted scalars, block
    /// scalars (`|`, `>`) and the rest of plain scalars, so that `5 * 3`, `"*"`, `AT&T` and
    /// `# &c` are text. A plain scalar continued on a line that starts with `&` or `*` is taken for
    /// a token (quote such a value); a token it misses is still refused after parsing (see
    /// `YAMLDocument`).
    static func firstAnchorOrAlias(in text: String) -> TextPosition? {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        var line = 1
        var column = 1
        var flowDepth = 0
        /// A node may start here (no scalar has begun since the last indicator).
        var nodeMayStart = true
        /// Inside a plain scalar: `&` and `*` are text until `: `, ` #` or (in flow) `,[]{}`.
        var inPlain = false
        /// The indentation of the current line, and of the line that opened a block scalar.
        var indent = 0
        var lineStart = true
        var blockScalarParent: Int?
        /// The indentation of the line the current plain scalar started on.
        var plainLineIndent = 0

        func at(_ offset: Int) -> Unicode.Scalar? {
            index + offset < scalars.count ? scalars[index + offset] : nil
        }
        func isBlank(_ scalar: Unicode.Scalar?) -> Bool {
            scalar == nil || scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
        }
        func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
                lineStart = true
                indent = 0
            } else {
                column += 1
            }
            index += 1
        }
        func skipToEndOfLine() {
            while index < scalars.count, scalars[index] != "\n" { advance() }
        }

        /// Skips a quoted scalar from its opening quote to just after its closing one.
        func skipQuoted(_ quote: Unicode.Scalar) {
            advance()
            while index < scalars.count {
                let c = scalars[index]
                if quote == "\"", c == "\\" {
                    advance()
                    if index < scalars.count { advance() }
                } else if c == quote, quote == "'", at(1) == "'" {
                    advance()
                    advance()
                } else if c == quote {
                    advance()
                    break
                } else {
                    advance()
                }
            }
            lineStart = false
        }
        let flowIndicators: Set<Unicode.Scalar> = [",", "[", "]", "{", "}"]

        while index < scalars.count {
            let c = scalars[index]
            if lineStart {
                // Measure the indentation; inside a block scalar, skip its lines.
                var width = 0
                while index + width < scalars.count, scalars[index + width] == " " || scalars[index + width] == "\t" { width += 1 }
                let next = index + width < scalars.count ? scalars[index + width] : "\n"
                if let parent = blockScalarParent {
                    if next == "\n" || width > parent {
                        skipToEndOfLine()
                        if index < scalars.count { advance() }
                        continue
                    }
                    blockScalarParent = nil
                }
                indent = width
                lineStart = false
                if flowDepth == 0 {
                    // A more indented line after an unfinished plain scalar continues it
                    // (`rationale: grows\n  *after* 2026` is one text); otherwise a node may start.
                    if inPlain, width > plainLineIndent, next != "#" {
                        nodeMayStart = false
                    } else {
                        nodeMayStart = true
                        inPlain = false
                    }
                }
                continue
            }
            if c == "\n" || c == " " || c == "\t" {
                advance()
                if c != "\n", at(0) == "#" { skipToEndOfLine() }
                continue
            }
            if c == "#", !inPlain {
                skipToEndOfLine()
                continue
            }
            if inPlain {
                if c == ":", isBlank(at(1)) || (flowDepth > 0 && flowIndicators.contains(at(1) ?? " ")) {
                    inPlain = false
                    nodeMayStart = true
                    advance()
                } else if flowDepth > 0, flowIndicators.contains(c) {
                    inPlain = false  // read again below as an indicator
                } else {
                    advance()
                }
                continue
            }
            if nodeMayStart {
                if c == "&" || c == "*" { return TextPosition(line: line, column: column) }
                if c == "!" {
                    // A tag: the node follows it.
                    while index < scalars.count, !isBlank(scalars[index]) { advance() }
                    continue
                }
                if c == "'" || c == "\"" {
                    skipQuoted(c)
                    nodeMayStart = false
                    continue
                }
                if c == "|" || c == ">", flowDepth == 0 {
                    blockScalarParent = indent
                    skipToEndOfLine()
                    continue
                }
                if c == "-", column == 1, at(1) == "-", at(2) == "-", isBlank(at(3)) {
                    // `---`: a document starts.
                    advance()
                    advance()
                    advance()
                    continue
                }
                if c == ".", column == 1, at(1) == ".", at(2) == ".", isBlank(at(3)) {
                    advance()
                    advance()
                    advance()
                    continue
                }
                if c == "%", column == 1 {
                    skipToEndOfLine()
                    continue
                }
                if c == "-" || c == "?" || c == ":", isBlank(at(1)) {
                    advance()
                    continue
                }
            }
            switch c {
            case "[", "{":
                flowDepth += 1
                nodeMayStart = true
            case "]", "}":
                flowDepth = max(0, flowDepth - 1)
                nodeMayStart = false
            case ",":
                if flowDepth > 0 {
                    nodeMayStart = true
                } else if nodeMayStart {
                    inPlain = true
                    plainLineIndent = indent
                    nodeMayStart = false
                }
            case ":" where isBlank(at(1)) || flowDepth > 0:
                nodeMayStart = true
            default:
                if nodeMayStart {
                    inPlain = true
                    plainLineIndent = indent
                    nodeMayStart = false
                }
            }
            advance()
        }
        return nil
    }
}

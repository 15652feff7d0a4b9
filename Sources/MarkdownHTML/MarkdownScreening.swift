/// Finds Markdown that the cmark-gfm this tool links (0.29.0.gfm.6) renders in quadratic time,
/// so that `briefing check` can refuse it, located, before `briefing weekly` spends minutes on it.
///
/// Each pattern was timed against that library (a ctypes harness feeding cmark-gfm with the
/// extensions the renderer attaches); time grows with the product of two counts within one
/// paragraph, or with the square of a table row's cells:
///
/// | pattern (one paragraph, repeated n times)  | n = 4,000 | n = 16,000 | measure            | limit   |
/// |--------------------------------------------|-----------|------------|--------------------|---------|
/// | `![[]()` — image openers, then links       | 0.13 s    | 2.5 s      | Σ open `![` per link | 10⁷   |
/// | `a *b* [l](u) ` — emphasis, then links     | 0.49 s    | 63 s       | Σ `*`/`_` runs per link | 10⁷ |
/// | `a <![CDATA[`, `a <?`, `a <!A ` (unclosed) | 0.18 s    | 3.3 s      | bytes scanned      | 2.5·10⁷ |
/// | a table row of n cells                     | 0.11 s    | 2.0 s      | Σ cells² per row   | 10⁷     |
///
/// The "Σ … per link" measures count what cmark-gfm walks each time a link closes: the image
/// openers still open (they are never deactivated) and the emphasis delimiters not yet matched
/// (0.29 walks the whole delimiter stack). Each limit sits where its pattern costs well under a
/// second (timed again at the limits on a loaded 2-core machine: 0.3–0.7 s); ordinary prose stays far below: a 50 KB paragraph with 500 links and 500
/// emphases walks 1.25·10⁵, a single 256 KiB paragraph of linked, emphasised sentences 8·10⁶,
/// a 100-row, 20-column table scores 4·10⁴.
public enum MarkdownScreening {
    /// One slow construct: where its paragraph (or table row) starts, 1-based, and what it is.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    static let imageLinkLimit = 10_000_000
    static let emphasisLinkLimit = 10_000_000
    static let rawHTMLScanLimit = 25_000_000
    static let tableCellLimit = 10_000_000

    /// Every slow construct of `markdown`, in text order (at most one per paragraph and measure).
    public static func slowConstructs(in markdown: String) -> [Finding] {
        var findings: [Finding] = []
        var paragraph = ParagraphCounts(line: 1)
        var tableScore = 0
        var tableLine: Int?
        var line = 1
        var lineStart = true
        var pipesOnLine = 0
        var blankSoFar = true
        let bytes = Array(markdown.utf8)

        func endLine() {
            tableScore += pipesOnLine * pipesOnLine
            if pipesOnLine > 0, tableLine == nil { tableLine = line }
            pipesOnLine = 0
        }
        func endParagraph() {
            findings += paragraph.findings()
        }

        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if lineStart {
                lineStart = false
                blankSoFar = true
            }
            switch byte {
            case UInt8(ascii: "\n"):
                endLine()
                if blankSoFar {
                    // A blank line ends the paragraph.
                    endParagraph()
                    paragraph = ParagraphCounts(line: line + 1)
                }
                line += 1
                lineStart = true
                paragraph.lineEnd(at: index)
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                index += 1
                continue
            default:
                blankSoFar = false
            }
            if paragraph.isEmpty { paragraph = ParagraphCounts(line: line) }
            paragraph.started = true
            switch byte {
            case UInt8(ascii: "|"):
                pipesOnLine += 1
            case UInt8(ascii: "!") where next(bytes, index) == UInt8(ascii: "["):
                paragraph.openBracket(image: true)
                index += 2
                continue
            case UInt8(ascii: "["):
                paragraph.openBracket(image: false)
            case UInt8(ascii: "]"):
                paragraph.closeBracket(link: next(bytes, index) == UInt8(ascii: "("))
            case UInt8(ascii: "*"), UInt8(ascii: "_"):
                // One delimiter run, however long.
                if index == 0 || bytes[index - 1] != byte { paragraph.emphasisRuns += 1 }
            case UInt8(ascii: "<"):
                paragraph.rawHTMLOpener(bytes, at: index)
            case UInt8(ascii: ">"):
                paragraph.rawHTMLCloser(bytes, at: index)
            default:
                break
            }
            index += 1
        }
        endLine()
        paragraph.lineEnd(at: bytes.count)
        endParagraph()
        if tableScore > tableCellLimit {
            findings.append(Finding(
                line: tableLine ?? 1, column: 1,
                message: "table rows with this many cells (\(tableScore) cells² in all, above \(tableCellLimit)) make cmark-gfm quadratically slow: split the table"))
        }
        return findings.sorted { ($0.line, $0.column) < ($1.line, $1.column) }
    }

    private static func next(_ bytes: [UInt8], _ index: Int) -> UInt8? {
        index + 1 < bytes.count ? bytes[index + 1] : nil
    }

    /// The counts of one paragraph (text between blank lines).
    private struct ParagraphCounts {
        let line: Int
        var started = false
        /// Open brackets, innermost last: `true` for an image's `![`.
        var brackets: [Bool] = []
        var openImages = 0
        var linkClosers = 0
        var emphasisRuns = 0
        /// What cmark-gfm walks when a link closes: every image opener still open (images are
        /// never deactivated), and every emphasis delimiter not yet matched (0.29 walks the whole
        /// delimiter stack to find the link's bottom).
        var imageWalk = 0
        var delimiterWalk = 0
        var mostOpenImages = 0
        /// Byte offsets of unclosed `<?`, `<![CDATA[` and `<!X` openers, by kind.
        var openProcessing: [Int] = []
        var openCDATA: [Int] = []
        var openDeclarations: [Int] = []
        /// Bytes cmark-gfm scans looking for closers.
        var scanned = 0
        var lastOffset = 0

        init(line: Int) { self.line = line }

        var isEmpty: Bool { !started }

        mutating func lineEnd(at offset: Int) { lastOffset = offset }

        mutating func openBracket(image: Bool) {
            brackets.append(image)
            if image {
                openImages += 1
                mostOpenImages = max(mostOpenImages, openImages)
            }
        }

        mutating func closeBracket(link: Bool) {
            guard let image = brackets.popLast() else { return }
            if image { openImages -= 1 }
            guard link else { return }
            linkClosers += 1
            imageWalk += openImages
            delimiterWalk += emphasisRuns
        }

        mutating func rawHTMLOpener(_ bytes: [UInt8], at index: Int) {
            guard index + 1 < bytes.count else { return }
            if bytes[index + 1] == UInt8(ascii: "?") {
                openProcessing.append(index)
            } else if bytes[index + 1] == UInt8(ascii: "!") {
                if bytes[index...].starts(with: "<![CDATA[".utf8) {
                    openCDATA.append(index)
                } else if index + 2 < bytes.count, (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(bytes[index + 2] & 0xDF) {
                    openDeclarations.append(index)
                }
            }
        }

        mutating func rawHTMLCloser(_ bytes: [UInt8], at index: Int) {
            func close(_ open: inout [Int]) {
                for opener in open { scanned += index - opener }
                open.removeAll()
            }
            close(&openDeclarations)
            if index > 0, bytes[index - 1] == UInt8(ascii: "?") { close(&openProcessing) }
            if index > 1, bytes[index - 1] == UInt8(ascii: "]"), bytes[index - 2] == UInt8(ascii: "]") { close(&openCDATA) }
        }

        func findings() -> [Finding] {
            guard started else { return [] }
            var found: [Finding] = []
            if imageWalk > MarkdownScreening.imageLinkLimit {
                found.append(Finding(
                    line: line, column: 1,
                    message: "this paragraph has \(mostOpenImages) unclosed image openers '![' before \(linkClosers) links, "
                        + "a mix that makes cmark-gfm quadratically slow: split the paragraph or close the images"))
            }
            if delimiterWalk > MarkdownScreening.emphasisLinkLimit {
                found.append(Finding(
                    line: line, column: 1,
                    message: "this paragraph has \(emphasisRuns) emphasis markers and \(linkClosers) links, a mix that makes cmark-gfm quadratically slow: split the paragraph"))
            }
            var scanned = self.scanned
            for opener in openProcessing + openCDATA + openDeclarations { scanned += max(0, lastOffset - opener) }
            if scanned > MarkdownScreening.rawHTMLScanLimit {
                let count = openProcessing.count + openCDATA.count + openDeclarations.count
                found.append(Finding(
                    line: line, column: 1,
                    message: "this paragraph has \(count) unclosed '<?', '<![CDATA[' or '<!' markers, which make cmark-gfm quadratically slow: remove them or put them in code spans"))
            }
            return found
        }
    }
}

import MarkdownHTML

/// The Markdown text of narratives and events: bounded in size, and free of the constructs the
/// linked cmark-gfm renders in quadratic time (a 480 KB event body once made `weekly` take 96 s;
/// 100 MB took 4.7 GB).
extension LoadContext {
    /// Reports a body larger than `limits.markdown_body_kib`, or else each slow construct in it.
    /// `bodyLine` is the file line the body starts on. Returns whether the body is acceptable.
    @discardableResult
    func checkMarkdownBody(_ body: String, file: String, bodyLine: Int) -> Bool {
        let size = body.utf8.count
        if size > limits.markdownBodyBytes {
            sink.error(
                "the Markdown text is \(LoadContext.kibibytes(size)) KiB, more than the limit of \(limits.markdownBodyKiB) KiB (limits: markdown_body_kib in briefing.yaml)",
                at: Location(file: file, line: bodyLine, column: 1))
            return false
        }
        let findings = MarkdownScreening.slowConstructs(in: body)
        for finding in findings {
            sink.error(finding.message, at: Location(file: file, line: bodyLine + finding.line - 1, column: finding.column))
        }
        return findings.isEmpty
    }

    /// `300.5`: KiB with at most one decimal, rounded up so a body just over the limit never
    /// reads as equal to it.
    static func kibibytes(_ bytes: Int) -> String {
        let tenths = (bytes * 10 + 1023) / 1024
        return tenths % 10 == 0 ? "\(tenths / 10)" : "\(tenths / 10).\(tenths % 10)"
    }
}

/// Renders GitHub Flavored Markdown to an HTML fragment with cmark-gfm.
///
/// Every document is parsed with the GitHub extensions `table`, `strikethrough`,
/// `autolink`, `tasklist` and `tagfilter`, and with footnotes enabled.
///
/// Rendering is safe by default: raw HTML is replaced by `<!-- raw HTML omitted -->`
/// and links or images whose destination uses `javascript:`, `vbscript:`, `file:` or
/// `data:` (other than `data:image/png|gif|jpeg|webp`) get an empty destination.
/// ``Options/unsafeHTML`` lets trusted raw HTML through; `tagfilter` still
/// neutralises `<script>`, `<iframe>`, `<style>` and the other tags GitHub filters.
///
/// The renderer is a `Sendable` value and may be called from any thread. cmark-gfm
/// 0.29 keeps parser state in globals, so renders in one process take turns.
public struct MarkdownRenderer: Sendable {
    /// What to render beyond the safe GitHub defaults.
    public struct Options: OptionSet, Sendable, Hashable {
        public let rawValue: Int

        public init(rawValue: Int) {
            self.rawValue = rawValue
        }

        /// Pass raw HTML and every link destination through (for trusted input only).
        /// `tagfilter` stays on.
        public static let unsafeHTML = Options(rawValue: 1 << 0)

        /// Curly quotes, en and em dashes from `--` and `---`, ellipses from `...`.
        public static let smartPunctuation = Options(rawValue: 1 << 1)

        /// Give every heading an `id` slug (GitHub style, unique within the document)
        /// so that pages can link to sections.
        public static let headingAnchors = Options(rawValue: 1 << 2)

        /// Safe rendering, as GitHub renders a comment: the same HTML as the
        /// `cmark-gfm` tool with these extensions.
        public static let `default`: Options = []
    }

    public var options: Options

    /// Rewrites link destinations before the HTML is written: given a link's destination as
    /// written in the Markdown, returns the one to use, or `nil` to keep it. Applied to the tree,
    /// so the result is escaped and screened for unsafe schemes like any other destination, and
    /// raw HTML is never touched. Images keep their sources.
    public var links: (@Sendable (String) -> String?)?

    public init(options: Options = .default, links: (@Sendable (String) -> String?)? = nil) {
        self.options = options
        self.links = links
    }

    /// Renders `markdown` and reports the headings found in it.
    public func render(_ markdown: String) -> RenderedMarkdown {
        CommonMarkConverter.render(markdown, options: options, collectHeadings: true, links: links) { html, headings in
            RenderedMarkdown(html: String(decoding: html, as: UTF8.self), headings: headings)
        }
    }

    /// Renders `markdown` to an HTML fragment.
    public func html(from markdown: String) -> String {
        withHTML(from: markdown) { String(decoding: $0, as: UTF8.self) }
    }

    /// Renders `markdown` and passes the HTML fragment to `body` as UTF-8 bytes that
    /// are valid only during the call: for writing large output without first
    /// copying it into a String.
    public func withHTML<Result>(
        from markdown: String, _ body: (_ utf8: UnsafeRawBufferPointer) throws -> Result
    ) rethrows -> Result {
        // Without anchors the headings are not needed, and their walk is skipped.
        try CommonMarkConverter.render(markdown, options: options, collectHeadings: false, links: links) { html, _ in
            try body(html)
        }
    }
}

/// The result of rendering one Markdown document.
public struct RenderedMarkdown: Sendable, Hashable {
    /// The HTML fragment (no `<html>`, `<head>` or `<body>`).
    public var html: String

    /// The document's headings in order, footnote headings included.
    public var headings: [Heading]

    public init(html: String, headings: [Heading]) {
        self.html = html
        self.headings = headings
    }

    /// The plain text of the first heading, if the document has a non-empty one.
    public var title: String? {
        headings.first { !$0.text.isEmpty }?.text
    }
}

/// A heading of a rendered document.
public struct Heading: Sendable, Hashable {
    /// 1 to 6.
    public var level: Int
    /// The heading's plain text: the text of its inline content without markup.
    public var text: String
    /// The `id` given to the heading, or `nil` without ``MarkdownRenderer/Options/headingAnchors``.
    public var anchor: String?

    public init(level: Int, text: String, anchor: String?) {
        self.level = level
        self.text = text
        self.anchor = anchor
    }
}

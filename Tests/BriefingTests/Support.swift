import MarkdownHTML

/// Renders Markdown the way briefings are rendered, for checking escaping end to end.
enum MarkdownHTMLProbe {
    static func render(_ markdown: String) -> String {
        MarkdownRenderer(options: []).render(markdown).html
    }
}

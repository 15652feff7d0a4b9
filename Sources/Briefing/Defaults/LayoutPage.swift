import MarkdownHTML
import Templating

/// A Markdown page placed in `layout.html` the way the weekly run places a briefing: the HTML
/// fragment as `content`, a `page_title` and the `toc` of its `##` headings.
enum LayoutPage {
    static func variables(_ base: [String: Value], markdown: String, title: String) -> [String: Value] {
        let rendered = MarkdownRenderer(options: [.headingAnchors]).render(markdown)
        var variables = base
        variables["content"] = .markup(rendered.html)
        variables["page_title"] = .string(title)
        variables["toc"] = .list(rendered.headings.filter { $0.level == 2 }.map { heading in
            .dictionary([("title", .string(heading.text)), ("anchor", .string(heading.anchor ?? ""))])
        })
        return variables
    }
}

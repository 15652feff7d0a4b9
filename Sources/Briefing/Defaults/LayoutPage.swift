import MarkdownHTML
import Templating

/// The one page-wrapping step: a Markdown page placed in `layout.html` the way the weekly run places
/// a briefing, with the HTML fragment as `content`, a `page_title` and the `toc` of its `##` headings.
/// The briefing, the methodology page, `briefing report --format html` and `briefing check` all wrap
/// through here, so a page looks the same whichever command made it.
enum LayoutPage {
    /// How every page of the product renders a briefing's or the methodology's Markdown (heading
    /// anchors for the table of contents); the site adds its link mapping to the same renderer.
    static let renderer = MarkdownRenderer(options: [.headingAnchors])

    /// `base` with the page variables added, and the headings the Markdown rendered with (for
    /// `summary.json`).
    static func wrap(_ base: [String: Value], markdown: String, title: String) -> (variables: [String: Value], headings: [Heading]) {
        let rendered = renderer.render(markdown)
        var variables = base
        variables["content"] = .markup(rendered.html)
        variables["page_title"] = .string(title)
        variables["toc"] = .list(rendered.headings.filter { $0.level == 2 }.map { heading in
            .dictionary([("title", .string(heading.text)), ("anchor", .string(heading.anchor ?? ""))])
        })
        return (variables, rendered.headings)
    }

    /// ``wrap(_:markdown:title:)`` when only the variables are needed.
    static func variables(_ base: [String: Value], markdown: String, title: String) -> [String: Value] {
        wrap(base, markdown: markdown, title: title).variables
    }
}

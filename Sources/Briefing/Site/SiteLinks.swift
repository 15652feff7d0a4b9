import MarkdownHTML

/// Where a briefing's links lead once it is a page of the site, `periods/<period>/briefing.html`:
/// the one place that maps them. A briefing links the methodology beside it in
/// `Reports/<period>/` (older briefings: the repository's `docs/methodology.md`); on the site the
/// methodology is one page at the top.
enum SiteLinks {
    /// The site's destination for a link of a period page, or `nil` to keep it as written.
    @Sendable static func periodPage(_ destination: String) -> String? {
        switch destination {
        case MethodologyPage.fileName, "../../docs/methodology.md": "../../\(MethodologyPage.fileName)"
        default: nil
        }
    }

    /// A briefing's Markdown as its site page shows it: the build stage's rendering (heading
    /// anchors, safe by default) with the links mapped on the parsed tree, never in the bytes.
    static func periodPageHTML(markdown: String) -> String {
        var renderer = LayoutPage.renderer
        renderer.links = periodPage
        return renderer.render(markdown).html
    }
}

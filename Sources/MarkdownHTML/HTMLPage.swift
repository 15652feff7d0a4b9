/// A complete, minimal HTML5 page around a rendered fragment.
public struct HTMLPage: Sendable, Hashable {
    /// Plain text; escaped when the page is rendered.
    public var title: String
    /// An HTML fragment, inserted as is.
    public var body: String
    /// The page's `lang` attribute.
    public var language: String

    public init(title: String, body: String, language: String = "en") {
        self.title = title
        self.body = body
        self.language = language
    }

    /// The page as HTML, ending with a newline.
    public var html: String {
        var page = """
            <!doctype html>
            <html lang="\(escapeHTML(language))">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escapeHTML(title))</title>
            </head>
            <body>
            <main>

            """
        page.reserveCapacity(page.utf8.count + body.utf8.count + 32)
        page += body
        if !body.isEmpty, body.utf8.last != UInt8(ascii: "\n") { page += "\n" }
        page += "</main>\n</body>\n</html>\n"
        return page
    }
}

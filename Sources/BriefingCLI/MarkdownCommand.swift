import ArgumentParser
import MarkdownHTML

/// `briefing markdown [FILE]`: GitHub Flavored Markdown to HTML on stdout.
struct MarkdownCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Render GitHub Flavored Markdown to HTML.",
        discussion: """
            Reads FILE (or standard input) and writes an HTML fragment, or with --page a \
            complete HTML5 page, to standard output. Tables, task lists, strikethrough, \
            autolinks and footnotes are rendered as on GitHub. Raw HTML is omitted and \
            javascript:, vbscript:, file: and data: links are dropped unless --unsafe is given.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The Markdown file (default: standard input).", valueName: "file"))
    var file: String?

    @Flag(help: "Let trusted raw HTML and all links through (tagfilter still applies).")
    var unsafe = false

    @Flag(help: "Use smart punctuation: curly quotes, dashes, ellipses.")
    var smart = false

    @Flag(help: "Give headings id anchors: GitHub-style slugs, unique within the page.")
    var anchors = false

    @Flag(help: "Write a complete HTML5 page instead of a fragment.")
    var page = false

    @Option(help: ArgumentHelp("The page title with --page (default: the first heading, else the file name).", valueName: "title"))
    var title: String?

    func validate() throws {
        if title != nil, !page {
            throw ValidationError("--title needs --page")
        }
        if file?.isEmpty == true {
            throw ValidationError("the file name is empty")
        }
    }

    func run() throws {
        let markdown = try file.map { path throws(CLIError) in try FileSystem.readText(atPath: path) }
            ?? FileSystem.readStandardInput()
        let renderer = MarkdownRenderer(options: rendererOptions)
        if page {
            let rendered = renderer.render(markdown)
            let pageTitle = title ?? rendered.title ?? file.map(FileSystem.fileName) ?? "Untitled"
            try FileSystem.writeStandardOutput(HTMLPage(title: pageTitle, body: rendered.html).html)
        } else {
            try renderer.withHTML(from: markdown) { html in
                try FileSystem.writeStandardOutput(html)
            }
        }
    }

    var rendererOptions: MarkdownRenderer.Options {
        var options: MarkdownRenderer.Options = []
        if unsafe { options.insert(.unsafeHTML) }
        if smart { options.insert(.smartPunctuation) }
        if anchors { options.insert(.headingAnchors) }
        return options
    }
}

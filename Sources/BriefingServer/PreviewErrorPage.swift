import MarkdownHTML

/// The page every request gets while the latest build failed: the located diagnostics, escaped.
/// The server adds the live-reload script as it sends the page (``LiveReload``), so the page
/// shows the next build's errors, or clears itself, as soon as a fix is saved.
enum PreviewErrorPage {
    static func html(diagnostics: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Build failed — briefing preview</title>
        <style>
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.5; }
        pre { background: #fff4f4; border-left: 4px solid #c0392b; padding: 1rem; overflow-x: auto; white-space: pre-wrap; }
        @media (prefers-color-scheme: dark) { body { background: #1b1b1b; color: #e6e6e6; } pre { background: #2b1d1d; } }
        </style>
        </head>
        <body>
        <h1>The preview could not be built</h1>
        <pre>\(escape(diagnostics))</pre>
        <p>Fix the files named above and save: the preview rebuilds by itself and this page reloads.</p>
        </body>
        </html>

        """
    }

    static func escape(_ text: String) -> String { escapeHTML(text) }
}

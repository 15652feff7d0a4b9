import Foundation

/// Headless Chromium, which prints the PDF edition: the same engine readers view the site with,
/// so the PDF follows the print stylesheet exactly as "Print…" in the browser would.
package struct Chromium: Sendable {
    let tool: ExternalTool

    /// The browser: `$BRIEFING_CHROMIUM` when set, else `chromium`, `chromium-browser`,
    /// `google-chrome` or `google-chrome-stable` on `PATH`.
    package static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws(EditionError) -> Chromium {
        var names = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
        if let chosen = environment["BRIEFING_CHROMIUM"], !chosen.isEmpty { names = [chosen] }
        guard let tool = ExternalTool.locate(names, path: environment["PATH"]) else {
            throw .missingTool(name: "Chromium", debianPackage: "chromium", purpose: "the PDF edition")
        }
        return Chromium(tool: tool)
    }

    /// Prints `page` (a file in `folder`) to a PDF and returns its bytes. The browser runs with a
    /// throw-away profile and home, in UTC (the PDF's dates are written in the process's zone),
    /// without the browser's own header and footer: the page's `@page` rules provide them.
    func printToPDF(page: URL, in folder: URL) throws(EditionError) -> Data {
        let output = folder.appendingPathComponent("printed.pdf")
        let profile = folder.appendingPathComponent("profile")
        try? FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        var arguments = Chromium.baseFlags(profile: profile)
        arguments += ["--no-pdf-header-footer", "--generate-pdf-document-outline", "--print-to-pdf=\(output.path)", page.absoluteString]
        try tool.run(arguments, environment: ["HOME": profile.path, "TZ": "UTC"], timeout: 180)
        guard let data = try? Data(contentsOf: output), data.starts(with: Array("%PDF-".utf8)) else {
            throw .badOutput(name: "Chromium", reason: "did not write a PDF for \(page.lastPathComponent)")
        }
        return data
    }

    /// Flags for a quiet, self-contained headless run. `--no-sandbox` because the browser runs
    /// as root in containers and CI, where its sandbox cannot start; it only ever opens the
    /// briefing's own local files, which carry no scripts.
    static func baseFlags(profile: URL) -> [String] {
        [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--no-default-browser-check", "--disable-extensions", "--disable-background-networking",
            "--disable-breakpad", "--disable-sync", "--hide-scrollbars", "--mute-audio",
            "--run-all-compositor-stages-before-draw", "--user-data-dir=\(profile.path)",
        ]
    }
}

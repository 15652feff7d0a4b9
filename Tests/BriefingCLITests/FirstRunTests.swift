import Foundation
import TestSupport
import Testing

/// A new team's first run, as the README walks it: `briefing init`, `check`, `weekly`, `report`,
/// `publish`, with nothing but the built-in templates; then the ways `check` catches what would
/// break the run, `templates list|copy`, and `init`'s refusals.
@Suite("First run from briefing init")
struct FirstRunTests {
    static let asOf = "2026-11-27"
    static let base = "https://research.example.internal/briefing/"

    /// A folder holding a new workspace `ws/` made by `briefing init`.
    private func initialized() throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        return (directory, directory.url.appendingPathComponent("ws"))
    }

    private func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func initCheckWeeklyReportPublishAllSucceedAndEveryLinkResolves() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Templates/weekly.md").path))

        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: workspace)
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stderr == "briefing: checked as of 2026-11-27: 0 errors, 0 warnings\n")

        let weekly = try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: workspace)
        #expect(weekly.status == 0, "\(weekly.stderr)")
        let period = workspace.appendingPathComponent("Reports/2026-W48")
        let briefing = try read(period.appendingPathComponent("briefing.html"))
        #expect(briefing.contains("<h1>Research Briefing — 2026-W48</h1>") || briefing.contains("Research Briefing — 2026-W48</h1>"))
        #expect(briefing.contains("href=\"methodology.html\""))
        let methodology = try read(period.appendingPathComponent("methodology.html"))
        #expect(methodology.contains("How to read the figures"))
        #expect(methodology.contains("Example market"))

        let report = try BriefingProcess.run(["report", "vendor", "example-merchant", "--as-of", Self.asOf], in: workspace)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.hasPrefix("# Example Merchant\n"))
        #expect(report.stdout.contains("[methodology](\(Self.base)methodology.html)"))

        let out = directory.url.appendingPathComponent("merchant.html")
        let standalone = try BriefingProcess.run(
            ["report", "vendor", "example-merchant", "--as-of", Self.asOf, "--format", "html", "--out", out.path], in: workspace)
        #expect(standalone.status == 0, "\(standalone.stderr)")
        let page = try read(out)
        #expect(page.contains("href=\"\(Self.base)methodology.html\""))
        #expect(!page.contains("href=\"methodology.html\""))

        let site = directory.url.appendingPathComponent("site")
        let publish = try BriefingProcess.run(["publish", "--to", site.path, "--as-of", Self.asOf, "--quiet"], in: workspace)
        #expect(publish.status == 0, "\(publish.stderr)")
        for path in ["index.html", "archive.html", "methodology.html", "periods/2026-W48/briefing.html", "vendors/example-merchant.html",
                     "scenarios/custom-gains.html", "assets/site.css", "404.html"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path), "\(path) is missing")
        }
        #expect(try read(site.appendingPathComponent("periods/2026-W48/briefing.html")).contains("href=\"../../methodology.html\""))
        let broken = LinkWalk.brokenLinks(in: site, baseURL: Self.base)
        #expect(broken == [], "broken links in the published site")
        #expect(LinkWalk.linkCount > 0)
    }

    @Test func checkRendersAndFailsLocatedOnAnUndefinedVariable() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let copy = try BriefingProcess.run(["templates", "copy", "weekly.md"], in: workspace)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout == "created Templates/weekly.md\n")
        let file = workspace.appendingPathComponent("Templates/weekly.md")
        let original = try read(file)
        let line = original.split(separator: "\n", omittingEmptySubsequences: false).count
        try Data((original + "{{ sumary }}\n").utf8).write(to: file)

        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: workspace)
        #expect(check.status == 1)
        #expect(check.stderr == """
            Templates/weekly.md:\(line):4: error: 'sumary' is undefined; did you mean 'summary'?
            briefing: checked as of 2026-11-27: 1 error, 0 warnings

            """)
        // What check reports is what weekly would have failed on.
        let weekly = try BriefingProcess.run(["weekly", "--as-of", Self.asOf], in: workspace)
        #expect(weekly.status == 1)
        #expect(weekly.stderr.contains("Templates/weekly.md:\(line):4: error: 'sumary' is undefined"))
    }

    @Test(arguments: [
        ("weekly.md", "# {{ title }}\n", "Templates/weekly.md:1:6: error: 'title' is undefined; did you mean 'briefing.title'?"),
        ("weekly.md", "{% include 'partials/markets.md' %}\n", "Templates/weekly.md:1:"),
        ("vendor.md", "{{ vendor.name|money }}\n", "Templates/vendor.md:1:"),
        ("site/home.html", "{% extends 'site/layout.html' %}{% block content %}{{ latest.nmae }}{% endblock %}\n",
         "Templates/site/home.html:1:"),
        ("methodology.md", "{{ settings.monte_carlo.sed }}\n", "Templates/methodology.md:1:"),
    ])
    func checkReportsWhatEachCommandWouldFailOn(_ name: String, _ source: String, _ expected: String) throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let file = workspace.appendingPathComponent("Templates/\(name)")
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(source.utf8).write(to: file)
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: workspace)
        #expect(check.status == 1)
        #expect(check.stderr.hasPrefix(expected), "\(check.stderr)")
        #expect(check.stderr.hasSuffix("1 error, 0 warnings\n"), "\(check.stderr)")
    }

    @Test func weeklySaysWhereAMisplacedNameLives() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        try Data("# {{ title }}\n".utf8).write(to: workspace.appendingPathComponent("Templates/weekly.md"))
        let weekly = try BriefingProcess.run(["weekly", "--as-of", Self.asOf], in: workspace)
        #expect(weekly.status == 1)
        #expect(weekly.stderr.contains("Templates/weekly.md:1:6: error: 'title' is undefined; did you mean 'briefing.title'?\n"), "\(weekly.stderr)")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Reports/2026-W48").path))
    }

    @Test func anUneditedNewEventIsAnErrorAtItsPlaceholders() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let new = try BriefingProcess.run(["new", "event", "Capex guidance raised", "--date", "2026-11-26"], in: workspace)
        #expect(new.status == 0, "\(new.stderr)")
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: workspace)
        #expect(check.status == 1)
        #expect(check.stderr == """
            Data/events/2026-11-26-capex-guidance-raised.md:9:5: warning: source 'Capex guidance raised' has no url: readers cannot check it
            Data/events/2026-11-26-capex-guidance-raised.md:9:17: error: a placeholder is left in the data: replace 'TODO' with the real value
            Data/events/2026-11-26-capex-guidance-raised.md:14:1: error: the event's text is still the placeholder 'What happened and why it matters.': write what happened and why it matters
            briefing: checked as of 2026-11-27: 2 errors, 1 warning

            """)
    }

    @Test func templatesListAndCopy() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let list = try BriefingProcess.run(["templates", "list"], in: workspace)
        #expect(list.status == 0, "\(list.stderr)")
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("NAME") == true)
        #expect(lines.contains { $0.hasPrefix("weekly.md ") && $0.hasSuffix(" built-in") })
        #expect(lines.contains { $0.hasPrefix("methodology.md ") && $0.hasSuffix(" built-in") })
        #expect(lines.contains { $0.hasPrefix("assets/site.css ") && $0.hasSuffix(" built-in") })
        #expect(!lines.contains { $0.contains("README") })

        try Data("{# ours #}\n".utf8).write(to: workspace.appendingPathComponent("Templates/team-notes.md"))
        let copy = try BriefingProcess.run(["templates", "copy", "site/layout.html", "weekly.md"], in: workspace)
        #expect(copy.status == 0, "\(copy.stderr)")
        #expect(copy.stdout == "created Templates/site/layout.html\ncreated Templates/weekly.md\n")
        let after = try BriefingProcess.run(["templates", "list"], in: workspace).stdout
        #expect(after.contains("weekly.md") && after.contains("workspace (Templates/weekly.md, overrides the built-in; same as the built-in)"))
        #expect(after.contains("workspace (Templates/team-notes.md)"))

        // An edited copy is never overwritten without --force; with it, it is replaced.
        let weekly = workspace.appendingPathComponent("Templates/weekly.md")
        let builtIn = try read(weekly)
        try Data("# {{ briefing.title }}\n".utf8).write(to: weekly)
        let again = try BriefingProcess.run(["templates", "copy", "weekly.md", "partials/vendor.md"], in: workspace)
        #expect(again.status == 1)
        #expect(again.stderr == "briefing: error: Templates/weekly.md already exists (use --force to replace it with the built-in template)\n")
        #expect(try read(weekly) == "# {{ briefing.title }}\n")
        #expect(!FileManager.default.fileExists(atPath: workspace.appendingPathComponent("Templates/partials/vendor.md").path))
        let edited = try BriefingProcess.run(["templates", "list"], in: workspace).stdout
        #expect(edited.contains("workspace (Templates/weekly.md, overrides the built-in)\n"))

        let forced = try BriefingProcess.run(["templates", "copy", "weekly.md", "--force"], in: workspace)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout == "replaced Templates/weekly.md\n")
        #expect(try read(weekly) == builtIn)

        let unknown = try BriefingProcess.run(["templates", "copy", "weekly.mdx"], in: workspace)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "briefing: error: there is no built-in template 'weekly.mdx'; did you mean 'weekly.md'?\n")
    }

    @Test func templatesCopyDoesNotWriteThroughALinkOutOfTheWorkspace() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        let outside = try directory.makeDirectory("outside")
        try FileManager.default.createSymbolicLink(
            at: workspace.appendingPathComponent("Templates/site"), withDestinationURL: outside)
        let copy = try BriefingProcess.run(["templates", "copy", "site/layout.html"], in: workspace)
        #expect(copy.status == 1)
        #expect(copy.stderr.hasPrefix("briefing: error: Templates/site is a symbolic link to \(outside.path), outside the workspace"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
    }

    @Test func publishFailsOnABrokenLinkAndLeavesTheSiteAsItWas() throws {
        let (directory, workspace) = try initialized()
        defer { directory.remove() }
        #expect(try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: workspace).status == 0)
        let site = directory.url.appendingPathComponent("site")
        #expect(try BriefingProcess.run(["publish", "--to", site.path, "--as-of", Self.asOf, "--quiet"], in: workspace).status == 0)
        let before = try read(site.appendingPathComponent("index.html"))

        #expect(try BriefingProcess.run(["templates", "copy", "site/home.html"], in: workspace).status == 0)
        let home = workspace.appendingPathComponent("Templates/site/home.html")
        try Data(try read(home).replacingOccurrences(of: "<h2>Vendors</h2>", with: "<h2>Vendors</h2> <a href=\"vendors/gone.html\">gone</a>").utf8)
            .write(to: home)
        let publish = try BriefingProcess.run(["publish", "--to", site.path, "--as-of", Self.asOf, "--quiet"], in: directory.url.appendingPathComponent("ws"))
        #expect(publish.status == 1)
        let lines = publish.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(publish.stderr)")
        #expect(lines.first?.hasPrefix("\(site.path)/index.html:") == true, "\(publish.stderr)")
        #expect(lines.first?.hasSuffix(": error: link 'vendors/gone.html' does not resolve: the site has no vendors/gone.html") == true)
        #expect(lines.last == "briefing: error: the site was left as it was")
        #expect(try read(site.appendingPathComponent("index.html")) == before)
    }

    @Test func initRefusesAFolderThatIsNotFresh() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("notes\n", to: "ws/notes.txt")
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == "briefing: error: ws is not empty (it holds notes.txt); init creates a workspace in a new or empty folder\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("ws").path) == ["notes.txt"])

        // A new repository (hidden entries, a README) is fresh.
        try directory.write("[core]\n", to: "repo/.git/config")
        try directory.write("# Optics desk\n", to: "repo/README.md")
        let fresh = try BriefingProcess.run(["init", "repo", "--as-of", Self.asOf], in: directory.url)
        #expect(fresh.status == 0, "\(fresh.stderr)")
        #expect(try read(directory.url.appendingPathComponent("repo/README.md")) == "# Optics desk\n")
    }

    @Test func initRefusesToWriteThroughALinkOutOfTheFolder() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let outside = try directory.makeDirectory("elsewhere")
        _ = try directory.makeDirectory("ws")
        try FileManager.default.createSymbolicLink(at: directory.url.appendingPathComponent("ws/Data"), withDestinationURL: outside)
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr == "briefing: error: ws/Data is a symbolic link to \(outside.path), outside ws; init does not write through it\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.appendingPathComponent("ws").path) == ["Data"])
    }
}

/// Follows every `href` and `src` of every page of a published site, the way a reader's browser
/// would: relative links against the page, links to the site's address against its top, and `#`
/// fragments against the target page's `id`s. Other hosts and schemes are not followed.
enum LinkWalk {
    nonisolated(unsafe) static var linkCount = 0

    static func brokenLinks(in site: URL, baseURL: String) -> [String] {
        let pages = (FileManager.default.enumerator(atPath: site.path)?.compactMap { $0 as? String } ?? []).filter { $0.hasSuffix(".html") }
        let attribute = try! NSRegularExpression(pattern: #"\s(href|src)="([^"]*)""#)
        let identifier = try! NSRegularExpression(pattern: #"\s(?:id|name)="([^"]*)""#)
        func ids(_ page: String) -> Set<String> {
            let text = (try? String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)) ?? ""
            return Set(identifier.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
                Range($0.range(at: 1), in: text).map { String(text[$0]) }
            })
        }
        var broken: [String] = []
        for page in pages.sorted() {
            let text = (try? String(contentsOf: site.appendingPathComponent(page), encoding: .utf8)) ?? ""
            for match in attribute.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let range = Range(match.range(at: 2), in: text) else { continue }
                var link = String(text[range]).replacingOccurrences(of: "&amp;", with: "&")
                linkCount += 1
                let sitePath = site.standardizedFileURL.path
                var folder = ((sitePath + "/" + page) as NSString).deletingLastPathComponent
                if link.hasPrefix(baseURL) {
                    link = String(link.dropFirst(baseURL.count))
                    folder = sitePath
                } else if link.contains(":") || link.hasPrefix("//") {
                    continue
                }
                let parts = link.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let path = parts[0].removingPercentEncoding ?? parts[0]
                let target = path.isEmpty ? sitePath + "/" + page : folder + "/" + (path.hasSuffix("/") ? path + "index.html" : path)
                let resolved = URL(fileURLWithPath: target).standardizedFileURL.path
                guard resolved.hasPrefix(sitePath + "/"), FileManager.default.fileExists(atPath: resolved) else {
                    broken.append("\(page): \(link)")
                    continue
                }
                if parts.count == 2, !parts[1].isEmpty, resolved.hasSuffix(".html") {
                    let relative = String(resolved.dropFirst(sitePath.count + 1))
                    if !ids(relative).contains(parts[1]) { broken.append("\(page): \(link) (no id '\(parts[1])')") }
                }
            }
        }
        return broken
    }
}

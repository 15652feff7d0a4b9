import Foundation
import TestSupport
import Testing
@testable import BriefingCLI

/// `briefing` run as a subprocess: standard output, standard error and exit status.
@Suite("briefing CLI")
struct MarkdownCommandTests {
    // MARK: - The "done when" examples

    @Test func pipedTableBecomesATable() throws {
        // What `echo '| a | b |\n|---|---|\n| 1 | 2 |'` prints in a POSIX sh (dash), or
        // printf in any shell: three lines.
        let result = try BriefingProcess.run(["markdown"], stdin: "| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(result.stdout.hasPrefix("<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>"))
        #expect(result.stdout.contains("<td>1</td>\n<td>2</td>"))
    }

    @Test func scriptAndJavascriptLinksAreDropped() throws {
        let result = try BriefingProcess.run(["markdown"], stdin: "<script>x</script>\n[a](javascript:alert(1))")
        #expect(result.status == 0)
        #expect(!result.stdout.contains("<script"))
        #expect(!result.stdout.contains("javascript:"))
        #expect(result.stdout == "<!-- raw HTML omitted -->\n<p><a href=\"\">a</a></p>\n")
    }

    // MARK: - Reading files, writing pages

    @Test func readsAFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write("# Title\n\n- [x] done\n", to: "notes.md")
        let result = try BriefingProcess.run(["markdown", file.path])
        #expect(result.status == 0)
        #expect(result.stdout == "<h1>Title</h1>\n<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> done</li>\n</ul>\n")
    }

    @Test func missingFileIsAnErrorNamingThePath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["markdown", "x.md"], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "briefing: error: cannot read 'x.md': No such file or directory\n")
    }

    @Test func directoryIsAnError() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try BriefingProcess.run(["markdown", directory.url.path])
        #expect(result.status == 1)
        #expect(result.stderr == "briefing: error: cannot read '\(directory.url.path)': Is a directory\n")
    }

    struct PageCase: CustomTestStringConvertible, Sendable {
        let name: String
        let arguments: [String]
        let markdown: String
        let title: String
        var testDescription: String { name }
    }

    static let pageCases: [PageCase] = [
        PageCase(name: "first heading", arguments: [], markdown: "Intro\n\n## Supply & *demand*\n\n# Later\n", title: "Supply &amp; demand"),
        PageCase(name: "file name without a heading", arguments: [], markdown: "No heading here.\n", title: "page.md"),
        PageCase(name: "--title wins", arguments: ["--title", "<Weekly>"], markdown: "# Heading\n", title: "&lt;Weekly&gt;"),
    ]

    @Test(arguments: pageCases)
    func pageIsACompleteHTML5Document(_ testCase: PageCase) throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let file = try directory.write(testCase.markdown, to: "page.md")
        let result = try BriefingProcess.run(["markdown", "--page"] + testCase.arguments + [file.path])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"))
        #expect(result.stdout.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(result.stdout.contains("<title>\(testCase.title)</title>"))
        #expect(result.stdout.hasSuffix("</main>\n</body>\n</html>\n"))
    }

    @Test func pageFromStdinWithoutHeadingIsUntitled() throws {
        let result = try BriefingProcess.run(["markdown", "--page"], stdin: "text\n")
        #expect(result.status == 0)
        #expect(result.stdout.contains("<title>Untitled</title>"))
        #expect(result.stdout.contains("<main>\n<p>text</p>\n</main>"))
    }

    // MARK: - Options

    struct OptionCase: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let markdown: String
        let html: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let optionCases: [OptionCase] = [
        OptionCase(arguments: [], markdown: "<div>x</div>\n", html: "<!-- raw HTML omitted -->\n"),
        OptionCase(arguments: ["--unsafe"], markdown: "<div>x</div>\n", html: "<div>x</div>\n"),
        OptionCase(arguments: ["--unsafe"], markdown: "<script>x</script>\n", html: "&lt;script>x&lt;/script>\n"),
        OptionCase(arguments: ["--smart"], markdown: "\"a\" -- b...\n", html: "<p>“a” – b…</p>\n"),
        OptionCase(arguments: ["--anchors"], markdown: "## A\n\n## A\n", html: "<h2 id=\"a\">A</h2>\n<h2 id=\"a-1\">A</h2>\n"),
        OptionCase(arguments: [], markdown: "## A\n", html: "<h2>A</h2>\n"),
    ]

    @Test(arguments: optionCases)
    func markdownOptions(_ testCase: OptionCase) throws {
        let result = try BriefingProcess.run(["markdown"] + testCase.arguments, stdin: testCase.markdown)
        #expect(result.status == 0)
        #expect(result.stdout == testCase.html)
    }

    // MARK: - Root command and usage errors

    @Test func versionComesFromOneConstant() throws {
        let result = try BriefingProcess.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdout == "\(BriefingCLI.version)\n")
        #expect(BriefingCLI.version == "0.1.0")
    }

    @Test func helpListsTheSubcommands() throws {
        let result = try BriefingProcess.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: briefing [--workspace <dir>] [--color <when>] <subcommand>"))
        #expect(result.stdout.contains("markdown"))
        #expect(result.stdout.contains("--workspace <dir>"))
    }

    @Test func markdownHelpListsItsOptions() throws {
        let help = RootCommand.helpMessage(for: MarkdownCommand.self, columns: 100)
        for option in ["--unsafe", "--smart", "--anchors", "--page", "--title <title>", "--workspace <dir>"] {
            #expect(help.contains(option), "\(option) missing from help")
        }
    }

    struct UsageError: CustomTestStringConvertible, Sendable {
        let arguments: [String]
        let message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let usageErrors: [UsageError] = [
        UsageError(arguments: ["markdown", "--bogus"], message: "Unknown option '--bogus'"),
        UsageError(arguments: ["markdown", "--title", "T"], message: "--title needs --page"),
        UsageError(arguments: ["markdown", ""], message: "the file name is empty"),
        UsageError(arguments: ["markdown", "--workspace", "/nonexistent/briefing"],
                   message: "workspace '/nonexistent/briefing' is not a directory"),
        UsageError(arguments: ["nonsense"], message: "Unexpected argument 'nonsense'"),
    ]

    @Test(arguments: usageErrors)
    func usageErrorsAreRefusedWhileParsing(_ testCase: UsageError) {
        #expect(ArgumentErrors.message(testCase.arguments) == testCase.message)
    }

    /// What the operator sees of a usage error: status 2, nothing on stdout, the message behind
    /// `briefing: error:`, then the usage.
    @Test func aUsageErrorExitsWithStatusTwoAndTheUsage() throws {
        let result = try BriefingProcess.run(["markdown", "--bogus"], stdin: "")
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.hasPrefix("briefing: error: Unknown option '--bogus'\n"))
        #expect(result.stderr.contains("Usage: briefing"))
    }

    @Test func workspaceMayComeBeforeOrAfterTheSubcommand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        for arguments in [["--workspace", directory.url.path, "markdown"], ["markdown", "--workspace", directory.url.path]] {
            let result = try BriefingProcess.run(arguments, stdin: "*x*")
            #expect(result.status == 0, "\(arguments)")
            #expect(result.stdout == "<p><em>x</em></p>\n")
        }
    }
}

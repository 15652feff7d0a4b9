import Foundation
import TestSupport
import Testing

/// Input that once crashed the tool with a signal, exhausted memory, wrote outside the workspace
/// or gave a briefing with `$nanB` in it: each now fails with a located error and exit status 1,
/// leaving Reports/ untouched.
@Suite("Hostile input, end to end")
struct HostileInputCommandTests {
    static let asOf = "2026-11-27"

    /// A workspace from `briefing init`, switched to a monthly cadence.
    private func workspace() throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let result = try BriefingProcess.run(["init", "ws", "--as-of", Self.asOf], in: directory.url)
        #expect(result.status == 0, "\(result.stderr)")
        let root = directory.url.appendingPathComponent("ws")
        try edit(root, "briefing.yaml", "cadence: weekly", "cadence: monthly")
        return (directory, root)
    }

    private func edit(_ root: URL, _ path: String, _ old: String, _ new: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        try #require(text.contains(old), "'\(old)' not in \(path)", sourceLocation: sourceLocation)
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    /// What Reports/ holds besides the README `briefing init` puts there.
    private func reportsFolder(_ root: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Reports").path)) ?? []).filter { $0 != "README.md" }
    }

    // MARK: - limits: in briefing.yaml

    /// The template limits set in `briefing.yaml` reach every render: a workspace that lowers the
    /// loop iteration limit gets a located error from `check` and from `weekly`, which writes nothing.
    @Test func theWorkspacesTemplateLimitsBoundItsRenders() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let settings = root.appendingPathComponent("briefing.yaml")
        try (try String(contentsOf: settings, encoding: .utf8) + "limits:\n  template_loop_iterations: 50\n")
            .write(to: settings, atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Templates/partials"), withIntermediateDirectories: true)
        try "{% for i in range(60) %}.{% endfor %}\n".write(
            to: root.appendingPathComponent("Templates/partials/loop.md"), atomically: true, encoding: .utf8)
        let copied = try BriefingProcess.run(["templates", "copy", "weekly.md"], in: root)
        #expect(copied.status == 0, "\(copied.stderr)")
        try edit(root, "Templates/weekly.md", "{#- The weekly briefing.", "{% include 'partials/loop.md' %}{#- The weekly briefing.")
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("Templates/partials/loop.md:1:"), "\(check.stderr)")
        #expect(check.stderr.contains("more than 50 loop iterations in one render (the loop iteration limit)"), "\(check.stderr)")
        let run = try BriefingProcess.run(["weekly", "--as-of", Self.asOf], in: root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("more than 50 loop iterations in one render"), "\(run.stderr)")
        #expect(reportsFolder(root).isEmpty)
    }

    // MARK: - render --data

    @Test func anAliasBombGivenToRenderIsRefusedAtItsAnchor() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        var lines = ["a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]"]
        for (level, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let previous = level == 0 ? "a" : ["b", "c", "d", "e", "f", "g", "h"][level - 1]
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ",") + "]")
        }
        _ = try directory.write(lines.joined(separator: "\n") + "\n", to: "bomb.yaml")
        _ = try directory.write("{{ i | length }}\n", to: "t.md")
        let result = try BriefingProcess.run(["render", "t.md", "--data", "bomb.yaml", "--templates", "."], in: directory.url)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("bomb.yaml:1:4: error: YAML anchors and aliases (&name, *name) are not supported"), "\(result.stderr)")
        #expect(result.stdout == "")
    }

    @Test func controlCharactersAndInvalidUTF8InRenderDataAreLocated() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        _ = try directory.write("x\n", to: "t.md")
        _ = try directory.write("title: ok\nnote: a\u{1}b\n", to: "control.yaml")
        let control = try BriefingProcess.run(["render", "t.md", "--data", "control.yaml", "--templates", "."], in: directory.url)
        #expect(control.status == 1)
        #expect(control.stderr.hasPrefix("control.yaml:2:8: error: the control character U+0001 is not allowed in YAML"), "\(control.stderr)")
        try Data([0x61, 0x3A, 0x20, 0x0A, 0x62, 0x3A, 0x20, 0xFF, 0x0A]).write(to: directory.url.appendingPathComponent("bad.yaml"))
        let invalid = try BriefingProcess.run(["render", "t.md", "--data", "bad.yaml", "--templates", "."], in: directory.url)
        #expect(invalid.status == 1)
        #expect(invalid.stderr.hasPrefix("bad.yaml:2:4: error: the file is not valid UTF-8 text (byte 0xFF)"), "\(invalid.stderr)")
    }

    // MARK: - weekly

    @Test(arguments: ["9999-12-31", "0001-01-01", "2200-01-01"])
    func weeklyAtTheEndsOfTheCalendarFailsCleanly(_ date: String) throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        for cadence in ["monthly", "weekly", "quarterly"] {
            try edit(root, "briefing.yaml", try String(contentsOf: root.appendingPathComponent("briefing.yaml"), encoding: .utf8)
                .split(separator: "\n").first { $0.hasPrefix("cadence:") }.map(String.init)!, "cadence: \(cadence)")
            let result = try BriefingProcess.run(["weekly", "--as-of", date, "--quiet"], in: root)
            #expect(result.status == 1, "\(cadence): \(result.stderr)")
            #expect(result.stderr.contains("briefing.yaml: error: the as-of date \(date) lies outside the dates briefings can cover"), "\(result.stderr)")
            let check = try BriefingProcess.run(["check", "--as-of", date], in: root)
            #expect(check.status == 1)
        }
        #expect(reportsFolder(root) == [])
    }

    @Test func weeklyRejectsAGrowthThatWouldPrintNaN() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        try edit(root, "Data/scenarios/base.yaml", "  cagr: 0.15", "  cagr: 1e300")
        let result = try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Data/scenarios/base.yaml:"), "\(result.stderr)")
        #expect(result.stderr.contains("error: 'cagr' is +1e+302%"), "\(result.stderr)")
        #expect(reportsFolder(root) == [])
    }

    @Test func weeklyRejectsAHugeSigmaAtItsLine() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        try edit(root, "Data/scenarios/base.yaml", "cagr_sigma: 0.04", "cagr_sigma: 1e308")
        let result = try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("error: 'cagr_sigma' must be at most 1, got 1e+308"), "\(result.stderr)")
        #expect(!result.stderr.contains("EncodingError"))
        #expect(reportsFolder(root) == [])
    }

    @Test func weeklyWithoutDataWritesNothing() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        try FileManager.default.removeItem(at: root.appendingPathComponent("Data"))
        let result = try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("Data: error: the workspace has no Data/ folder"), "\(result.stderr)")
        #expect(reportsFolder(root) == [])
    }

    @Test func aSlowEventBodyFailsCheckAtItsLine() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let event = "Data/events/\(Self.asOf)-workspace-created.md"
        let text = try String(contentsOf: root.appendingPathComponent(event), encoding: .utf8)
        // The body starts on the line after the closing `---` of the front matter.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let bodyLine = lines.indices.dropFirst().first { lines[$0] == "---" }! + 2
        try (text + "\n" + String(repeating: "![[]()", count: 80_000) + "\n").write(
            to: root.appendingPathComponent(event), atomically: true, encoding: .utf8)
        let check = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(check.status == 1)
        #expect(check.stderr.contains("\(event):1:1: error: the file is 469.3 KiB, more than the 320 KiB such a file may have"), "\(check.stderr)")
        // A body over the limit in a file under the file limit: at the body's first line.
        try (text + "\n" + String(repeating: "Words and more words.\n", count: 13_000)).write(
            to: root.appendingPathComponent(event), atomically: true, encoding: .utf8)
        let body = try BriefingProcess.run(["check", "--as-of", Self.asOf], in: root)
        #expect(body.status == 1)
        #expect(body.stderr.contains("\(event):\(bodyLine):1: error: the Markdown text is"), "\(body.stderr)")

        // Under the size limit, the quadratic pattern itself is found, at its paragraph.
        try (text + "\n" + String(repeating: "![[]()", count: 20_000) + "\n").write(
            to: root.appendingPathComponent(event), atomically: true, encoding: .utf8)
        let screened = try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: root)
        #expect(screened.status == 1)
        #expect(screened.stderr.contains("\(event):\(lines.count + 1):1: error: this paragraph has 20000 unclosed image openers"), "\(screened.stderr)")
        #expect(reportsFolder(root) == [])
    }

    // MARK: - Symbolic links

    @Test func newEventDoesNotWriteThroughALinkedEventsFolder() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let outside = try directory.makeDirectory("outside")
        try FileManager.default.removeItem(at: root.appendingPathComponent("Data/events"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Data/events"), withDestinationURL: outside)
        let result = try BriefingProcess.run(["new", "event", "Capex raised", "--date", Self.asOf], in: root)
        #expect(result.status == 1)
        #expect(result.stderr == "briefing: error: Data/events/\(Self.asOf)-capex-raised.md: a symbolic link on this path leads outside the workspace; nothing was written\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: outside.path) == [])
    }

    @Test func aLinkedNarrativeOutsideTheWorkspaceIsNotEchoed() throws {
        let (directory, root) = try workspace()
        defer { directory.remove() }
        let secret = try directory.write("---\nid: leak\nname: PRIVATE-SALARY-DATA\n---\nPRIVATE-SALARY-DATA\n", to: "secret.md")
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("Data/vendors/leak.md"), withDestinationURL: secret)
        let result = try BriefingProcess.run(["weekly", "--as-of", Self.asOf, "--quiet"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("Data/vendors/leak.md: error: Data/vendors/leak.md is a symbolic link that leads outside the workspace"), "\(result.stderr)")
        #expect(!result.stderr.contains("PRIVATE"))
        #expect(reportsFolder(root) == [])
    }
}

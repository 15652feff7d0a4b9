import Foundation
import TestSupport
import Testing

/// `briefing export`, run on a fresh quarterly workspace (unlike the bundled weekly one).
@Suite("briefing export")
struct ExportCommandTests {
    /// A workspace made by `briefing init`, set to a quarterly cadence, with an e-mail block.
    private func workspace() throws -> (TemporaryDirectory, URL) {
        let directory = try TemporaryDirectory()
        let made = try BriefingProcess.run(["init", "ws", "--as-of", "2026-11-20"], in: directory.url)
        #expect(made.status == 0, "\(made.stderr)")
        let root = directory.url.appendingPathComponent("ws")
        let manifest = root.appendingPathComponent("briefing.yaml")
        var text = try String(contentsOf: manifest, encoding: .utf8)
        text = text.replacingOccurrences(of: "cadence: weekly", with: "cadence: quarterly")
        text += "\nemail:\n  from: research@example.org\n  to: committee@example.org\n"
        try Data(text.utf8).write(to: manifest)
        return (directory, root)
    }

    @Test(arguments: [
        (["export", "2026-Q4"], "choose an edition: --pdf, --email or both"),
        (["export", "Q4-2026", "--pdf"], "'Q4-2026' is not a period"),
        (["export", "2026-Q4", "--pdf", "--send"], "--send sends the e-mail edition; add --email"),
        (["export", "2026-Q4", "--pdf", "--email", "--out", "x"], "--out names one file"),
    ])
    func usageMistakesAreRefusedBeforeAnyWork(_ arguments: [String], _ message: String) throws {
        let (_, root) = try workspace()
        let result = try BriefingProcess.run(arguments, in: root)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    /// `--out` replaces what it names: never the workspace's own files, whatever the path typed.
    @Test(arguments: ["Data/markets/example.yaml", "./Templates/../Data/new.eml", "Reports/2026-Q4/briefing.html", "briefing.yaml"])
    func outMayNotNameAFileOfTheWorkspace(_ out: String) throws {
        let (_, root) = try workspace()
        let weekly = try BriefingProcess.run(["weekly", "--as-of", "2026-11-20", "--quiet"], in: root)
        try #require(weekly.status == 0, "\(weekly.stderr)")
        let target = root.appendingPathComponent(out)
        let before = try? Data(contentsOf: target)
        let result = try BriefingProcess.run(["export", "2026-Q4", "--email", "--out", out], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("briefing: error: --out \(out) is "), "\(result.stderr)")
        #expect(result.stderr.contains("(nothing was written)"))
        #expect((try? Data(contentsOf: target)) == before)
    }

    @Test func aPeriodWithoutABriefingIsAnErrorThatSaysWhatToRun() throws {
        let (_, root) = try workspace()
        let result = try BriefingProcess.run(["export", "2026-Q4", "--email"], in: root)
        #expect(result.status == 1)
        #expect(result.stderr.contains("briefing: error: Reports/2026-Q4/briefing.html not found"), "\(result.stderr)")
        #expect(result.stderr.contains("briefing weekly"))
    }

    @Test func theEmailEditionIsWrittenAtomicallyAndTheSameTwice() throws {
        let (_, root) = try workspace()
        let weekly = try BriefingProcess.run(["weekly", "--as-of", "2026-11-20", "--quiet"], in: root)
        try #require(weekly.status == 0, "\(weekly.stderr)")
        let first = try BriefingProcess.run(["export", "2026-Q4", "--email"], in: root)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("briefing: wrote Reports/2026-Q4/briefing.eml"))
        let written = try Data(contentsOf: root.appendingPathComponent("Reports/2026-Q4/briefing.eml"))
        let second = try BriefingProcess.run(["export", "2026-Q4", "--email", "--out", "copy.eml"], in: root)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try Data(contentsOf: root.appendingPathComponent("copy.eml")) == written)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.hasPrefix("Date: Fri, 20 Nov 2026 00:00:00 +0000\r\nFrom: research@example.org\r\nTo: committee@example.org\r\n"))
        #expect(text.contains("Content-Type: multipart/alternative;"))
        #expect(text.contains("Content-Type: multipart/related;"))
        #expect(text.contains("Content-Type: image/png"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Reports/2026-Q4").path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        // --send without a sendmail program is refused before anything is made or written.
        try FileManager.default.removeItem(at: root.appendingPathComponent("copy.eml"))
        let send = try BriefingProcess.run(["export", "2026-Q4", "--email", "--send", "--out", "copy.eml"], in: root)
        #expect(send.status == 1)
        #expect(send.stderr.contains("sending needs 'sendmail'"), "\(send.stderr)")
        #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("copy.eml").path))
    }

    @Test func sendHandsTheMessageToSendmailWithLineFeeds() throws {
        let (_, root) = try workspace()
        let fake = root.appendingPathComponent("fake-sendmail")
        try Data("#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/arguments.txt\"\ncat > \"$(dirname \"$0\")/sent.eml\"\n".utf8).write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let manifest = root.appendingPathComponent("briefing.yaml")
        try Data((try String(contentsOf: manifest, encoding: .utf8) + "  sendmail: \(fake.path) -oi\n").utf8).write(to: manifest)
        let weekly = try BriefingProcess.run(["weekly", "--as-of", "2026-11-20", "--quiet"], in: root)
        try #require(weekly.status == 0, "\(weekly.stderr)")
        let sent = try BriefingProcess.run(["export", "2026-Q4", "--email", "--send"], in: root)
        #expect(sent.status == 0, "\(sent.stderr)")
        #expect(try String(contentsOf: root.appendingPathComponent("arguments.txt"), encoding: .utf8) == "-oi -t\n")
        let message = try String(contentsOf: root.appendingPathComponent("sent.eml"), encoding: .utf8)
        let file = try String(contentsOf: root.appendingPathComponent("Reports/2026-Q4/briefing.eml"), encoding: .utf8)
        #expect(!message.contains("\r") && message == file.replacingOccurrences(of: "\r\n", with: "\n"))
    }
}

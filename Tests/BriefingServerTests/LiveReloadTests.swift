import Briefing
import Foundation
import Testing
import Workspace
@testable import BriefingServer

@Suite("Live reload script")
struct LiveReloadTests {
    @Test(arguments: [
        ("<html><body><p>a</p></body></html>", "<html><body><p>a</p>", "</body></html>"),
        // The last closing tag (one inside a code sample comes first).
        ("<body><pre>&lt;/body&gt;</pre></body>\n</html>\n", "<body><pre>&lt;/body&gt;</pre>", "</body>\n</html>\n"),
        ("<BODY>x</BODY>", "<BODY>x", "</BODY>"),
        // No closing tag: added at the end.
        ("<p>fragment</p>", "<p>fragment</p>", ""),
    ])
    func injectsBeforeTheClosingBody(_ page: String, _ before: String, _ after: String) {
        let result = String(decoding: LiveReload.inject(into: Data(page.utf8), generation: 7), as: UTF8.self)
        #expect(result == before + LiveReload.script(generation: 7) + after)
        #expect(LiveReload.stripped(result) == page)
    }

    @Test func theScriptListensAndComparesItsGeneration() {
        let script = LiveReload.script(generation: 42)
        #expect(script.contains("new EventSource(\"/_preview/events\")"))
        #expect(script.contains("var served = \"42\";"))
        #expect(LiveReload.event(generation: 43) == "event: build\ndata: 43\n\n")
    }
}

@Suite("briefing serve: draft briefing and live reload", .serialized)
struct PreviewDraftTests {
    /// Reads the event stream (chunked: the chunk sizes sit between events) until a `build` event
    /// whose generation satisfies `accept`.
    static func nextBuild(_ connection: RawConnection, within seconds: Double, _ received: inout String, accept: (Int) -> Bool) -> Int? {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while ContinuousClock.now < deadline {
            // `\r\n` (after a chunk size) is one Character in Swift: split on every kind of newline.
            let lines = received.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
            for (index, line) in lines.enumerated() where line == "event: build" && index + 1 < lines.count - 1 {
                let data = lines[index + 1]
                if data.hasPrefix("data: "), let value = Int(data.dropFirst("data: ".count).trimmingCharacters(in: .whitespaces)), accept(value) {
                    received = lines[(index + 2)...].joined(separator: "\n")
                    return value
                }
            }
            if case .bytes(let bytes) = connection.read(within: 0.1) { received += String(decoding: bytes, as: UTF8.self) }
        }
        return nil
    }

    @Test("The draft is built beside the preview, never in Reports/; only served pages carry the script; edits push a build event")
    func draftAndEvents() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let reportsBefore = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Reports").path).sorted()
        let preview = try await RunningPreview.start(root, draft: true)
        do {
            let draftFolder = DraftBriefing.folder(besides: preview.site)
            let onDisk = try String(contentsOf: draftFolder.appendingPathComponent("briefing.html"), encoding: .utf8)
            #expect(!onDisk.contains(LiveReload.marker))
            let draft = try await preview.get("/_draft/briefing.html")
            #expect(draft.status == 200)
            #expect(draft.body.contains("<script id=\"\(LiveReload.marker)\">"))
            #expect(LiveReload.stripped(draft.body) == onDisk)
            #expect(try await preview.get("/_draft/").body == draft.body)
            #expect(try await preview.get("/_draft").status == 302)
            let chart = try #require(try FileManager.default.contentsOfDirectory(atPath: draftFolder.appendingPathComponent("charts").path).first)
            #expect(try await preview.get("/_draft/charts/\(chart)").headers["content-type"] == "image/svg+xml")
            #expect(try await preview.get("/_draft/../secret.txt").status == 404)
            // Nothing written on disk, in the preview or the draft, holds the script.
            for folder in [preview.site, draftFolder] {
                let enumerator = FileManager.default.enumerator(atPath: folder.path)
                while let path = enumerator?.nextObject() as? String {
                    guard path.hasSuffix(".html") else { continue }
                    #expect(!(try String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8)).contains(LiveReload.marker), "\(path)")
                }
            }
            // Reports/ is left as it was.
            #expect(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Reports").path).sorted() == reportsBefore)

            let events = try RawConnection(port: preview.port)
            events.send("GET /_preview/events HTTP/1.1\r\nHost: 127.0.0.1:\(preview.port)\r\n\r\n")
            var received = ""
            let first = try #require(Self.nextBuild(events, within: 10, &received) { _ in true }, "the event stream sent: \(received)")
            let scenarios = root.appendingPathComponent("Data/scenarios")
            let file = try #require(try FileManager.default.contentsOfDirectory(atPath: scenarios.path).sorted().first { $0.hasSuffix(".yaml") })
            let url = scenarios.appendingPathComponent(file)
            try (try String(contentsOf: url, encoding: .utf8) + "\n# edited\n").write(to: url, atomically: true, encoding: .utf8)
            let next = Self.nextBuild(events, within: 60, &received) { $0 > first }
            #expect(next == first + 1)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }
}

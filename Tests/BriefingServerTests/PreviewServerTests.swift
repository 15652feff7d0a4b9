import Briefing
import Foundation
import Testing
import Workspace
@testable import BriefingServer

@Suite("briefing serve: a real server on a loopback port", .serialized)
struct PreviewServerTests {
    @Test("Serves the built site with its content types, its 404 page, and nothing outside it")
    func servesTheSite() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let secret = "TOP-SECRET-\(UUID().uuidString)"
        try Data(secret.utf8).write(to: root.appendingPathComponent("secret.txt"))
        let preview = try await RunningPreview.start(root)
        let period = try #require(ReportsFolder(workspaceRoot: root).periods().last).description
        do {
            let home = try await preview.get("/")
            #expect(home.status == 200)
            #expect(home.headers["content-type"] == "text/html; charset=utf-8")
            #expect(home.body.contains("<!DOCTYPE html>") || home.body.contains("<!doctype html>"))
            #expect(home.body.contains("periods/\(period)/briefing.html"))
            #expect(try await preview.get("/index.html").body == home.body)

            let briefing = try await preview.get("/periods/\(period)/briefing.html")
            #expect(briefing.status == 200)
            #expect(briefing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(briefing.body.contains(period))

            let feed = try await preview.get("/feed.xml")
            #expect(feed.status == 200)
            #expect(feed.headers["content-type"] == "application/atom+xml; charset=utf-8")
            #expect(feed.body.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"))
            // The preview's feed links to the preview, not to the published site.
            #expect(feed.body.contains("http://127.0.0.1:\(preview.port)/periods/\(period)/briefing.html"))

            let css = try await preview.get("/assets/site.css")
            #expect(css.status == 200 && css.headers["content-type"] == "text/css; charset=utf-8")
            let sitemap = try await preview.get("/sitemap.xml")
            #expect(sitemap.status == 200 && sitemap.headers["content-type"] == "application/xml; charset=utf-8")
            let charts = try FileManager.default.contentsOfDirectory(atPath: preview.site.appendingPathComponent("periods/\(period)/charts").path)
            let chart = try #require(charts.sorted().first { $0.hasSuffix(".svg") })
            let svg = try await preview.get("/periods/\(period)/charts/\(chart)")
            #expect(svg.status == 200 && svg.headers["content-type"] == "image/svg+xml" && svg.body.contains("<svg"))

            let head = try await preview.get("/", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(home.body.utf8.count))
            #expect(try await preview.get("/", method: "POST").status == 405)

            let notFoundPage = try String(contentsOf: preview.site.appendingPathComponent("404.html"), encoding: .utf8)
            let missing = try await preview.get("/no-such-page.html")
            #expect(missing.status == 404)
            #expect(missing.headers["content-type"] == "text/html; charset=utf-8")
            #expect(LiveReload.stripped(missing.body) == notFoundPage)

            // A symlink planted in the built site that points outside it.
            try FileManager.default.createSymbolicLink(
                at: preview.site.appendingPathComponent("leak.txt"), withDestinationURL: root.appendingPathComponent("secret.txt"))
            for target in [
                "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/%2e%2e%2fsecret.txt",
                "/periods/../../secret.txt", "/%2fetc%2fpasswd", "//etc/passwd", "/etc/passwd", "/leak.txt", "/..%5csecret.txt",
                "/index.html%00", "/.site-manifest.json", "http://127.0.0.1/../secret.txt", "../secret.txt",
            ] {
                let reply = try await preview.get(target)
                #expect(reply.status == 404 || reply.status == 400, "\(target) answered \(reply.status)")
                #expect(!reply.body.contains(secret), "\(target) leaked the secret")
                #expect(!reply.body.contains("root:x:0:0"), "\(target) leaked /etc/passwd")
            }

            // A preview records nothing and leaves the published site alone.
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Reports/published.json").path))
            #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("Site").path))
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
        // Stopped: the port no longer answers.
        await #expect(throws: (any Error).self) { try await preview.get("/") }
    }

    @Test("A broken template shows its located diagnostic until a fix is saved")
    func brokenTemplateRecovers() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let template = root.appendingPathComponent("Templates/site/home.html")
        let original = try String(contentsOf: template, encoding: .utf8)
        let preview = try await RunningPreview.start(root)
        do {
            let good = try await preview.get("/")
            #expect(good.status == 200)

            let brokenLine = original.split(separator: "\n", omittingEmptySubsequences: false).count
            try (original + "{% if %}<b>\n").write(to: template, atomically: true, encoding: .utf8)
            let broken = try await preview.poll("/", within: .seconds(5)) { $0.status == 500 }
            #expect(broken.status == 500)
            #expect(broken.headers["content-type"] == "text/html; charset=utf-8")
            #expect(broken.body.contains("Templates/site/home.html:\(brokenLine):"), "\(broken.body)")
            #expect(!broken.body.contains("<b>"))
            // Every path shows the error, not only the page whose template broke.
            #expect(try await preview.get("/feed.xml").status == 500)

            try original.write(to: template, atomically: true, encoding: .utf8)
            let fixed = try await preview.poll("/", within: .seconds(5)) { $0.status == 200 }
            #expect(fixed.status == 200)
            #expect(LiveReload.stripped(fixed.body) == LiveReload.stripped(good.body))
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("An invalid workspace shows its located diagnostics; a burst of saves rebuilds once")
    func invalidWorkspaceAndBursts() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let config = root.appendingPathComponent("briefing.yaml")
        let original = try String(contentsOf: config, encoding: .utf8)
        let preview = try await RunningPreview.start(root, quietPeriod: .milliseconds(400))
        do {
            let before = preview.log.events.count
            try (original + "cadence: [unclosed\n").write(to: config, atomically: true, encoding: .utf8)
            let broken = try await preview.poll("/", within: .seconds(5)) { $0.status == 500 }
            #expect(broken.status == 500)
            #expect(broken.body.contains("briefing.yaml:"), "\(broken.body)")
            #expect(broken.body.contains("error"))

            // Three saves in quick succession: one rebuild that names all three files.
            let mark = preview.log.events.count
            try original.write(to: config, atomically: true, encoding: .utf8)
            let vendor = try #require(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Data/vendors").path).sorted().first)
            let vendorFile = root.appendingPathComponent("Data/vendors/\(vendor)")
            try (try String(contentsOf: vendorFile, encoding: .utf8) + "\nOne more line.\n").write(to: vendorFile, atomically: false, encoding: .utf8)
            try Data("not an event\n".utf8).write(to: root.appendingPathComponent("Data/events/notes.txt"))
            try await preview.waitForEvent(after: mark, within: .seconds(5)) {
                if case .built = $0 { true } else if case .failed = $0 { true } else { false }
            }
            try await Task.sleep(for: .milliseconds(600))
            let builds = preview.log.events.dropFirst(mark).compactMap { event -> [String]? in
                if case .building(let changed) = event { changed } else { nil }
            }
            #expect(builds == [["Data/events/notes.txt", "Data/vendors/\(vendor)", "briefing.yaml"]])
            let recovered = try await preview.poll("/", within: .seconds(5)) { $0.status == 200 }
            #expect(recovered.status == 200)
            #expect(before > 0)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }
}

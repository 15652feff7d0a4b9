import Foundation
import TestSupport
import Testing
@testable import BriefingServer

/// A small site in a temporary folder, with a secret file beside it and symlinks in and out.
private let site: (root: String, real: String) = {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("site-path-\(UUID().uuidString)").path
    let root = base + "/site"
    let files = [
        "index.html", "a.html", "with space.html", "periods/2026-W48/briefing.html", "docs/index.html", "assets/site.css",
        ".site-manifest.json", "feed.xml",
    ]
    for file in files {
        let path = root + "/" + file
        try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! Data(file.utf8).write(to: URL(fileURLWithPath: path))
    }
    try! FileManager.default.createDirectory(atPath: base + "/outside", withIntermediateDirectories: true)
    try! Data("secret".utf8).write(to: URL(fileURLWithPath: base + "/secret.txt"))
    try! Data("secret".utf8).write(to: URL(fileURLWithPath: base + "/outside/secret.txt"))
    try! FileManager.default.createSymbolicLink(atPath: root + "/escape.html", withDestinationPath: "../secret.txt")
    try! FileManager.default.createSymbolicLink(atPath: root + "/outside", withDestinationPath: base + "/outside")
    try! FileManager.default.createSymbolicLink(atPath: root + "/inner.html", withDestinationPath: "a.html")
    try! FileManager.default.createSymbolicLink(atPath: root + "/up", withDestinationPath: "..")
    return (root, SitePath.realPath(root)!)
}()

@Suite("Request paths resolve inside the site only")
struct SitePathTests {
    @Test(
        "Hostile paths are refused",
        arguments: [
            "/../secret.txt",
            "/periods/../../secret.txt",
            "/periods/2026-W48/../../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/%2fetc/passwd",
            "/%2Fetc%2Fpasswd",
            "//etc/passwd",
            "///etc/passwd",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/%c0%ae%c0%ae/secret.txt",
            "/%e0%80%ae%e0%80%ae/secret.txt",
            "/index.html%00.txt",
            "/index.html\u{0}",
            "/a.html%0d%0aX-Injected:%201",
            "/./index.html",
            "/%2e/index.html",
            "/.site-manifest.json",
            "/%2esite-manifest.json",
            "/escape.html",
            "/outside/secret.txt",
            "/up/secret.txt",
            "/%zz",
            "/%2",
            "secret.txt",
            "../secret.txt",
            "http://example.com/index.html",
            "",
        ])
    func refused(_ path: String) {
        #expect(SitePath.resolve(path, in: site.root) == .refused)
    }

    @Test(
        "Paths that name no file of the site are not found",
        arguments: ["/etc/passwd", "/missing.html", "/periods/", "/a.html/", "/%252e%252e/secret.txt", "/a.html/x"])
    func notFound(_ path: String) {
        #expect(SitePath.resolve(path, in: site.root) == .notFound)
    }

    @Test(
        "Plain paths resolve to their file",
        arguments: [
            ("/", "index.html"),
            ("/index.html", "index.html"),
            ("/a.html?x=1&y=../../secret.txt", "a.html"),
            ("/a.html#top", "a.html"),
            ("/periods/2026-W48/briefing.html", "periods/2026-W48/briefing.html"),
            ("/docs/", "docs/index.html"),
            ("/assets/site.css", "assets/site.css"),
            ("/with%20space.html", "with space.html"),
            ("/%61.html", "a.html"),
            ("/inner.html", "a.html"),
            ("/feed.xml", "feed.xml"),
        ])
    func resolved(_ path: String, _ file: String) {
        #expect(SitePath.resolve(path, in: site.root) == .file(site.real + "/" + file))
    }

    @Test("A folder asked for without its slash is redirected to it")
    func folderRedirect() {
        #expect(SitePath.resolve("/docs", in: site.root) == .redirect("/docs/"))
        #expect(SitePath.resolve("/docs?x=1", in: site.root) == .redirect("/docs/"))
        #expect(SitePath.resolve("/periods/2026-W48", in: site.root) == .redirect("/periods/2026-W48/"))
        // Without an index.html the folder itself is not served.
        #expect(SitePath.resolve("/periods/2026-W48/", in: site.root) == .notFound)
    }

    @Test("A site that was not built yet serves nothing")
    func missingSite() {
        #expect(SitePath.resolve("/", in: site.root + "-missing") == .notFound)
    }
}

@Suite("Content types")
struct SiteContentTypeTests {
    @Test(
        arguments: [
            ("index.html", "text/html; charset=utf-8"),
            ("periods/2026-W48/briefing.html", "text/html; charset=utf-8"),
            ("assets/site.css", "text/css; charset=utf-8"),
            ("periods/2026-W48/charts/ai-accelerators-fan.svg", "image/svg+xml"),
            ("feed.xml", "application/atom+xml; charset=utf-8"),
            ("archive.atom", "application/atom+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("periods/2026-W48/figures.json", "application/json"),
            ("periods/2026-W48/briefing.md", "text/plain; charset=utf-8"),
            ("README.MD", "text/plain; charset=utf-8"),
            ("figures.csv", "text/csv; charset=utf-8"),
            ("logo.png", "image/png"),
            ("LICENSE", "application/octet-stream"),
            (".hidden", "application/octet-stream"),
        ])
    func contentType(_ path: String, _ expected: String) {
        #expect(SiteContentType.of(path) == expected)
    }
}

@Suite("The build error page")
struct PreviewErrorPageTests {
    @Test func escapesDiagnostics() {
        let page = PreviewErrorPage.html(diagnostics: "Templates/site/home.html:3:7: error: unexpected '<script>' & \"x\"")
        #expect(page.contains("Templates/site/home.html:3:7: error: unexpected &#39;&lt;script&gt;&#39; &amp; &quot;x&quot;"))
        #expect(!page.contains("<script>"))
    }
}

@Suite("Change stamps")
struct ChangeWatcherTests {
    @Test func changesAndHiddenFiles() throws {
        let root = try TemporaryDirectory(prefix: "watch").url
        defer { try? FileManager.default.removeItem(at: root) }
        for path in ["Data/a.yaml", "Templates/t.html", "Reports/.2026-W48.tmp-1/x.md", "Other/ignored.txt", "briefing.yaml"] {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(path.utf8).write(to: url)
        }
        let watcher = ChangeWatcher(root: root)
        let before = watcher.snapshot()
        #expect(before.keys.sorted() == ["Data/a.yaml", "Templates/t.html", "briefing.yaml"])
        try Data("longer content".utf8).write(to: root.appendingPathComponent("Data/a.yaml"))
        try FileManager.default.removeItem(at: root.appendingPathComponent("Templates/t.html"))
        try Data("new".utf8).write(to: root.appendingPathComponent("Reports/new.md"))
        #expect(ChangeWatcher.changes(from: before, to: watcher.snapshot()) == ["Data/a.yaml", "Reports/new.md", "Templates/t.html"])
    }
}

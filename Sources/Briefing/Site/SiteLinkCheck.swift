import Foundation
import Workspace

/// Checks the staged site before it is swapped into place: every link (`href`, `src`) in every page
/// the build produced must lead to a file of the site, and a `#fragment` to an element with that
/// `id` (or a named anchor). Relative links are resolved against the page; links to the site's own
/// address (`base_url`, used by the 404 page and standalone reports) against the site's top. Links to
/// other hosts, `mailto:` and other schemes are not followed.
package struct SiteLinkCheck: Sendable {
    /// One link that does not resolve: the page (relative to the site), its position and the link.
    package struct BrokenLink: Sendable, Equatable {
        package var page: String
        package var line: Int
        package var column: Int
        package var link: String
        package var reason: String
    }

    /// The site's links that do not resolve; nothing was swapped into place.
    package struct BrokenLinks: Error, Sendable, CustomStringConvertible, ProblemReporting {
        package var links: [BrokenLink]

        /// One located line per link, pages shown under `siteDisplay` (`Site`, `/srv/www/site`).
        package func describe(siteDisplay: String) -> String {
            let prefix = siteDisplay.isEmpty || siteDisplay == "." ? "" : siteDisplay + "/"
            return links.map { "\(prefix)\($0.page):\($0.line):\($0.column): error: link '\($0.link)' does not resolve: \($0.reason)" }
                .joined(separator: "\n")
        }

        package var description: String { describe(siteDisplay: "") }

        /// One located problem per link, in the site's pages; ``Problem/under(_:)`` adds the site's path.
        package var problems: [Problem] {
            links.map { Problem(.data, "link '\($0.link)' does not resolve: \($0.reason)", at: .init(file: $0.page, line: $0.line, column: $0.column)) }
        }
    }

    /// The names at the top of a site `briefing publish` builds.
    static let siteTopLevel: Set<String> = [
        "index.html", "archive.html", MethodologyPage.fileName, "404.html", "feed.xml", "sitemap.xml", "periods", "vendors", "scenarios",
        "assets",
    ]

    /// The site's absolute address, ending in `/`.
    let baseURL: String

    package init(baseURL: String) {
        self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
    }

    /// Checks the HTML pages among `pages` (paths relative to `site`); throws every broken link.
    /// Links into `leftOut` (folders of periods the build left out, already reported as warnings)
    /// are not counted again.
    package func check(site: URL, pages: [String], leftOut: [String] = []) throws(BrokenLinks) {
        let broken = brokenLinks(site: site, pages: pages, leftOut: leftOut)
        if !broken.isEmpty { throw BrokenLinks(links: broken) }
    }

    /// The pages are checked on every core, in runs of consecutive pages (each run with its own
    /// look-up caches); the links come back in page order, as one pass would give them.
    func brokenLinks(site: URL, pages: [String], leftOut: [String] = []) -> [BrokenLink] {
        let html = pages.filter { $0.hasSuffix(".html") }.sorted()
        let runs = max(1, min(ProcessInfo.processInfo.activeProcessorCount, html.count / 64))
        guard runs > 1 else { return brokenLinks(site: site, sortedPages: html[...], leftOut: leftOut) }
        let size = (html.count + runs - 1) / runs
        let results = ConcurrentResults<[BrokenLink]>(count: runs)
        DispatchQueue.concurrentPerform(iterations: runs) { run in
            let pages = html[min(html.count, run * size)..<min(html.count, (run + 1) * size)]
            results.set(run, brokenLinks(site: site, sortedPages: pages, leftOut: leftOut))
        }
        return results.values.flatMap { $0 ?? [] }
    }

    private func brokenLinks(site: URL, sortedPages: ArraySlice<String>, leftOut: [String]) -> [BrokenLink] {
        var anchors: [String: Set<String>] = [:]
        func anchorsOf(_ page: String) -> Set<String> {
            if let known = anchors[page] { return known }
            let bytes = (try? Data(contentsOf: site.appendingPathComponent(page))).map(Array.init) ?? []
            let found = Set(Self.attributes(["id", "name"], in: bytes).map(\.value))
            anchors[page] = found
            return found
        }
        // Pages link the same few targets many times (the style sheet, the navigation, every
        // period from the archive and the history tables): each target is looked up once.
        var files: [String: Bool] = [:]
        func isFile(_ path: String) -> Bool {
            if let known = files[path] { return known }
            var isDirectory: ObjCBool = false
            let found = FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
            files[path] = found
            return found
        }

        // The same link from the same folder leads to the same place (the history tables of every
        // vendor page link every period): resolved once per folder, except links to the page itself.
        var resolved: [String: (path: String, fragment: String?)?] = [:]
        func target(of link: String, from page: String) -> (path: String, fragment: String?)? {
            guard let first = link.utf8.first, first != UInt8(ascii: "#"), first != UInt8(ascii: "?"), !link.hasPrefix(baseURL) else {
                return resolve(link, from: page)
            }
            let key = (page.lastIndex(of: "/").map { String(page[..<$0]) } ?? "") + "\u{0}" + link
            if let known = resolved[key] { return known }
            let found = resolve(link, from: page)
            resolved[key] = found
            return found
        }

        var broken: [BrokenLink] = []
        for page in sortedPages {
            guard let data = try? Data(contentsOf: site.appendingPathComponent(page)) else { continue }
            let bytes = Array(data)
            for attribute in Self.attributes(["href", "src"], in: bytes) {
                let link = Self.unescaped(attribute.value)
                guard let (target, fragment) = target(of: link, from: page) else { continue }
                var reason: String?
                var resolved = target
                if resolved.isEmpty || resolved.hasSuffix("/") { resolved += "index.html" }
                if leftOut.contains(where: { resolved.hasPrefix($0) }) { continue }
                if resolved.hasPrefix("../") || resolved == ".." {
                    reason = "it leads outside the site"
                } else if !isFile(resolved) {
                    reason = "the site has no \(resolved)"
                } else if let fragment, !fragment.isEmpty, resolved.hasSuffix(".html"), !anchorsOf(resolved).contains(fragment) {
                    reason = "\(resolved) has no element with id '\(fragment)'"
                }
                if let reason {
                    let (line, column) = Self.position(of: attribute.offset, in: bytes)
                    broken.append(BrokenLink(page: page, line: line, column: column, link: link, reason: reason))
                }
            }
        }
        return broken
    }

    /// The site path and fragment a link leads to, or nil for links the check does not follow.
    func resolve(_ link: String, from page: String) -> (path: String, fragment: String?)? {
        var rest = Substring(link)
        var base = page.lastIndex(of: "/").map { String(page[..<$0]) } ?? ""
        if link.hasPrefix(baseURL) {
            // The site's own address: followed only into what the site is made of; anything else
            // under the same address (a source the team hosts beside the site) is not the site's.
            rest = rest.dropFirst(baseURL.count)
            base = ""
            let first = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            let top = String(first.prefix { $0 != "#" && $0 != "?" })
            guard top.isEmpty || Self.siteTopLevel.contains(top) else { return nil }
        } else if link.hasPrefix("//") || link.hasPrefix("/") || Self.hasScheme(link) {
            return nil
        }
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = Self.percentDecoded(String(rest[rest.index(after: hash)...]))
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        let decoded = Self.percentDecoded(String(rest)) ?? String(rest)
        if decoded.isEmpty { return (page, fragment) }
        var segments = base.split(separator: "/").map(String.init)
        var escapes = 0
        for segment in decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            switch segment {
            case ".", "": continue
            case "..": if segments.isEmpty { escapes += 1 } else { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        let path = String(repeating: "../", count: escapes) + segments.joined(separator: "/")
        return (decoded.hasSuffix("/") && !segments.isEmpty ? path + "/" : path, fragment)
    }

    /// `text.removingPercentEncoding`, without Foundation for text that has no `%` (most links).
    static func percentDecoded(_ text: String) -> String? {
        text.utf8.contains(UInt8(ascii: "%")) ? text.removingPercentEncoding : text
    }

    static func hasScheme(_ link: String) -> Bool {
        guard let colon = link.firstIndex(of: ":") else { return false }
        let scheme = link[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter else { return false }
        return scheme.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }
    }

    /// Every `name="value"` (or single-quoted) attribute of `names` inside a tag, with the byte
    /// offset of its name. Attribute names are matched after whitespace, case-insensitively.
    static func attributes(_ names: [String], in bytes: [UInt8]) -> [(offset: Int, value: String)] {
        let wanted = names.map { Array($0.utf8) }
        var found: [(Int, String)] = []
        var inTag = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                inTag = true
            } else if byte == UInt8(ascii: ">") {
                inTag = false
            } else if inTag, byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") {
                let start = index + 1
                for name in wanted where start + name.count + 2 <= bytes.count {
                    guard zip(bytes[start..<start + name.count], name).allSatisfy({ ($0 | 0x20) == $1 }),
                        bytes[start + name.count] == UInt8(ascii: "=")
                    else { continue }
                    let quote = bytes[start + name.count + 1]
                    guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { continue }
                    let valueStart = start + name.count + 2
                    guard let end = bytes[valueStart...].firstIndex(of: quote) else { continue }
                    found.append((start, String(decoding: bytes[valueStart..<end], as: UTF8.self)))
                    index = end
                    break
                }
            }
            index += 1
        }
        return found
    }

    /// Attribute values as the browser reads them (the entities the HTML writer produces).
    static func unescaped(_ value: String) -> String {
        guard value.utf8.contains(UInt8(ascii: "&")) else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// 1-based line and column (in characters, as editors count) of the byte at `offset`.
    static func position(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        let end = min(offset, bytes.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        return (line, String(decoding: bytes[lineStart..<end], as: UTF8.self).unicodeScalars.count + 1)
    }
}

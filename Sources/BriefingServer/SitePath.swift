import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Which file of the built site a request path names, refusing every path that could reach a file
/// outside the site: `..` and `.` segments, percent-encoded slashes, backslashes and NUL, control
/// characters, empty segments (`//etc/passwd`), hidden files (the site's manifest), and symlinks
/// whose real path leaves the site's root.
enum SitePath {
    enum Resolution: Equatable, Sendable {
        /// The real path of the file to serve.
        case file(String)
        /// A folder asked for without its trailing slash: the same path with one, so the relative
        /// links of its `index.html` resolve.
        case redirect(String)
        case notFound
        /// Not a plain path inside the site.
        case refused
    }

    /// Resolves `requestPath` (the raw, percent-encoded path of the request line, query allowed)
    /// against the site folder `siteRoot`.
    static func resolve(_ requestPath: String, in siteRoot: String) -> Resolution {
        let path = withoutQuery(requestPath)
        guard let segments = segments(of: path) else { return .refused }
        guard let root = realPath(siteRoot) else { return .notFound }
        guard let real = realPath(([root] + segments).joined(separator: "/")) else { return .notFound }
        guard isInside(real, root: root) else { return .refused }
        switch fileType(real) {
        case S_IFDIR:
            guard path.hasSuffix("/") else { return .redirect(path + "/") }
            guard let index = realPath(real + "/index.html") else { return .notFound }
            guard isInside(index, root: root) else { return .refused }
            return fileType(index) == S_IFREG ? .file(index) : .notFound
        case S_IFREG:
            return path.hasSuffix("/") ? .notFound : .file(real)
        default:
            return .notFound
        }
    }

    /// The decoded segments of an absolute request path (without its query), or `nil` when the path
    /// is not a plain path inside the site. `/` and `/a/` end in a folder: their trailing empty
    /// segment is dropped.
    static func segments(of path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        let lowered = path.lowercased()
        // Encoded separators and NUL never name a file of the site.
        for encoded in ["%2f", "%5c", "%00"] where lowered.contains(encoded) { return nil }
        guard let decoded = percentDecoded(path) else { return nil }
        guard !decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else { return nil }
        var parts = decoded.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if parts.last == "" { parts.removeLast() }
        var segments: [String] = []
        for part in parts {
            // Empty (`//`), `.`, `..` and hidden names (`.site-manifest.json`).
            guard !part.isEmpty, !part.hasPrefix(".") else { return nil }
            segments.append(String(part))
        }
        return segments
    }

    static func withoutQuery(_ path: String) -> String {
        guard let end = path.firstIndex(where: { $0 == "?" || $0 == "#" }) else { return path }
        return String(path[..<end])
    }

    /// `%XX` escapes decoded as UTF-8; `nil` for a malformed escape or bytes that are not UTF-8
    /// (overlong forms of `.` and `/` among them).
    static func percentDecoded(_ text: String) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else { return nil }
            bytes.append(high << 4 | low)
        }
        return String(data: Data(bytes), encoding: .utf8)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func isInside(_ path: String, root: String) -> Bool {
        path == root || path.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// The path with every symlink, `.` and `..` resolved; `nil` when it does not exist.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Templates read from one or more root folders, first root first. Names are `/`-separated and
/// relative; `..`, absolute names and symlinks that lead outside a root are refused.
public struct FileSystemLoader: TemplateLoader {
    /// The folders searched, first first.
    public let roots: [URL]
    /// How each root is shown in diagnostics (`Templates` for `Templates/weekly.md:3:1`).
    public let displayRoots: [String]
    /// Each root's real path, every symlink resolved, worked out once (`nil` while it cannot be):
    /// resolving it on every load was a system call per path component.
    private let realRoots: [String?]

    /// `displayRoots` defaults to the roots' paths.
    public init(roots: [URL], displayRoots: [String]? = nil) {
        self.roots = roots.map { $0.standardizedFileURL }
        self.displayRoots = displayRoots ?? roots.map(\.path)
        realRoots = self.roots.map { Self.realPath($0.path) }
    }

    public func load(_ name: String) throws -> (source: String, path: String)? {
        let segments = name.split(separator: "/", omittingEmptySubsequences: true)
        if name.hasPrefix("/") || name.contains("\\") || name.contains("\0") || segments.contains(where: { $0 == ".." })
            || segments.isEmpty
        {
            throw TemplateError(.refused, "template name '\(name)' is not allowed: names are relative paths inside the template root")
        }
        for (index, (root, display)) in zip(roots, displayRoots).enumerated() {
            // Joined as text: `URL.appendingPathComponent` stats the path to learn whether it is a folder.
            let file = URL(fileURLWithPath: segments.reduce(into: root.path) { path, segment in
                if !path.hasSuffix("/") { path += "/" }
                path += segment
            }, isDirectory: false)
            // Opened first, then checked: the path compared with the root is the one of the file
            // that was opened (a link swapped in between cannot slip through), and a template costs
            // an open, a readlink and its reads instead of a stat per path component.
            let descriptor = open(file.path, O_RDONLY | O_CLOEXEC)
            defer { if descriptor >= 0 { close(descriptor) } }
            if descriptor < 0, !FileManager.default.fileExists(atPath: file.path) { continue }
            // Appended in place: `joined(separator:)` over substrings is a generic, unspecialised call.
            let path = display.isEmpty ? name : segments.reduce(into: display) { path, segment in
                path += "/"
                path += segment
            }
            let opened = descriptor >= 0 ? Self.pathOfOpenFile(descriptor) : nil
            let realRoot = opened != nil ? realRoots[index] ?? Self.realPath(root.path) : root.resolvingSymlinksInPath().path
            let realFile = opened ?? file.resolvingSymlinksInPath().path
            guard let realRoot, realFile.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/") else {
                // Names the link as the workspace spells it, never where it points or what is there.
                throw TemplateError(
                    .refused, "template '\(name)' is a symbolic link (or inside one) that leads outside the template root '\(display)'; it was not read",
                    at: SourceLocation(path: path, line: 1, column: 1))
            }
            let data: Data
            do {
                // Foundation reads it again only to word the error of a file that could not be read.
                data = try (descriptor >= 0 ? Self.readAll(descriptor) : nil) ?? Data(contentsOf: file)
            } catch {
                throw TemplateError(.refused, "cannot read template '\(name)': \(error.localizedDescription)")
            }
            guard let source = String(data: data, encoding: .utf8) else {
                throw TemplateError(.refused, "template '\(name)' is not valid UTF-8")
            }
            return (source, path)
        }
        return nil
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The real path of the file open as `descriptor`, from the kernel; `nil` where it cannot say.
    private static func pathOfOpenFile(_ descriptor: Int32) -> String? {
        #if os(Linux)
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/fd/\(descriptor)", &buffer, buffer.count - 1)
        guard count > 0, count < buffer.count - 1, buffer[0] == 0x2F else { return nil }
        return buffer.withUnsafeBufferPointer { chars in
            String(decoding: UnsafeRawBufferPointer(start: chars.baseAddress, count: count), as: UTF8.self)
        }
        #elseif canImport(Darwin)
        var buffer = [CChar](repeating: 0, count: Int(MAXPATHLEN))
        guard fcntl(descriptor, F_GETPATH, &buffer) == 0 else { return nil }
        return String(cString: buffer)
        #else
        return nil
        #endif
    }

    /// The whole file, or `nil` if it is not a regular file or a read fails.
    private static func readAll(_ descriptor: Int32) -> Data? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
        var bytes = [UInt8](repeating: 0, count: max(Int(status.st_size), 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(bytes.count, 4096))) }
            let got = bytes.withUnsafeMutableBytes { buffer in
                read(descriptor, buffer.baseAddress! + count, buffer.count - count)
            }
            if got < 0 {
                if errno == EINTR { continue }
                return nil
            }
            if got == 0 { break }
            count += got
            // A regular file reads short only at its end: no second read to see end-of-file.
            if count < bytes.count { break }
        }
        return Data(bytes[..<count])
    }
}

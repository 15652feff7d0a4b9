import FileIO
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file-system operations the CLI needs, on POSIX calls: errors carry the
/// system's own wording (`No such file or directory`) and input is read straight
/// into the String that is handed to the renderer.
enum FileSystem {
    static func currentDirectory() -> String {
        guard let cwd = getcwd(nil, 0) else { return "." }
        defer { free(cwd) }
        return String(cString: cwd)
    }

    static func isDirectory(_ path: String) -> Bool {
        fileType(path) == S_IFDIR
    }

    static func isRegularFile(_ path: String) -> Bool {
        fileType(path) == S_IFREG
    }

    private static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `path` without `.` components, repeated or trailing slashes; `..` is
    /// resolved lexically.
    static func normalized(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var components: [Substring] = []
        for component in path.split(separator: "/") {
            switch component {
            case ".":
                continue
            case "..":
                if let last = components.last, last != ".." {
                    components.removeLast()
                } else if !isAbsolute {
                    components.append(component)
                }
            default:
                components.append(component)
            }
        }
        let joined = components.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The folder holding `path` (normalized), or `nil` for `/` and `.`.
    static func parent(of path: String) -> String? {
        let path = normalized(path)
        guard path != "/", path != "." else { return nil }
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The last path component, as the user would name the file.
    static func fileName(_ path: String) -> String {
        normalized(path).split(separator: "/").last.map(String.init) ?? path
    }

    // MARK: - Reading and writing

    /// The file's contents as UTF-8 (invalid sequences become U+FFFD).
    static func readText(atPath path: String) throws(CLIError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotRead(path: path, reason: lastErrorMessage()) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw .cannotRead(path: path, reason: lastErrorMessage()) }
        if info.st_mode & S_IFMT == S_IFDIR {
            throw .cannotRead(path: path, reason: String(cString: strerror(EISDIR)))
        }
        do {
            return try readText(from: descriptor)
        } catch {
            throw .cannotRead(path: path, reason: error.reason)
        }
    }

    static func readStandardInput() throws(CLIError) -> String {
        do {
            return try readText(from: STDIN_FILENO)
        } catch {
            throw .cannotReadStandardInput(reason: error.reason)
        }
    }

    private struct SystemError: Error {
        let reason: String
    }

    /// Reads to the end. The rest of a regular file (a named file, or stdin
    /// redirected from one) is read straight into the String's storage, which is then
    /// checked as UTF-8 in place; anything else (a pipe, a file that changed size
    /// meanwhile) is read in chunks.
    private static func readText(from descriptor: Int32) throws(SystemError) -> String {
        var info = stat()
        let start = lseek(descriptor, 0, SEEK_CUR)
        guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, start >= 0,
              case let size = Int(info.st_size) - Int(start), size > 0
        else { return try readInChunks(from: descriptor) }

        var filled = 0
        var failure: SystemError?
        let text = String(unsafeUninitializedCapacity: size) { buffer in
            do throws(SystemError) {
                filled = try readFully(descriptor, into: UnsafeMutableRawBufferPointer(buffer))
            } catch {
                failure = error
            }
            return filled
        }
        if let failure { throw failure }
        let probe = UnsafeMutableRawBufferPointer.allocate(byteCount: 1, alignment: 1)
        defer { probe.deallocate() }
        if filled == size, try readFully(descriptor, into: probe) == 0 { return text }
        guard lseek(descriptor, start, SEEK_SET) == start else { throw SystemError(reason: lastErrorMessage()) }
        return try readInChunks(from: descriptor)
    }

    private static func readInChunks(from descriptor: Int32) throws(SystemError) -> String {
        var buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 1)
        defer { buffer.deallocate() }
        var count = 0
        while true {
            if count == buffer.count {
                let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 1)
                larger.copyMemory(from: UnsafeRawBufferPointer(buffer))
                buffer.deallocate()
                buffer = larger
            }
            let result = try readFully(descriptor, into: UnsafeMutableRawBufferPointer(rebasing: buffer[count...]))
            if result == 0 { break }
            count += result
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
    }

    /// Reads until `buffer` is full or the end of input; returns the bytes read.
    private static func readFully(_ descriptor: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> Int {
        guard let base = buffer.baseAddress else { return 0 }
        var count = 0
        while count < buffer.count {
            let result = read(descriptor, base + count, buffer.count - count)
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemError(reason: lastErrorMessage())
            }
            if result == 0 { break }
            count += result
        }
        return count
    }

    /// Writes all of `text` to stdout, retrying short writes.
    static func writeStandardOutput(_ text: String) throws(CLIError) {
        let error = FileIO.writeAll(text, to: STDOUT_FILENO)
        if error != 0 { throw .cannotWriteStandardOutput(reason: String(cString: strerror(error))) }
    }

    static func writeStandardOutput(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        let error = FileIO.writeAll(bytes, to: STDOUT_FILENO)
        if error != 0 { throw .cannotWriteStandardOutput(reason: String(cString: strerror(error))) }
    }

    static func writeStandardError(_ text: String) {
        _ = FileIO.writeAll(text, to: STDERR_FILENO)
    }

    private static func lastErrorMessage() -> String {
        String(cString: strerror(errno))
    }
}

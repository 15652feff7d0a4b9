import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place that runs the `pagefind` executable.
///
/// Pagefind numbers pages in the order it is given them, and its own walk of a folder follows the
/// file system's directory order, which differs between a site written from scratch and one where
/// unchanged pages were carried over (and between machines). So the pages are not left to that
/// walk: Pagefind runs in its service mode (`pagefind --service`, the protocol of its Node and
/// Python APIs: base64-encoded JSON messages, each followed by a comma, on standard input and
/// output), every page is added in the order of its path, and the bundle it returns is written
/// here. The same site then gives the same index, byte for byte.
struct PagefindIndexer {
    let executable: String

    /// `BRIEFING_PAGEFIND` when set (even to something unusable: then nothing, so the error names
    /// it), else the first `pagefind` on `PATH`.
    static func locate(environment: [String: String]) -> String? {
        if let configured = environment["BRIEFING_PAGEFIND"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/pagefind"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }

    /// The HTML pages of `site` as Pagefind's own walk would find them (`**/*.html`, outside the
    /// index's folder), as relative paths in byte order.
    static func pages(in site: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: site.path) else { return [] }
        var pages: [String] = []
        for case let path as String in enumerator where path.hasSuffix(".html") && !SiteSearch.owns(path) {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                pages.append(path)
            }
        }
        return pages.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Indexes every page of `site` into `site/pagefind/`. Only pages (or parts) marked
    /// `data-pagefind-body` by the templates are indexed: briefings, vendors and scenarios. The
    /// language is forced to English so that the bundle's file names do not depend on detection.
    func index(site: URL) throws(SiteSearchError) {
        let service = try PagefindService(executable: executable)
        defer { service.stop() }
        let created = try service.send(["type": "NewIndex", "config": ["force_language": "en"]])
        guard let indexID = created["index_id"] as? Int else {
            throw service.failure("answered NewIndex without an index id")
        }
        for page in Self.pages(in: site) {
            guard let data = FileManager.default.contents(atPath: site.appendingPathComponent(page).path) else {
                throw service.failure("could not be given \(page): the file cannot be read")
            }
            try service.send(["type": "AddFile", "index_id": indexID, "file_path": page, "file_contents": String(decoding: data, as: UTF8.self)])
        }
        // The bundle comes back in the answer and is written here, whole, through the same writer
        // as every other file of the staged site (Pagefind's own writing can still be under way
        // when its service ends).
        let answer = try service.send(["type": "GetFiles", "index_id": indexID])
        guard let files = answer["files"] as? [[String: Any]] else { throw service.failure("answered GetFiles without files") }
        let folder = site.appendingPathComponent(SiteSearch.folder)
        for file in files {
            guard let path = file["path"] as? String, let encoded = file["content"] as? String, let data = Data(base64Encoded: encoded),
                Self.isPlainRelative(path)
            else {
                throw service.failure("answered GetFiles with a file that is not a relative path and base64 content")
            }
            let target = folder.appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try AtomicSwap.writeStagedFile(data, to: target, named: SiteSearch.folder + "/" + path)
            } catch {
                throw .unwritable(reason: "\(error)")
            }
        }
    }

    /// A path inside the index's folder: relative, without `.`, `..` or empty components.
    static func isPlainRelative(_ path: String) -> Bool {
        !path.hasPrefix("/") && !path.split(separator: "/", omittingEmptySubsequences: false).contains { $0.isEmpty || $0 == "." || $0 == ".." }
    }
}

/// One `pagefind --service` process, asked one thing at a time.
private final class PagefindService {
    private let executable: String
    private let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Pagefind's standard error, kept in a file (never a pipe nobody reads) for the error message.
    private let errors: URL
    private var nextID = 0
    private var buffered = Data()

    init(executable: String) throws(SiteSearchError) {
        self.executable = executable
        // A Pagefind that dies while a page is being sent must be an error here, not a signal
        // that ends briefing.
        signal(SIGPIPE, SIG_IGN)
        errors = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-pagefind-\(UUID().uuidString).err")
        let created = FileManager.default.createFile(atPath: errors.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--service"]
        process.standardInput = input
        process.standardOutput = output
        // Without the file, what Pagefind prints is dropped rather than mixed into briefing's own.
        process.standardError = (created ? try? FileHandle(forWritingTo: errors) : nil) ?? FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: errors)
            throw .failed(executable: executable, status: -1, output: "\(error)")
        }
    }

    /// Sends one request and returns the payload of its answer; an `Error` answer, or the process
    /// ending, is a ``SiteSearchError``.
    @discardableResult
    func send(_ payload: [String: Any]) throws(SiteSearchError) -> [String: Any] {
        nextID += 1
        let request: [String: Any] = ["message_id": nextID, "payload": payload]
        guard let json = try? JSONSerialization.data(withJSONObject: request) else {
            throw failure("could not be sent a request (not valid JSON)")
        }
        do {
            try input.fileHandleForWriting.write(contentsOf: Data(json.base64EncodedString().utf8) + Data(",".utf8))
        } catch {
            throw failure("stopped reading its requests")
        }
        while true {
            let answer = try nextMessage()
            guard let payload = answer["payload"] as? [String: Any] else { throw failure("sent an answer without a payload") }
            if payload["type"] as? String == "Error" {
                throw failure("answered: \(payload["message"] as? String ?? "an error")")
            }
            if answer["message_id"] as? Int == nextID { return payload }
        }
    }

    /// The next comma-terminated message on Pagefind's standard output, decoded.
    private func nextMessage() throws(SiteSearchError) -> [String: Any] {
        let comma = UInt8(ascii: ",")
        while !buffered.contains(comma) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { throw failure("ended before it answered") }
            buffered.append(chunk)
        }
        let end = buffered.firstIndex(of: comma)!
        let encoded = buffered[buffered.startIndex..<end]
        buffered = Data(buffered[(end + 1)...])
        guard let json = Data(base64Encoded: Data(encoded)),
            let message = (try? JSONSerialization.jsonObject(with: json)) as? [String: Any]
        else {
            throw failure("sent an answer that is not base64-encoded JSON")
        }
        return message
    }

    /// What went wrong, with the exit status when the process has ended and the end of what it
    /// printed on standard error.
    func failure(_ what: String) -> SiteSearchError {
        try? input.fileHandleForWriting.close()
        let printed = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        let tail = printed.split(separator: "\n").suffix(20).joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        var status: Int32 = -1
        if !process.isRunning || waitBriefly() { status = process.terminationStatus }
        return .failed(executable: executable, status: status, output: ("pagefind --service " + what + (tail.isEmpty ? "" : "\n" + tail)))
    }

    /// Ends the service (closing its input ends it) and removes the error file.
    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning, !waitBriefly() { process.terminate() }
        process.waitUntilExit()
        try? FileManager.default.removeItem(at: errors)
    }

    /// Waits up to two seconds for the process to end; whether it did.
    private func waitBriefly() -> Bool {
        for _ in 0..<200 where process.isRunning { usleep(10_000) }
        return !process.isRunning
    }
}

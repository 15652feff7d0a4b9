import Briefing
import Dispatch
import Foundation
import TestSupport
import Testing
import Workspace
@testable import BriefingServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

struct FixtureFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// A small workspace in a temporary folder: the repository's `briefing.yaml`, `Data/`,
/// `Templates/` and `docs/methodology.md`, with the briefing of the week of 2026-11-27 in `Reports/`.
enum PreviewFixture {
    static let asOf = Day("2026-11-27")!

    /// Built once per test run; every test works on its own copy.
    private static let prepared: Result<URL, FixtureFailure> = {
        do {
            let root = try TemporaryDirectory(prefix: "serve-fixture").url
            try Repository.copy(["briefing.yaml", "Data", "Templates", "docs/methodology.md"], to: root)
            let result = WorkspaceLoader(root: root).load(asOf: asOf)
            guard let workspace = result.workspace else {
                throw FixtureFailure("the repository's workspace does not load:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
            }
            let period = Period(containing: result.asOf, cadence: workspace.config.cadence)
            let reports = ReportsFolder(workspaceRoot: root)
            let build = try WeeklyBuilder(workspace: workspace, root: root, asOf: result.asOf, toolVersion: "0.0.0-test")
                .build(previous: reports.previous(before: period))
            try reports.write(build.files, as: period)
            return .success(root)
        } catch let failure as FixtureFailure {
            return .failure(failure)
        } catch {
            return .failure(FixtureFailure("building the fixture workspace failed: \(error)"))
        }
    }()

    /// A fresh copy of the prepared workspace.
    static func copy() throws -> URL {
        let source = try prepared.get()
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("serve-\(UUID().uuidString)").resolvingSymlinksInPath()
        try FileManager.default.copyItem(at: source, to: root)
        return root
    }
}

/// Everything the server reported, in order.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [PreviewEvent] = []
    var events: [PreviewEvent] { lock.withLock { recorded } }
    func append(_ event: PreviewEvent) { lock.withLock { recorded.append(event) } }
}

/// A preview server on an ephemeral loopback port, watching with short intervals.
@available(macOS 14, iOS 17, tvOS 17, *)
struct RunningPreview {
    let root: URL
    let site: URL
    let port: Int
    let log: EventLog
    let task: Task<Void, any Error>

    static func start(
        _ root: URL, quietPeriod: Duration = .milliseconds(100), idleTimeout: Duration = .seconds(10), maxConnections: Int = 64,
        draft: Bool = false
    ) async throws -> RunningPreview {
        let site = root.appendingPathComponent(".site-preview")
        let log = EventLog()
        // The draft briefing (a weekly build with Monte Carlo) only where a test looks at it: a debug
        // build takes seconds for it on a busy machine.
        let server = PreviewServer(.init(
            workspaceRoot: root, destination: site, host: "127.0.0.1", port: 0,
            pollInterval: .milliseconds(100), quietPeriod: quietPeriod, idleTimeout: idleTimeout, maxConnections: maxConnections,
            draft: draft ? .none : .some(nil)))
        let task = Task { try await server.run(handlingSignals: false) { log.append($0) } }
        let running = RunningPreview(root: root, site: site, port: 0, log: log, task: task)
        // The first build renders every page: allow for a debug build on a slow machine.
        let listening = try await running.waitForEvent(within: .seconds(120)) { if case .listening = $0 { true } else { false } }
        guard case .listening(let url) = listening, let port = url.port else { throw FixtureFailure("no port") }
        _ = try await running.waitForEvent(within: .seconds(120)) {
            if case .built = $0 { true } else if case .failed = $0 { true } else { false }
        }
        return RunningPreview(root: root, site: site, port: port, log: log, task: task)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }

    /// The first event (from the start) that matches, waiting at most `limit`.
    @discardableResult
    func waitForEvent(after index: Int = 0, within limit: Duration, _ matches: @Sendable (PreviewEvent) -> Bool) async throws -> PreviewEvent {
        let deadline = ContinuousClock.now + limit
        while ContinuousClock.now < deadline {
            let events = log.events
            if let event = events.dropFirst(index).first(where: matches) { return event }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw FixtureFailure("no matching event within \(limit); got \(log.events)")
    }

    func get(_ path: String, method: String = "GET", host: HTTPReply.HostHeader = .loopback) async throws -> HTTPReply {
        try await HTTPReply.fetch(path, port: port, method: method, host: host)
    }

    /// Requests `path` until `accept` holds, for at most `limit`.
    func poll(_ path: String, within limit: Duration, until accept: (HTTPReply) -> Bool) async throws -> HTTPReply {
        let deadline = ContinuousClock.now + limit
        var reply = try await get(path)
        while !accept(reply), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
            reply = try await get(path)
        }
        return reply
    }
}

/// One HTTP/1.1 exchange over a plain socket: the request target goes out exactly as written
/// (a URL client would normalise `..` away before sending it).
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    /// The `Host` header a request carries.
    enum HostHeader: Sendable {
        /// `127.0.0.1:<port>`, as a browser on the author's machine sends it.
        case loopback
        case value(String)
        case none
    }

    static func fetch(_ target: String, port: Int, method: String = "GET", host: HostHeader = .loopback) async throws -> HTTPReply {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try exchange(target, port: port, method: method, host: host) })
            }
        }
    }

    private static func exchange(_ target: String, port: Int, method: String, host: HostHeader) throws -> HTTPReply {
        let descriptor = try connectToLoopback(port: port) { descriptor in
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }
        defer { close(descriptor) }
        let hostLine: String
        switch host {
        case .loopback: hostLine = "Host: 127.0.0.1:\(port)\r\n"
        case .value(let value): hostLine = "Host: \(value)\r\n"
        case .none: hostLine = ""
        }
        let request = Array("\(method) \(target) HTTP/1.1\r\n\(hostLine)Connection: close\r\n\r\n".utf8)
        var sent = 0
        while sent < request.count {
            let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { throw FixtureFailure("send: errno \(errno)") }
            sent += count
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0 { throw FixtureFailure("recv: errno \(errno)") }
            if count == 0 { break }
            received += buffer[..<count]
            if let reply = parse(received, method: method) { return reply }
        }
        guard let reply = parse(received, method: method, complete: true) else {
            throw FixtureFailure("no HTTP reply: \(String(decoding: received, as: UTF8.self))")
        }
        return reply
    }

    /// The reply once its head and `Content-Length` bytes of body have arrived.
    private static func parse(_ bytes: [UInt8], method: String, complete: Bool = false) -> HTTPReply? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = (0...max(0, bytes.count - 4)).first(where: { bytes.count >= 4 && Array(bytes[$0..<$0 + 4]) == separator }) else { return nil }
        let head = String(decoding: bytes[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.hasPrefix("HTTP/1.1 "),
            let status = Int(statusLine.dropFirst(9).prefix(3))
        else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = bytes[(end + 4)...]
        let length = method == "HEAD" ? 0 : headers["content-length"].flatMap { Int($0) }
        if let length {
            guard body.count >= length else { return nil }
            return HTTPReply(status: status, headers: headers, body: String(decoding: body.prefix(length), as: UTF8.self))
        }
        return complete ? HTTPReply(status: status, headers: headers, body: String(decoding: body, as: UTF8.self)) : nil
    }
}

extension LiveReload {
    /// A served page without the live-reload script the server added: the file as it is on disk.
    static func stripped(_ body: String) -> String {
        guard let start = body.range(of: "<script id=\"\(marker)\">"),
            let end = body.range(of: "</script>\n", range: start.upperBound..<body.endIndex)
        else { return body }
        return String(body[..<start.lowerBound] + body[end.upperBound...])
    }
}

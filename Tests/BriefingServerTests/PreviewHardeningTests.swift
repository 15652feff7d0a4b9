import Foundation
import TestSupport
import Testing
@testable import BriefingServer

@Suite("The Host header a preview answers")
struct AllowedHostsTests {
    @Test(
        "Loopback names answer on any port; the bound host too; nothing else",
        arguments: [
            ("127.0.0.1", "localhost", true), ("127.0.0.1", "localhost:8080", true), ("127.0.0.1", "LOCALHOST:1", true),
            ("127.0.0.1", "127.0.0.1:65535", true), ("127.0.0.1", "[::1]:8080", true), ("127.0.0.1", "[::1]", true),
            ("127.0.0.1", "evil.example", false), ("127.0.0.1", "evil.example:8080", false),
            ("127.0.0.1", "localhost.evil.example", false), ("127.0.0.1", "127.0.0.1.nip.io:8080", false),
            ("127.0.0.1", "localhost@evil.example", false), ("127.0.0.1", "localhost:80:80", false),
            ("127.0.0.1", "localhost:", false), ("127.0.0.1", "localhost:http", false), ("127.0.0.1", "", false),
            ("127.0.0.1", "127.0.0.2", false), ("127.0.0.1", "0.0.0.0:8080", false), ("127.0.0.1", "[::1", false),
            ("192.168.1.20", "192.168.1.20:8080", true), ("192.168.1.20", "localhost:8080", true),
            ("192.168.1.20", "192.168.1.21:8080", false), ("preview.lan", "Preview.LAN:8080", true),
            ("fe80::1", "[fe80::1]:8080", true), ("0.0.0.0", "0.0.0.0:8080", false), ("::", "[::]:8080", false),
        ] as [(String, String, Bool)])
    func allows(_ bound: String, _ header: String, _ expected: Bool) {
        #expect(AllowedHosts(boundHost: bound).allows(header) == expected)
    }

    @Test func aMissingHeaderIsRefused() {
        #expect(!AllowedHosts(boundHost: "127.0.0.1").allows(nil))
    }
}

@Suite("briefing serve: hardened against other sites, idle connections and large files", .serialized)
struct PreviewHardeningTests {
    @Test("A request for another host gets a bare 421, the error page included")
    func foreignHostsGetNothing() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = try await RunningPreview.start(root)
        do {
            let foreign: [HTTPReply.HostHeader] = [
                .value("evil.example"), .value("evil.example:\(preview.port)"), .value("rebind.evil.example:\(preview.port)"),
                .value("localhost.evil.example"), .value(""), .none,
            ]
            for host in foreign {
                for path in ["/", "/feed.xml", "/no-such-page.html", "/assets/site.css"] {
                    let reply = try await preview.get(path, host: host)
                    #expect(reply.status == 421, "\(host) \(path) answered \(reply.status)")
                    #expect(reply.body.isEmpty, "\(host) \(path) answered \(reply.body.prefix(200))")
                }
            }
            for host in ["localhost:\(preview.port)", "LocalHost", "127.0.0.1:\(preview.port)", "[::1]:\(preview.port)"] {
                #expect(try await preview.get("/", host: .value(host)).status == 200, "\(host)")
            }

            // While a build has failed, the diagnostics go to the author only.
            let template = root.appendingPathComponent("Templates/site/home.html")
            let original = try String(contentsOf: template, encoding: .utf8)
            try (original + "{% if %}\n").write(to: template, atomically: true, encoding: .utf8)
            let broken = try await preview.poll("/", within: .seconds(10)) { $0.status == 500 }
            #expect(broken.body.contains("Templates/site/home.html:"))
            let refused = try await preview.get("/", host: .value("evil.example:\(preview.port)"))
            #expect(refused.status == 421 && refused.body.isEmpty)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("Silent and half-sent connections are closed after the idle timeout; the preview still answers")
    func idleConnectionsAreClosed() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = try await RunningPreview.start(root, idleTimeout: .seconds(1), maxConnections: 400)
        do {
            // 300 at once: silent ones, and ones that stop in the middle of their request head.
            var connections: [RawConnection] = []
            for index in 0..<300 {
                let connection = try RawConnection(port: preview.port)
                if index % 2 == 1 { connection.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ") }
                connections.append(connection)
            }
            let all = connections
            // One deadline for all of them: a server that never closes fails in 20 s, not 300 × 20 s.
            let deadline = ContinuousClock.now + .seconds(20)
            let closed = await Self.offMain { all.filter { $0.waitForClose(before: deadline) }.count }
            #expect(closed == connections.count, "\(connections.count - closed) connection(s) still open")

            // A head sent a byte at a time never completes: closed all the same (bounded loop).
            let slow = try RawConnection(port: preview.port)
            let trickled = await Self.offMain {
                for byte in "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n" + String(repeating: "X-Pad: 1\r\n", count: 30) {
                    guard slow.send(String(byte)) else { return true }
                    if slow.read(within: 0) == .closed { return true }
                    usleep(100_000)
                }
                return slow.waitForClose(before: .now + .seconds(20))
            }
            #expect(trickled)

            #expect(try await preview.get("/").status == 200)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("Connections beyond the cap wait until one closes")
    func connectionCap() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = try await RunningPreview.start(root, idleTimeout: .seconds(60), maxConnections: 2)
        do {
            // Two kept-alive connections, each proven accepted by an answer.
            var held: [RawConnection] = []
            for _ in 0..<2 {
                let connection = try RawConnection(port: preview.port)
                connection.send("GET /robots-missing.txt HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                guard case .bytes(let bytes) = connection.read(within: 20) else { throw FixtureFailure("no answer on a held connection") }
                #expect(String(decoding: bytes, as: UTF8.self).hasPrefix("HTTP/1.1 404"))
                held.append(connection)
            }
            let third = try RawConnection(port: preview.port)
            third.send("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(await Self.offMain { third.read(within: 1) } == .timedOut)
            held.removeFirst()
            let reply = await Self.offMain { third.response(within: 20) }
            #expect(reply?.status == 200)
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("A large file arrives whole and exact, with its length; HEAD sends the length only")
    func largeFile() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = try await RunningPreview.start(root)
        do {
            // 24 MB that differ from block to block, so a chunk out of place would show.
            var bytes = [UInt8](repeating: 0, count: 24 * 1024 * 1024 + 123)
            var state: UInt32 = 2_463_534_242
            for index in bytes.indices {
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                bytes[index] = UInt8(truncatingIfNeeded: state)
            }
            try Data(bytes).write(to: preview.site.appendingPathComponent("periods/large.bin"))
            let connection = try RawConnection(port: preview.port)
            connection.send("GET /periods/large.bin HTTP/1.1\r\nHost: localhost:\(preview.port)\r\nConnection: close\r\n\r\n")
            let reply = try #require(await Self.offMain { connection.response(within: 20) })
            #expect(reply.status == 200)
            #expect(reply.headers["content-length"] == String(bytes.count))
            #expect(reply.headers["content-type"] == "application/octet-stream")
            #expect(reply.body.count == bytes.count)
            #expect(reply.body == bytes)

            let head = try await preview.get("/periods/large.bin", method: "HEAD")
            #expect(head.status == 200 && head.body.isEmpty && head.headers["content-length"] == String(bytes.count))
            // An empty file is served as empty.
            try Data().write(to: preview.site.appendingPathComponent("periods/empty.txt"))
            let empty = try await preview.get("/periods/empty.txt")
            #expect(empty.status == 200 && empty.body.isEmpty && empty.headers["content-length"] == "0")
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("Slow readers of large files do not make the server hold the files in memory")
    func slowReadersStayCheap() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        guard residentMemory() != nil else { return }  // Linux: /proc/self/status
        let root = try PreviewFixture.copy()
        defer { try? FileManager.default.removeItem(at: root) }
        let preview = try await RunningPreview.start(root)
        do {
            let size = 96 * 1024 * 1024
            for index in 0..<3 {
                // Sparse: no disk space, but every byte must still be read to be sent.
                let url = preview.site.appendingPathComponent("periods/big-\(index).bin")
                _ = FileManager.default.createFile(atPath: url.path, contents: nil)
                let handle = try FileHandle(forWritingTo: url)
                try handle.truncate(atOffset: UInt64(size))
                try handle.close()
            }
            #expect(try await preview.get("/").status == 200)
            let before = try #require(residentMemory())
            var readers: [RawConnection] = []
            for index in 0..<3 {
                let reader = try RawConnection(port: preview.port)
                reader.send("GET /periods/big-\(index).bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                // The head and the first bytes, then the reader stops reading.
                let first = await Self.offMain { reader.read(atLeast: 256 * 1024, within: 20) }
                #expect(first.count >= 256 * 1024)
                readers.append(reader)
            }
            let growth = try #require(residentMemory()) - before
            #expect(growth < 128 * 1024 * 1024, "the server grew by \(growth / 1_048_576) MB for 3 stalled readers of 96 MB files")
            readers.removeAll()
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    @Test("A chart linked outside the workspace shows on the error page by name, never by content")
    func linkedChartOnTheErrorPage() async throws {
        guard #available(macOS 14, iOS 17, tvOS 17, *) else { return }
        let root = try PreviewFixture.copy()
        let outside = try TemporaryDirectory(prefix: "outside").url
        defer {
            try? FileManager.default.removeItem(at: root)
            try? FileManager.default.removeItem(at: outside)
        }
        let secret = "SECRET-\(UUID().uuidString)"
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>\(secret)</text></svg>\n".utf8).write(to: outside.appendingPathComponent("passwd"))
        let preview = try await RunningPreview.start(root)
        do {
            let period = try #require(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Reports").path)
                .filter { !$0.hasPrefix(".") && !$0.hasSuffix(".json") && !$0.hasSuffix(".md") }.sorted().last)
            let charts = root.appendingPathComponent("Reports/\(period)/charts")
            let chart = try #require(try FileManager.default.contentsOfDirectory(atPath: charts.path).filter { $0.hasSuffix(".svg") }.sorted().first)
            let published = try await preview.get("/periods/\(period)/charts/\(chart)")
            #expect(published.status == 200)
            try FileManager.default.removeItem(at: charts.appendingPathComponent(chart))
            try FileManager.default.createSymbolicLink(at: charts.appendingPathComponent(chart), withDestinationURL: outside.appendingPathComponent("passwd"))
            let broken = try await preview.poll("/", within: .seconds(10)) { $0.status == 500 }
            #expect(broken.status == 500)
            #expect(broken.body.contains("Reports/\(period)/charts/\(chart): error: is a symbolic link that leads outside the workspace"), "\(broken.body)")
            for path in ["/", "/periods/\(period)/charts/\(chart)"] {
                let reply = try await preview.get(path)
                #expect(!reply.body.contains(secret), "\(path) leaked the linked file")
                #expect(!reply.body.contains(outside.path), "\(path) named the link's target")
            }
        } catch {
            await preview.stop()
            throw error
        }
        await preview.stop()
    }

    /// Runs blocking socket work away from the cooperative pool.
    static func offMain<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: work()) }
        }
    }
}

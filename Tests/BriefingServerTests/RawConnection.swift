import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A plain TCP connection to the preview on 127.0.0.1, for what an HTTP client would not do:
/// stay silent, send half a request head, read a response slowly or not at all.
final class RawConnection: @unchecked Sendable {
    let descriptor: Int32

    init(port: Int) throws {
        descriptor = try connectToLoopback(port: port)
        // A small receive buffer, so that a reader that stops reading makes the server wait.
        var size: Int32 = 16 * 1024
        setsockopt(descriptor, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(descriptor) }

    /// Sends all of `text`; false when the server has closed the connection.
    @discardableResult
    func send(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            #if canImport(Glibc)
            let count = bytes[sent...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            #else
            let count = bytes[sent...].withUnsafeBytes { Darwin.send(descriptor, $0.baseAddress, $0.count, 0) }
            #endif
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    enum Read: Equatable {
        case bytes([UInt8])
        /// The server closed the connection (or reset it).
        case closed
        /// Nothing arrived within the limit.
        case timedOut
    }

    /// One `recv` of at most `limit` bytes, waiting at most `seconds` (0: only what has arrived).
    func read(upTo limit: Int = 65536, within seconds: Double) -> Read {
        var waiting = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&waiting, 1, Int32(max(0, seconds * 1000)))
        guard ready > 0 else { return ready == 0 ? .timedOut : .closed }
        var buffer = [UInt8](repeating: 0, count: limit)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
        if count > 0 { return .bytes(Array(buffer[..<count])) }
        if count < 0, errno == EAGAIN || errno == EWOULDBLOCK { return .timedOut }
        return .closed
    }

    /// Reads (and discards) until the server closes the connection or `deadline` passes; true
    /// when it was closed.
    func waitForClose(before deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let left = deadline - .now
            let seconds = Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18
            switch read(within: max(0, seconds)) {
            case .bytes: continue
            case .closed: return true
            case .timedOut: return false
            }
        }
    }

    /// Reads at least `count` bytes (or until closed / timed out); returns what arrived.
    func read(atLeast count: Int, within seconds: Double) -> [UInt8] {
        var received: [UInt8] = []
        while received.count < count {
            guard case .bytes(let bytes) = read(within: seconds) else { break }
            received += bytes
        }
        return received
    }

    /// A whole response to a GET sent with `Connection: close`: the head's fields and the body bytes.
    func response(within seconds: Double) -> (status: Int, headers: [String: String], body: [UInt8])? {
        var received: [UInt8] = []
        while case .bytes(let bytes) = read(within: seconds) { received += bytes }
        let separator = Array("\r\n\r\n".utf8)
        guard received.count >= 4, let end = (0...(received.count - 4)).first(where: { received[$0..<$0 + 4].elementsEqual(separator) }) else { return nil }
        let head = String(decoding: received[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let status = head.first.flatMap({ Int($0.dropFirst(9).prefix(3)) }) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (status, headers, Array(received[(end + 4)...]))
    }
}

/// The resident memory of this process (the server runs in it), in bytes; `nil` off Linux.
func residentMemory() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1024
}

/// A TCP socket connected to 127.0.0.1:`port`; `configure` runs on it before it connects.
/// The caller closes it.
func connectToLoopback(port: Int, configure: (Int32) -> Void = { _ in }) throws -> Int32 {
    #if canImport(Glibc)
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let descriptor = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard descriptor >= 0 else { throw FixtureFailure("socket: errno \(errno)") }
    configure(descriptor)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        let error = errno
        close(descriptor)
        throw FixtureFailure("connect to port \(port): errno \(error)")
    }
    return descriptor
}

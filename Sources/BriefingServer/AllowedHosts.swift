/// The `Host` header values the preview answers: loopback names only, plus the host it was told
/// to bind when that is not loopback. A web page the author visits can point a name of its own at
/// 127.0.0.1 (DNS rebinding) and then read the preview as a page of its own site; its requests
/// carry that name in `Host`, so they are refused before anything is read.
struct AllowedHosts: Sendable, Equatable {
    /// Lowercased host names and literals, IPv6 in brackets, without port.
    let names: Set<String>

    static let loopback: Set<String> = ["localhost", "127.0.0.1", "[::1]"]

    /// `boundHost` is the address the server listens on, as the user gave it (`127.0.0.1`,
    /// `::1`, `preview.local`). Wildcards (`0.0.0.0`, `::`) name no host and add nothing.
    init(boundHost: String) {
        var names = Self.loopback
        let host = boundHost.lowercased()
        if !host.isEmpty, host != "0.0.0.0", host != "::", host != "[::]" {
            names.insert(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
        }
        self.names = names
    }

    /// Whether a request whose `Host` header (HTTP/1) or `:authority` (HTTP/2) is `authority` is
    /// answered. A missing header, user information (`a@host`), a malformed port or a name not in
    /// the list is refused.
    func allows(_ authority: String?) -> Bool {
        guard let authority, let host = Self.host(of: authority) else { return false }
        return names.contains(host)
    }

    /// The lowercased host part of `host[:port]` / `[v6]:port`; `nil` when malformed.
    static func host(of authority: String) -> String? {
        let value = authority.lowercased()
        guard !value.isEmpty, !value.contains("@"), !value.contains(where: { $0 == " " || $0 == "/" || $0 == "\\" }) else { return nil }
        let host: Substring
        let port: Substring?
        if value.hasPrefix("[") {
            guard let close = value.firstIndex(of: "]") else { return nil }
            host = value[...close]
            let rest = value[value.index(after: close)...]
            if rest.isEmpty {
                port = nil
            } else {
                guard rest.hasPrefix(":") else { return nil }
                port = rest.dropFirst()
            }
        } else if let colon = value.firstIndex(of: ":") {
            host = value[..<colon]
            port = value[value.index(after: colon)...]
        } else {
            host = value[...]
            port = nil
        }
        if let port, port.isEmpty || port.count > 5 || !port.allSatisfy({ $0.isASCII && $0.isNumber }) { return nil }
        return host.isEmpty ? nil : String(host)
    }
}

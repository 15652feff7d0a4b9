import Foundation

/// Jinja's `markupsafe.escape`.
enum HTML {
    static func escape(_ s: String) -> String {
        var needs = false
        for b in s.utf8 where b == UInt8(ascii: "&") || b == UInt8(ascii: "<") || b == UInt8(ascii: ">")
            || b == UInt8(ascii: "\"") || b == UInt8(ascii: "'")
        {
            needs = true
            break
        }
        guard needs else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&#34;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// Appends `s` to `out`, escaped.
    static func appendEscaped(_ s: String, to out: inout String) {
        out += escape(s)
    }
}

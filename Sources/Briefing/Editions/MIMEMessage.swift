import Crypto
import Foundation

/// A MIME entity (RFC 2045/2046) written deterministically: CRLF line ends, text in
/// quoted-printable UTF-8, binary parts in base64 at 76 characters a line, and multipart
/// boundaries derived from a hash of the parts they separate (`=_` followed by hex digits, which
/// neither encoding can produce at the start of a line, so no part can contain its boundary).
indirect enum MIMEPart: Sendable {
    case text(subtype: String, content: String)
    case binary(type: String, data: Data, contentID: String?, filename: String?)
    case multipart(subtype: String, parts: [MIMEPart], parameters: [(String, String)])

    /// The part's header lines and body, CRLF-terminated.
    func serialized() -> String {
        switch self {
        case .text(let subtype, let content):
            return "Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                + MIMEEncoding.quotedPrintable(content)
        case .binary(let type, let data, let contentID, let filename):
            var head = "Content-Type: \(type)"
            if let filename { head += "; name=\"\(filename)\"" }
            head += "\r\nContent-Transfer-Encoding: base64\r\n"
            if let contentID { head += "Content-ID: <\(contentID)>\r\n" }
            if let filename { head += "Content-Disposition: inline; filename=\"\(filename)\"\r\n" }
            return head + "\r\n" + MIMEEncoding.base64Lines(data)
        case .multipart(let subtype, let parts, let parameters):
            let bodies = parts.map { $0.serialized() }
            let boundary = MIMEPart.boundary(for: bodies)
            var head = "Content-Type: multipart/\(subtype);"
            for (key, value) in parameters { head += "\r\n " + "\(key)=\"\(value)\";" }
            head += "\r\n boundary=\"\(boundary)\"\r\n\r\n"
            var body = "This is a multi-part message in MIME format.\r\n"
            for part in bodies { body += "\r\n--\(boundary)\r\n" + part }
            return head + body + "\r\n--\(boundary)--\r\n"
        }
    }

    static func boundary(for parts: [String]) -> String {
        var hash = SHA256()
        for part in parts {
            hash.update(data: Data(part.utf8))
            hash.update(data: Data([0]))
        }
        return "=_briefing_" + hash.finalize().prefix(12).map { String(format: "%02x", $0) }.joined()
    }
}

/// The encodings a message needs.
enum MIMEEncoding {
    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text: line breaks become CRLF, lines stay within
    /// 76 characters with soft breaks, `=` and bytes outside printable ASCII are escaped, as is
    /// white space at a line's end and a `.` or `From ` starting a line (which some transports alter).
    static func quotedPrintable(_ text: String) -> String {
        var out = ""
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        for (number, line) in lines.enumerated() {
            let bytes = Array(line.utf8)
            var encoded: [String] = []
            for (index, byte) in bytes.enumerated() {
                let last = index == bytes.count - 1
                let plain = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !last)
                let leadingDot = index == 0 && byte == 0x2E
                let leadingFrom = index == 0 && line.hasPrefix("From ")
                encoded.append(plain && !leadingDot && !leadingFrom ? String(UnicodeScalar(byte)) : String(format: "=%02X", byte))
            }
            var current = ""
            for piece in encoded {
                if current.count + piece.count > 75 {
                    out += current + "=\r\n"
                    current = ""
                }
                current += piece
            }
            out += current
            if number < lines.count - 1 { out += "\r\n" }
        }
        return out.hasSuffix("\r\n") ? out : out + "\r\n"
    }

    static func base64Lines(_ data: Data) -> String {
        let encoded = data.base64EncodedString()
        var out = ""
        var index = encoded.startIndex
        while index < encoded.endIndex {
            let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
            out += encoded[index..<end] + "\r\n"
            index = end
        }
        return out
    }

    /// A header value's words: as written when it is plain ASCII, otherwise RFC 2047 encoded
    /// words of at most 75 characters each, no UTF-8 sequence cut (white space between encoded
    /// words is not part of the text, so the words can be folded freely).
    static func headerWords(_ text: String) -> [String] {
        guard !text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) else {
            return text.split(separator: " ").map(String.init)
        }
        var words: [String] = []
        var chunk: [UInt8] = []
        for character in text {
            let bytes = Array(String(character).utf8)
            // 39 bytes make 52 base64 characters, 64 with "=?UTF-8?B?" and "?=": short enough
            // to share the first line with the longest header name used ("Message-ID: ").
            if chunk.count + bytes.count > 39 {
                words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
        return words
    }

    /// An address's words, with a non-ASCII display name as encoded words.
    static func addressWords(_ text: String) -> [String] {
        guard !text.unicodeScalars.allSatisfy(\.isASCII), let open = text.lastIndex(of: "<") else {
            return text.split(separator: " ").map(String.init)
        }
        let name = text[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
        return headerWords(name) + [String(text[open...])]
    }

    /// A header line of `words`, folded between words so that lines stay within 78 characters
    /// where a word allows it.
    static func header(_ name: String, _ words: [String]) -> String {
        var out = name + ":"
        var width = out.count
        for word in words {
            if width + 1 + word.count > 78 && width > name.count + 1 {
                out += "\r\n"
                width = 0
            }
            out += " " + word
            width += 1 + word.count
        }
        return out + "\r\n"
    }
}

import Foundation
import Testing
@testable import Briefing

/// The encodings of the e-mail edition, decoded back as a mail reader would.
@Suite("MIME encoding")
struct MIMEEncodingTests {
    /// Quoted-printable decoding (RFC 2045 §6.7), for checking the encoder.
    static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let lines = text.components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            var utf8 = Array(line.utf8)
            var soft = false
            if utf8.last == UInt8(ascii: "=") { utf8.removeLast(); soft = true }
            var i = 0
            while i < utf8.count {
                if utf8[i] == UInt8(ascii: "="), i + 2 < utf8.count + 0, let value = UInt8(String(decoding: utf8[(i + 1)...(i + 2)], as: UTF8.self), radix: 16) {
                    bytes.append(value)
                    i += 3
                } else {
                    bytes.append(utf8[i])
                    i += 1
                }
            }
            if !soft && index < lines.count - 1 { bytes.append(0x0A) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test(arguments: [
        "plain ASCII line",
        "Équipe — 2026-W49 · $571.1B (22.5% a year) = growth",
        String(repeating: "long line with words ", count: 20),
        "trailing space \nand a tab\t\n.leading dot\nFrom the desk",
        String(repeating: "€", count: 60),
        "",
    ])
    func quotedPrintableRoundTripsAndKeepsLinesShort(_ text: String) {
        let encoded = MIMEEncoding.quotedPrintable(text)
        #expect(encoded.hasSuffix("\r\n"))
        for line in encoded.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 76, "\(line)")
            #expect(line.utf8.allSatisfy { $0 < 0x80 })
            #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"))
            #expect(!line.hasPrefix(".") && !line.hasPrefix("From "))
        }
        #expect(Self.decodeQuotedPrintable(encoded) == text + "\n" || (text.isEmpty && Self.decodeQuotedPrintable(encoded) == "\n"))
    }

    @Test func nonASCIIHeadersBecomeShortEncodedWords() throws {
        let subject = "AI Infrastructure Briefing — 2026-W49: Weighted across 3 scenarios, the market grows to $571.1B"
        let words = MIMEEncoding.headerWords(subject)
        #expect(words.count > 1)
        var decoded = Data()
        for word in words {
            #expect(word.count <= 75)
            #expect(word.hasPrefix("=?UTF-8?B?") && word.hasSuffix("?="))
            decoded += try #require(Data(base64Encoded: String(word.dropFirst(10).dropLast(2))))
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
        let header = MIMEEncoding.header("Subject", words)
        for line in header.components(separatedBy: "\r\n") { #expect(line.count <= 78) }
        #expect(MIMEEncoding.headerWords("Weekly briefing") == ["Weekly", "briefing"])
    }

    @Test func anAddressWithAnAccentedNameKeepsItsAddressReadable() {
        let words = MIMEEncoding.addressWords("Équipe Recherche <research@example.org>")
        #expect(words.last == "<research@example.org>")
        #expect(words.first?.hasPrefix("=?UTF-8?B?") == true)
        #expect(MIMEEncoding.addressWords("Research <r@example.org>") == ["Research", "<r@example.org>"])
    }

    @Test func base64LinesAre76Characters() {
        let lines = MIMEEncoding.base64Lines(Data((0..<1000).map { UInt8($0 % 256) })).components(separatedBy: "\r\n").dropLast()
        #expect(lines.dropLast().allSatisfy { $0.count == 76 })
        #expect(Data(base64Encoded: lines.joined()) == Data((0..<1000).map { UInt8($0 % 256) }))
    }

    @Test func boundariesFollowTheContentAndNeverOccurInIt() {
        let message = MIMEPart.multipart(subtype: "alternative", parts: [
            .text(subtype: "plain", content: "a = b\n--=_briefing_ in text"),
            .multipart(
                subtype: "related",
                parts: [.text(subtype: "html", content: "<p>x</p>"), .binary(type: "image/png", data: Data([1, 2, 3]), contentID: "c@x", filename: "c.png")],
                parameters: [("type", "text/html")]),
        ], parameters: [])
        let first = message.serialized()
        #expect(first == message.serialized())
        let boundaries = first.components(separatedBy: "boundary=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(boundaries.count == 2 && boundaries[0] != boundaries[1])
        for boundary in boundaries {
            let lines = first.components(separatedBy: "\r\n").filter { $0.hasPrefix("--" + boundary) }
            #expect(lines.count == 3, "two parts and the closing line for \(boundary)")
        }
        let other = MIMEPart.multipart(subtype: "alternative", parts: [.text(subtype: "plain", content: "changed")], parameters: []).serialized()
        #expect(!other.contains(boundaries[0]))
    }
}

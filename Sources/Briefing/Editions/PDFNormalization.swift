import Foundation

/// Two prints of the same page by the same Chromium differ in two places only: the PDF's
/// `/CreationDate` and `/ModDate` (the time of printing) and the `/ID (node…)` names of the
/// tagged structure (numbered from a per-process counter). Both are rewritten in place, keeping
/// every byte count, so that the cross-reference offsets stay valid and two exports of one
/// briefing are byte-identical (with the same Chromium and fonts; a different Chromium version
/// lays out differently and names itself in `/Creator` and `/Producer`).
enum PDFNormalization {
    static func normalized(_ pdf: [UInt8], asOf day: (year: Int, month: Int, day: Int)) -> [UInt8] {
        renumberedNodes(pinnedDates(pdf, to: day))
    }

    /// The 14 digits after each `/CreationDate (D:` and `/ModDate (D:` replaced by
    /// `YYYYMMDD000000` of `day` (Chromium runs in UTC, so the zone that follows is `+00'00'`).
    static func pinnedDates(_ pdf: [UInt8], to day: (year: Int, month: Int, day: Int)) -> [UInt8] {
        let stamp = Array(String(format: "%04d%02d%02d000000", day.year, day.month, day.day).utf8)
        var bytes = pdf
        for key in ["/CreationDate (D:", "/ModDate (D:"] {
            for start in occurrences(of: Array(key.utf8), in: bytes).map({ $0 + key.utf8.count }) {
                let end = start + stamp.count
                guard end <= bytes.count, bytes[start..<end].allSatisfy(isDigit) else { continue }
                bytes.replaceSubrange(start..<end, with: stamp)
            }
        }
        return bytes
    }

    /// The eight-digit numbers of `(node…)` names replaced by their rank among all of them
    /// (the order is kept, so name trees stay sorted).
    static func renumberedNodes(_ pdf: [UInt8]) -> [UInt8] {
        let prefix = Array("(node".utf8)
        let width = 8
        let starts = occurrences(of: prefix, in: pdf).map { $0 + prefix.count }.filter { start in
            start + width < pdf.count && pdf[start..<(start + width)].allSatisfy(isDigit) && pdf[start + width] == UInt8(ascii: ")")
        }
        let numbers = Set(starts.map { Array(pdf[$0..<($0 + width)]) })
        let ranks = Dictionary(uniqueKeysWithValues: numbers.sorted { $0.lexicographicallyPrecedes($1) }.enumerated().map { ($1, $0) })
        var bytes = pdf
        for start in starts {
            let rank = ranks[Array(pdf[start..<(start + width)])]!
            bytes.replaceSubrange(start..<(start + width), with: Array(String(format: "%08d", rank).utf8))
        }
        return bytes
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    /// Where `needle` starts in `haystack`, left to right, without overlaps.
    static func occurrences(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard let first = needle.first, haystack.count >= needle.count else { return [] }
        var found: [Int] = []
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<(index + needle.count)].elementsEqual(needle) {
                found.append(index)
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}

/// Turns heading text into `id` slugs the way GitHub does, unique within a document.
///
/// The slug is the text lowercased, with every character dropped that is not a
/// letter, mark, number, `-`, `_` or space, and each space turned into `-`
/// ("Q3: Capex & Supply" → `q3-capex--supply`). A slug seen before gets the next
/// free suffix `-1`, `-2`, … ("A", "A", "A" → `a`, `a-1`, `a-2`). A heading with
/// nothing left (only punctuation or emoji) is slugged as `section`, since an
/// empty `id` is not valid HTML. Linear in the length of the text.
struct HeadingSlugger {
    static let emptySlug = "section"

    /// For each slug handed out: how many times its text has been seen since.
    private var occurrences: [String: Int] = [:]

    mutating func slug(for text: String) -> String {
        var base = Self.baseSlug(for: text)
        if base.isEmpty { base = Self.emptySlug }
        var result = base
        while occurrences[result] != nil {
            let count = occurrences[base, default: 0] + 1
            occurrences[base] = count
            result = "\(base)-\(count)"
        }
        occurrences[result] = 0
        return result
    }

    static func baseSlug(for text: String) -> String {
        let ascii = text.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.allSatisfy { $0 < 0x80 } ? asciiSlug(utf8) : nil
        }
        if let slug = ascii ?? nil { return slug }
        return unicodeSlug(text)
    }

    /// The common case, byte by byte; the same result as `unicodeSlug` for ASCII.
    private static func asciiSlug(_ utf8: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: utf8.count) { slug in
            var count = 0
            for byte in utf8 {
                let kept: UInt8
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "_"):
                    kept = byte
                case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                    kept = byte + 0x20
                case UInt8(ascii: " "):
                    kept = UInt8(ascii: "-")
                default:
                    continue
                }
                slug[count] = kept
                count += 1
            }
            return count
        }
    }

    private static func unicodeSlug(_ text: String) -> String {
        var slug = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            switch scalar {
            case " ":
                slug.append("-")
            case "-", "_":
                slug.append(scalar)
            default:
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .nonspacingMark, .spacingMark, .enclosingMark,
                     .decimalNumber, .letterNumber, .otherNumber:
                    slug.append(scalar)
                default:
                    break
                }
            }
        }
        return String(slug)
    }
}

/// The screen's view of the file: byte ranges read in place, and the few comparisons it makes
/// on them.
extension SVGSanitizer {
    /// A name or a value: a range of the file's bytes, read in place while the file is screened.
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func isASCII(_ bytes: Bytes) -> Bool {
        for byte in bytes where byte >= 0x80 { return false }
        return true
    }

    static func equal(_ first: Bytes, _ second: Bytes) -> Bool {
        guard first.count == second.count else { return false }
        for index in 0..<first.count where first[index] != second[index] { return false }
        return true
    }

    static func equal(_ bytes: Bytes, _ text: StaticString) -> Bool {
        equal(bytes, Bytes(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

/// A set of ASCII bytes as two 64-bit masks: one shift and test per byte, for the scanner's
/// inner loops.
struct ByteSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(_ members: StaticString) {
        for offset in 0..<members.utf8CodeUnitCount {
            let byte = members.utf8Start[offset]
            if byte < 64 { low |= 1 << UInt64(byte) } else { high |= 1 << UInt64(byte - 64) }
        }
    }

    func contains(_ byte: UInt8) -> Bool {
        if byte < 64 { return low >> UInt64(byte) & 1 != 0 }
        return byte < 128 && high >> UInt64(byte - 64) & 1 != 0
    }
}

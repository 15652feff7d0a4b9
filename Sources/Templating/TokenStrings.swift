/// The `String`s of short ASCII token texts, each made once per compile.
///
/// A 500-line template asks for about 1,400 token texts (names, attribute and filter names,
/// tag keywords, short string literals), most of them a few dozen distinct words. Making each
/// `String` validates and copies its bytes (about 150 instructions); here a text of at most 15
/// ASCII bytes is packed into two words, which are its key in a small open-addressing table, so
/// a repeated text costs a multiply and a compare or two. (A general hash table over the bytes
/// was tried before and cost more than it saved.) Longer or non-ASCII texts are made as before.
final class TokenStrings {
    private struct Entry {
        /// The text's first eight bytes, and the next seven with the length in the top byte; an
        /// empty slot has length 0 (empty texts are not stored).
        var low: UInt64
        var high: UInt64
        var string: String
    }

    private static let slots = 256
    /// Filled slots stop at three quarters, so a probe always reaches an empty slot.
    private static let capacity = 192
    private let entries: UnsafeMutablePointer<Entry>
    private var count = 0

    init() {
        entries = .allocate(capacity: TokenStrings.slots)
        entries.initialize(repeating: Entry(low: 0, high: 0, string: ""), count: TokenStrings.slots)
    }

    deinit {
        entries.deinitialize(count: TokenStrings.slots)
        entries.deallocate()
    }

    /// The text of `bytes[start..<end]`.
    func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let length = end - start
        guard length > 0, length <= 15, count < TokenStrings.capacity, let base = bytes.baseAddress else {
            return TokenStrings.make(bytes, start, end)
        }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if start + 16 <= bytes.count {
            // Two unaligned loads, masked to the text's length.
            let raw = UnsafeRawPointer(base + start)
            low = raw.loadUnaligned(as: UInt64.self)
            high = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            if length < 8 {
                low &= (1 << (8 * UInt64(length))) - 1
                high = 0
            } else {
                high &= (1 << (8 * UInt64(length - 8))) - 1
            }
        } else {
            for k in 0..<length {
                let byte = UInt64(bytes[start + k])
                if k < 8 { low |= byte << (8 * UInt64(k)) } else { high |= byte << (8 * UInt64(k - 8)) }
            }
        }
        guard (low | high) & 0x8080_8080_8080_8080 == 0 else { return TokenStrings.make(bytes, start, end) }
        high |= UInt64(length) << 56
        let mask = TokenStrings.slots - 1
        var slot = Int(truncatingIfNeeded: ((low &+ high &* 31) &* 0x9E37_79B9_7F4A_7C15) >> 56) & mask
        while true {
            let entry = entries + slot
            if entry.pointee.high == high, entry.pointee.low == low { return entry.pointee.string }
            if entry.pointee.high == 0 {
                let made = TokenStrings.make(bytes, start, end)
                entry.pointee = Entry(low: low, high: high, string: made)
                count += 1
                return made
            }
            slot = (slot + 1) & mask
        }
    }

    private static func make(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }
}

/// The open brackets of a tag, innermost last: up to 32 kept in one word (two bits each), deeper
/// ones in an array, so a tag with brackets allocates nothing in the common case.
struct BracketStack {
    private var packed: UInt64 = 0
    private var count = 0
    private var deeper: [UInt8] = []

    var isEmpty: Bool { count == 0 }

    var last: UInt8? {
        guard count > 0 else { return nil }
        if count > 32 { return deeper.last }
        return BracketStack.byte(UInt8(truncatingIfNeeded: packed >> UInt64(2 * (count - 1))) & 3)
    }

    mutating func push(_ bracket: UInt8) {
        if count >= 32 {
            deeper.append(bracket)
        } else {
            let code: UInt64 = bracket == UInt8(ascii: "(") ? 1 : bracket == UInt8(ascii: "[") ? 2 : 3
            packed |= code << UInt64(2 * count)
        }
        count += 1
    }

    mutating func pop() {
        guard count > 0 else { return }
        count -= 1
        if count >= 32 {
            deeper.removeLast()
        } else {
            packed &= ~(3 << UInt64(2 * count))
        }
    }

    private static func byte(_ code: UInt8) -> UInt8 {
        code == 1 ? UInt8(ascii: "(") : code == 2 ? UInt8(ascii: "[") : UInt8(ascii: "{")
    }
}

/// The tokens of one `Lexer.tokenize()` while they are appended.
///
/// `Array.append` checks that the array is uniquely referenced and has room on every call,
/// about 30 instructions for a 16-byte token, and a template has a token for every four or five
/// bytes. Here an append is a compare and a store, and the parser reads the same memory
/// (`TokenList`). A struct over a pointer rather than a class while appending: a class
/// reference kept in the lexer was retained on every append.
struct TokenBuffer {
    /// `nil` until the first token, and again once freed.
    private var base: UnsafeMutablePointer<Token>?
    private(set) var count = 0
    private var capacity = 0

    /// An empty buffer; nothing is allocated before the first append.
    init() {}

    init(capacity: Int) {
        self.capacity = max(capacity, 8)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ token: Token) {
        if count == capacity { grow() }
        (base.unsafelyUnwrapped + count).initialize(to: token)
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<Token>.allocate(capacity: max(capacity * 2, 8))
        if let base {
            larger.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = larger
        capacity = max(capacity * 2, 8)
    }

    /// The tokens, handed over without a copy; the buffer is empty afterwards.
    mutating func finish() -> TokenList {
        let tokens = TokenList(base: base ?? .allocate(capacity: 1), count: count)
        base = nil
        count = 0
        capacity = 0
        return tokens
    }

    /// Frees the buffer without handing it over (after a lexing error).
    mutating func free() {
        base?.deallocate()
        base = nil
        count = 0
        capacity = 0
    }
}

/// The tokens of a template as the parser reads them: the lexer's buffer, freed with the list.
final class TokenList: RandomAccessCollection, @unchecked Sendable {
    let base: UnsafeMutablePointer<Token>
    let count: Int

    fileprivate init(base: UnsafeMutablePointer<Token>, count: Int) {
        self.base = base
        self.count = count
    }

    deinit { base.deallocate() }

    var startIndex: Int { 0 }
    var endIndex: Int { count }

    subscript(index: Int) -> Token {
        @inline(__always) get {
            precondition(index >= 0 && index < count, "token index out of range")
            return base[index]
        }
    }
}

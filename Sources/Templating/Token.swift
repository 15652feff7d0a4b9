/// A token of template source: a kind and byte offsets into the template's UTF-8 bytes (after
/// newline normalisation), with no text of its own, so making, copying and freeing tokens
/// costs no allocation or reference counting. `LineTable` turns an offset into a line and a
/// column counted in Unicode scalars; `Lexer.text(of:)` makes a token's text when the parser
/// needs it as a `String`.
struct Token: Sendable {
    enum Kind: UInt8, Sendable, Equatable {
        case data
        case blockBegin, blockEnd
        case variableBegin, variableEnd
        case name, string, integer, float, op
        case end
    }

    var kind: Kind
    /// When not -1, the token's text is `Lexer.texts[decoded]` instead of its bytes: a string
    /// with escapes, a number with underscores or a prefix.
    var decoded: Int32 = -1
    /// Offsets are stored in 32 bits (sources are limited to `Lexer.maximumSourceBytes`): a
    /// token is 20 bytes instead of 40, and a template has about one per five source bytes.
    private let storedOffset: UInt32
    private let storedStart: UInt32
    private let storedEnd: UInt32

    /// Where the token starts (the opening quote of a string), for locations.
    var offset: Int { Int(storedOffset) }
    /// The token's text is `bytes[start..<end]`: data, names and operators; the characters
    /// between a string's quotes; a number's digits.
    var start: Int { Int(storedStart) }
    var end: Int { Int(storedEnd) }

    init(kind: Kind, offset: Int, start: Int? = nil, end: Int? = nil) {
        self.kind = kind
        self.storedOffset = UInt32(truncatingIfNeeded: offset)
        self.storedStart = UInt32(truncatingIfNeeded: start ?? offset)
        self.storedEnd = UInt32(truncatingIfNeeded: end ?? offset)
    }
}

/// Entity and character references (`&amp;`, `&#x41;`): XML's five named entities and
/// character references are all a chart may use; anything else (an entity a DOCTYPE would
/// declare) is refused.
extension SVGSanitizer {
    /// A reference read at an offset of the file.
    enum Reference {
        /// The character it stands for, and the offset after its `;`.
        case decoded(Unicode.Scalar, end: Int)
        /// No `;` within the next eleven bytes.
        case unterminated
        /// Neither a named entity of XML's five nor a character reference: the range of its name.
        case unknown(Range<Int>)
    }

    /// The reference `&…;` at `start`: the character it stands for and the offset after it.
    static func reference(in bytes: Bytes, at start: Int) -> Reference {
        guard let end = bytes[start..<min(bytes.count, start + 12)].firstIndex(of: UInt8(ascii: ";")) else { return .unterminated }
        let name = Bytes(rebasing: bytes[(start + 1)..<end])
        for (entity, character) in namedEntities where SVGSanitizer.equal(name, entity) { return .decoded(character, end: end + 1) }
        let reference = String(decoding: name, as: UTF8.self)
        var number: UInt32?
        if reference.hasPrefix("#x") || reference.hasPrefix("#X") {
            number = UInt32(reference.dropFirst(2), radix: 16)
        } else if reference.hasPrefix("#") {
            number = UInt32(reference.dropFirst(), radix: 10)
        }
        guard let scalar = number.flatMap(Unicode.Scalar.init) else { return .unknown((start + 1)..<end) }
        return .decoded(scalar, end: end + 1)
    }

    /// XML's five named entities: the only ones defined without a DOCTYPE.
    static let namedEntities: [(StaticString, Unicode.Scalar)] = [("lt", "<"), ("gt", ">"), ("amp", "&"), ("quot", "\""), ("apos", "'")]
}

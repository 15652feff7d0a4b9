import Foundation

/// Reads what ``CompactEncoder`` wrote. Values are decoded straight from the bytes: an object's
/// keys are found by binary search (the encoder sorts them), and a value not asked for is skipped by
/// its byte count, never read.
enum CompactDecoder {
    /// Bytes that are not a value of the expected shape; the cache reading them starts afresh.
    struct Corrupt: Error, CustomStringConvertible {
        var description: String
    }

    /// The value that fills `range` of `bytes` (all of them by default).
    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8], in range: Range<Int>? = nil) throws -> T {
        let range = range ?? 0..<bytes.count
        let source = Source(bytes)
        var offset = range.lowerBound
        let value = try source.value(T.self, at: offset, codingPath: [])
        try source.skip(&offset)
        guard offset == range.upperBound else { throw Corrupt(description: "the value ends at byte \(offset), not \(range.upperBound)") }
        return value
    }

    /// The entries of the object that fills `bytes` from `start`: each key with the byte range of
    /// its encoded value, which ``decode(_:from:in:)`` reads and ``CompactEncoder/object(_:)`` can
    /// write again as it is.
    static func objectEntries(_ bytes: [UInt8], from start: Int) throws -> [(key: String, value: Range<Int>)] {
        let source = Source(bytes)
        guard try source.tag(at: start) == .object else { throw source.corrupt("not an object", at: start) }
        var cursor = start + 1
        let end = try source.bodyLength(&cursor) + cursor
        guard end == bytes.count else { throw source.corrupt("bytes after the object", at: end) }
        let count = try source.number(&cursor)
        var entries: [(key: String, value: Range<Int>)] = []
        for _ in 0..<min(count, UInt64(bytes.count)) {
            let keyCount = try source.length(&cursor)
            let key = String(decoding: bytes[cursor..<cursor + keyCount], as: UTF8.self)
            cursor += keyCount
            let value = cursor
            try source.skip(&cursor)
            entries.append((key, value..<cursor))
        }
        guard cursor == end else { throw source.corrupt("an object whose entries do not fill it", at: cursor) }
        return entries
    }

    fileprivate typealias Tag = CompactEncoder.Tag

    fileprivate final class Source {
        let bytes: [UInt8]

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        func corrupt(_ what: String, at offset: Int) -> Corrupt { Corrupt(description: "\(what) at byte \(offset)") }

        func tag(at offset: Int) throws -> Tag {
            guard offset < bytes.count, let tag = Tag(rawValue: bytes[offset]) else { throw corrupt("no value", at: offset) }
            return tag
        }

        func number(_ offset: inout Int) throws -> UInt64 {
            var value: UInt64 = 0
            var shift: UInt64 = 0
            while offset < bytes.count, shift < 64 {
                let byte = bytes[offset]
                offset += 1
                value |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { return value }
                shift += 7
            }
            throw corrupt("a number that does not end", at: offset)
        }

        /// The length of a string or container body starting at `offset`, checked against the bytes.
        func length(_ offset: inout Int) throws -> Int {
            let length = try number(&offset)
            guard length <= UInt64(bytes.count - offset) else { throw corrupt("a length past the end", at: offset) }
            return Int(length)
        }

        /// A container's 4-byte body length at `offset`, checked against the bytes.
        func bodyLength(_ offset: inout Int) throws -> Int {
            guard offset + 4 <= bytes.count else { throw corrupt("a length past the end", at: offset) }
            var length = 0
            for index in 0..<4 { length |= Int(bytes[offset + index]) << (8 * index) }
            offset += 4
            guard length <= bytes.count - offset else { throw corrupt("a length past the end", at: offset) }
            return length
        }

        func skip(_ offset: inout Int) throws {
            let tag = try tag(at: offset)
            offset += 1
            switch tag {
            case .null, .no, .yes: break
            case .integer, .unsigned: _ = try number(&offset)
            case .double:
                guard offset + 8 <= bytes.count else { throw corrupt("a number past the end", at: offset) }
                offset += 8
            case .string: offset += try length(&offset)
            case .array, .object: offset += try bodyLength(&offset)
            }
        }

        func string(at offset: Int) throws -> String {
            guard try tag(at: offset) == .string else { throw corrupt("not a string", at: offset) }
            var cursor = offset + 1
            let count = try length(&cursor)
            return String(decoding: bytes[cursor..<cursor + count], as: UTF8.self)
        }

        func double(at offset: Int) throws -> Double {
            switch try tag(at: offset) {
            case .double:
                guard offset + 9 <= bytes.count else { throw corrupt("a number past the end", at: offset) }
                var pattern: UInt64 = 0
                for index in 0..<8 { pattern |= UInt64(bytes[offset + 1 + index]) << (8 * UInt64(index)) }
                return Double(bitPattern: pattern)
            case .integer: return Double(try integer(at: offset))
            case .unsigned: return Double(try unsigned(at: offset))
            default: throw corrupt("not a number", at: offset)
            }
        }

        func integer(at offset: Int) throws -> Int64 {
            var cursor = offset + 1
            switch try tag(at: offset) {
            case .integer:
                let zigzag = try number(&cursor)
                return Int64(bitPattern: (zigzag >> 1) ^ (0 &- (zigzag & 1)))
            case .unsigned:
                guard let value = Int64(exactly: try number(&cursor)) else { throw corrupt("an integer out of range", at: offset) }
                return value
            default: throw corrupt("not an integer", at: offset)
            }
        }

        func unsigned(at offset: Int) throws -> UInt64 {
            var cursor = offset + 1
            switch try tag(at: offset) {
            case .unsigned: return try number(&cursor)
            case .integer:
                guard let value = UInt64(exactly: try integer(at: offset)) else { throw corrupt("an integer out of range", at: offset) }
                return value
            default: throw corrupt("not an integer", at: offset)
            }
        }

        func bool(at offset: Int) throws -> Bool {
            switch try tag(at: offset) {
            case .yes: return true
            case .no: return false
            default: throw corrupt("not a boolean", at: offset)
            }
        }

        func exact<T: BinaryInteger>(_ type: T.Type, at offset: Int) throws -> T {
            let value: T? = try tag(at: offset) == .unsigned ? T(exactly: try unsigned(at: offset)) : T(exactly: try integer(at: offset))
            guard let value else { throw corrupt("an integer out of range for \(T.self)", at: offset) }
            return value
        }

        func value<T: Decodable>(_ type: T.Type, at offset: Int, codingPath: [any CodingKey]) throws -> T {
            if T.self == String.self { return try string(at: offset) as! T }
            if T.self == Double.self { return try double(at: offset) as! T }
            if T.self == Int.self { return try exact(Int.self, at: offset) as! T }
            if T.self == Bool.self { return try bool(at: offset) as! T }
            return try T(from: ValueDecoder(source: self, offset: offset, codingPath: codingPath))
        }

        /// Compares the key at `start` (`count` bytes) with `key`'s UTF-8.
        func compare(_ start: Int, _ count: Int, _ key: String) -> Int {
            var key = key
            return key.withUTF8 { utf8 in
                let shared = min(count, utf8.count)
                for index in 0..<shared where bytes[start + index] != utf8[index] {
                    return bytes[start + index] < utf8[index] ? -1 : 1
                }
                return count == utf8.count ? 0 : (count < utf8.count ? -1 : 1)
            }
        }
    }

    fileprivate struct ValueDecoder: Decoder {
        let source: Source
        let offset: Int
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }

        /// The element count and the offset of the first element of the container at `offset`.
        private func body(_ tag: Tag) throws -> (count: Int, start: Int) {
            guard try source.tag(at: offset) == tag else { throw source.corrupt("not an \(tag)", at: offset) }
            var cursor = offset + 1
            _ = try source.bodyLength(&cursor)
            let count = try source.number(&cursor)
            guard count <= UInt64(source.bytes.count) else { throw source.corrupt("a count past the end", at: offset) }
            return (Int(count), cursor)
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
            let (count, start) = try body(.object)
            var entries: [(key: Int, keyCount: Int, value: Int)] = []
            entries.reserveCapacity(count)
            var cursor = start
            for _ in 0..<count {
                let keyCount = try source.length(&cursor)
                let key = cursor
                cursor += keyCount
                entries.append((key, keyCount, cursor))
                try source.skip(&cursor)
            }
            return KeyedDecodingContainer(KeyedContainer<Key>(source: source, entries: entries, codingPath: codingPath))
        }

        func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (count, start) = try body(.array)
            return UnkeyedContainer(source: source, count: count, cursor: start, codingPath: codingPath)
        }

        func singleValueContainer() throws -> any SingleValueDecodingContainer {
            SingleValueContainer(source: source, offset: offset, codingPath: codingPath)
        }
    }

    fileprivate struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let source: Source
        let entries: [(key: Int, keyCount: Int, value: Int)]
        var codingPath: [any CodingKey]

        var allKeys: [Key] {
            entries.compactMap { Key(stringValue: String(decoding: source.bytes[$0.key..<$0.key + $0.keyCount], as: UTF8.self)) }
        }

        private func find(_ key: Key) -> Int? {
            let wanted = key.stringValue
            var low = 0
            var high = entries.count
            while low < high {
                let middle = (low + high) / 2
                let order = source.compare(entries[middle].key, entries[middle].keyCount, wanted)
                if order == 0 { return entries[middle].value }
                if order < 0 { low = middle + 1 } else { high = middle }
            }
            return nil
        }

        private func offset(_ key: Key) throws -> Int {
            guard let offset = find(key) else {
                throw DecodingError.keyNotFound(key, DecodingError.Context(codingPath: codingPath, debugDescription: "no value for \(key.stringValue)"))
            }
            return offset
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }
        func decodeNil(forKey key: Key) throws -> Bool { try source.tag(at: try offset(key)) == .null }
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try source.bool(at: try offset(key)) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try source.string(at: try offset(key)) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try source.double(at: try offset(key)) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { Float(try source.double(at: try offset(key))) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try source.exact(type, at: try offset(key)) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try source.exact(type, at: try offset(key)) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try source.exact(type, at: try offset(key)) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try source.exact(type, at: try offset(key)) }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try source.value(type, at: try offset(key), codingPath: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(source: source, offset: try offset(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(source: source, offset: try offset(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder { try superDecoder(forKey: Key(stringValue: "super")!) }
        func superDecoder(forKey key: Key) throws -> any Decoder {
            ValueDecoder(source: source, offset: try offset(key), codingPath: codingPath + [key])
        }
    }

    fileprivate struct UnkeyedContainer: UnkeyedDecodingContainer {
        let source: Source
        var count: Int?
        var cursor: Int
        var codingPath: [any CodingKey]
        var currentIndex = 0
        var isAtEnd: Bool { currentIndex >= count! }

        init(source: Source, count: Int, cursor: Int, codingPath: [any CodingKey]) {
            self.source = source
            self.count = count
            self.cursor = cursor
            self.codingPath = codingPath
        }

        /// The offset of the next element, moving past it.
        private mutating func next() throws -> Int {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(Any.self, DecodingError.Context(codingPath: codingPath, debugDescription: "no more elements"))
            }
            let offset = cursor
            try source.skip(&cursor)
            currentIndex += 1
            return offset
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, try source.tag(at: cursor) == .null else { return false }
            _ = try next()
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let offset = try next()
            return try source.value(type, at: offset, codingPath: codingPath)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            try ValueDecoder(source: source, offset: try next(), codingPath: codingPath).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            try ValueDecoder(source: source, offset: try next(), codingPath: codingPath).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder { ValueDecoder(source: source, offset: try next(), codingPath: codingPath) }
    }

    fileprivate struct SingleValueContainer: SingleValueDecodingContainer {
        let source: Source
        let offset: Int
        var codingPath: [any CodingKey]

        func decodeNil() -> Bool { (try? source.tag(at: offset)) == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try source.bool(at: offset) }
        func decode(_ type: String.Type) throws -> String { try source.string(at: offset) }
        func decode(_ type: Double.Type) throws -> Double { try source.double(at: offset) }
        func decode(_ type: Float.Type) throws -> Float { Float(try source.double(at: offset)) }
        func decode(_ type: Int.Type) throws -> Int { try source.exact(type, at: offset) }
        func decode(_ type: Int8.Type) throws -> Int8 { try source.exact(type, at: offset) }
        func decode(_ type: Int16.Type) throws -> Int16 { try source.exact(type, at: offset) }
        func decode(_ type: Int32.Type) throws -> Int32 { try source.exact(type, at: offset) }
        func decode(_ type: Int64.Type) throws -> Int64 { try source.exact(type, at: offset) }
        func decode(_ type: UInt.Type) throws -> UInt { try source.exact(type, at: offset) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try source.exact(type, at: offset) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try source.exact(type, at: offset) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try source.exact(type, at: offset) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try source.exact(type, at: offset) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try source.value(type, at: offset, codingPath: codingPath) }
    }
}

import Foundation

/// A compact binary form of any `Encodable`, for what the site keeps for itself between publishes
/// (the period cache) and for page keys (the bytes hashed): a tenth of the time of JSON, which
/// formats every number as text and parses it back. The same value gives the same bytes in every
/// process: object keys are sorted by their UTF-8 bytes (a dictionary's own order changes from run
/// to run).
///
/// Layout: a tag byte, then — nil, false, true: nothing; integer: zigzag LEB128; unsigned:
/// LEB128; double: 8 bytes little-endian; string: LEB128 byte count and UTF-8; array: the byte
/// count of what follows (4 bytes little-endian), LEB128 element count, elements; object: the same
/// with entries (a key as a string without its tag, then the value), sorted by key. The byte counts
/// let a reader skip a value without reading it. A value over 4 GiB cannot be written (the site's
/// cache is a few MB).
enum CompactEncoder {
    enum Tag: UInt8 {
        case null, no, yes, integer, unsigned, double, string, array, object
    }

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = NodeEncoder()
        let node = try encoder.box(value)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(4096)
        node.write(into: &bytes)
        // Past 4 GiB the byte counts would wrap: refused rather than written wrong.
        guard bytes.count <= Int(UInt32.max) else { throw TooLarge(count: bytes.count) }
        return bytes
    }

    /// An object of values encoded before (by ``encode(_:)``, or read back as they were): only the
    /// entries are placed, sorted by key, none encoded again.
    static func object(_ entries: [(key: String, value: ArraySlice<UInt8>)]) throws -> [UInt8] {
        var bytes: [UInt8] = [Tag.object.rawValue, 0, 0, 0, 0]
        writeNumber(UInt64(entries.count), into: &bytes)
        for entry in entries.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
            writeString(entry.key, into: &bytes)
            bytes += entry.value
        }
        guard bytes.count <= Int(UInt32.max) else { throw TooLarge(count: bytes.count) }
        let length = UInt32(bytes.count - 5)
        for index in 0..<4 { bytes[1 + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(index))) }
        return bytes
    }

    struct TooLarge: Error, CustomStringConvertible {
        var count: Int
        var description: String { "\(count) bytes is more than the compact form holds (4 GiB)" }
    }

    /// A value being encoded: a scalar, or a container filled in place.
    fileprivate enum Node {
        case null, bool(Bool), integer(Int64), unsigned(UInt64), double(Double), string(String)
        case container(Container)

        func write(into bytes: inout [UInt8]) {
            switch self {
            case .null: bytes.append(Tag.null.rawValue)
            case .bool(let value): bytes.append(value ? Tag.yes.rawValue : Tag.no.rawValue)
            case .integer(let value):
                bytes.append(Tag.integer.rawValue)
                CompactEncoder.writeNumber(UInt64(bitPattern: (value << 1) ^ (value >> 63)), into: &bytes)
            case .unsigned(let value):
                bytes.append(Tag.unsigned.rawValue)
                CompactEncoder.writeNumber(value, into: &bytes)
            case .double(let value):
                bytes.append(Tag.double.rawValue)
                withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes.append(contentsOf: $0) }
            case .string(let value):
                bytes.append(Tag.string.rawValue)
                CompactEncoder.writeString(value, into: &bytes)
            case .container(let container):
                container.write(into: &bytes)
            }
        }
    }

    /// An array or object; a class, so nested containers fill it after it is placed in its parent.
    fileprivate final class Container {
        var isObject: Bool
        var keys: [String] = []
        var values: [Node] = []

        init(isObject: Bool) { self.isObject = isObject }

        /// Written in place: the byte count is a fixed 4 bytes, filled in once the body is written.
        func write(into bytes: inout [UInt8]) {
            bytes.append(isObject ? Tag.object.rawValue : Tag.array.rawValue)
            let countAt = bytes.count
            bytes.append(contentsOf: [0, 0, 0, 0])
            CompactEncoder.writeNumber(UInt64(values.count), into: &bytes)
            if isObject {
                if keys.indices.dropFirst().allSatisfy({ !keys[$0].utf8.lexicographicallyPrecedes(keys[$0 - 1].utf8) }) {
                    for index in keys.indices {
                        CompactEncoder.writeString(keys[index], into: &bytes)
                        values[index].write(into: &bytes)
                    }
                } else {
                    for index in keys.indices.sorted(by: { keys[$0].utf8.lexicographicallyPrecedes(keys[$1].utf8) }) {
                        CompactEncoder.writeString(keys[index], into: &bytes)
                        values[index].write(into: &bytes)
                    }
                }
            } else {
                for value in values { value.write(into: &bytes) }
            }
            let length = UInt32(truncatingIfNeeded: bytes.count - countAt - 4)
            for index in 0..<4 { bytes[countAt + index] = UInt8(truncatingIfNeeded: length >> (8 * UInt32(index))) }
        }
    }

    static func writeNumber(_ value: UInt64, into bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    static func writeString(_ value: String, into bytes: inout [UInt8]) {
        var value = value
        value.withUTF8 { utf8 in
            writeNumber(UInt64(utf8.count), into: &bytes)
            bytes.append(contentsOf: utf8)
        }
    }

    /// The `Encoder` every value is handed; one per nesting level.
    fileprivate final class NodeEncoder: Encoder {
        var codingPath: [any CodingKey]
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        var node: Node?

        init(codingPath: [any CodingKey] = []) { self.codingPath = codingPath }

        func box<T: Encodable>(_ value: T) throws -> Node {
            switch value {
            case let value as String: return .string(value)
            case let value as Double: return .double(value)
            case let value as Int: return .integer(Int64(value))
            case let value as Bool: return .bool(value)
            default:
                let nested = NodeEncoder(codingPath: codingPath)
                try value.encode(to: nested)
                return nested.node ?? .container(Container(isObject: true))
            }
        }

        private func container(isObject: Bool) -> Container {
            if case .container(let existing) = node, existing.isObject == isObject { return existing }
            let created = Container(isObject: isObject)
            node = .container(created)
            return created
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
            KeyedEncodingContainer(KeyedContainer<Key>(encoder: self, target: container(isObject: true)))
        }

        func unkeyedContainer() -> any UnkeyedEncodingContainer {
            UnkeyedContainer(encoder: self, target: container(isObject: false))
        }

        func singleValueContainer() -> any SingleValueEncodingContainer { SingleValueContainer(encoder: self) }
    }

    fileprivate struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        let encoder: NodeEncoder
        let target: Container
        var codingPath: [any CodingKey] { encoder.codingPath }

        private func add(_ node: Node, _ key: Key) {
            target.keys.append(key.stringValue)
            target.values.append(node)
        }

        mutating func encodeNil(forKey key: Key) throws { add(.null, key) }
        mutating func encode(_ value: Bool, forKey key: Key) throws { add(.bool(value), key) }
        mutating func encode(_ value: String, forKey key: Key) throws { add(.string(value), key) }
        mutating func encode(_ value: Double, forKey key: Key) throws { add(.double(value), key) }
        mutating func encode(_ value: Float, forKey key: Key) throws { add(.double(Double(value)), key) }
        mutating func encode(_ value: Int, forKey key: Key) throws { add(.integer(Int64(value)), key) }
        mutating func encode(_ value: Int8, forKey key: Key) throws { add(.integer(Int64(value)), key) }
        mutating func encode(_ value: Int16, forKey key: Key) throws { add(.integer(Int64(value)), key) }
        mutating func encode(_ value: Int32, forKey key: Key) throws { add(.integer(Int64(value)), key) }
        mutating func encode(_ value: Int64, forKey key: Key) throws { add(.integer(value), key) }
        mutating func encode(_ value: UInt, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt8, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt16, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt32, forKey key: Key) throws { add(.unsigned(UInt64(value)), key) }
        mutating func encode(_ value: UInt64, forKey key: Key) throws { add(.unsigned(value), key) }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            encoder.codingPath.append(key)
            defer { encoder.codingPath.removeLast() }
            add(try encoder.box(value), key)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
            let nested = Container(isObject: true)
            add(.container(nested), key)
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, target: nested))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            let nested = Container(isObject: false)
            add(.container(nested), key)
            return UnkeyedContainer(encoder: encoder, target: nested)
        }

        mutating func superEncoder() -> any Encoder { SuperEncoder(target: target, key: "super") }
        mutating func superEncoder(forKey key: Key) -> any Encoder { SuperEncoder(target: target, key: key.stringValue) }
    }

    fileprivate struct UnkeyedContainer: UnkeyedEncodingContainer, ScalarSink {
        let encoder: NodeEncoder
        let target: Container
        var codingPath: [any CodingKey] { encoder.codingPath }
        var count: Int { target.values.count }

        func put(_ node: Node) { target.values.append(node) }
        mutating func encode<T: Encodable>(_ value: T) throws { put(try encoder.box(value)) }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            let nested = Container(isObject: true)
            target.values.append(.container(nested))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, target: nested))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            let nested = Container(isObject: false)
            target.values.append(.container(nested))
            return UnkeyedContainer(encoder: encoder, target: nested)
        }

        mutating func superEncoder() -> any Encoder { SuperEncoder(target: target, key: nil) }
    }

    fileprivate struct SingleValueContainer: SingleValueEncodingContainer, ScalarSink {
        let encoder: NodeEncoder
        var codingPath: [any CodingKey] { encoder.codingPath }

        func put(_ node: Node) { encoder.node = node }
        mutating func encode<T: Encodable>(_ value: T) throws { put(try encoder.box(value)) }
    }

    /// An encoder whose value lands in a parent container when it is done (`superEncoder`): placed
    /// at once as an empty object and filled in place, as the parent's other values are.
    fileprivate final class SuperEncoder: Encoder {
        let inner = NodeEncoder()
        var codingPath: [any CodingKey] { inner.codingPath }
        var userInfo: [CodingUserInfoKey: Any] { [:] }
        private let target: Container
        private let key: String?

        init(target: Container, key: String?) {
            self.target = target
            self.key = key
        }

        deinit {
            if let key { target.keys.append(key) }
            target.values.append(inner.node ?? .container(Container(isObject: true)))
        }

        func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> { inner.container(keyedBy: type) }
        func unkeyedContainer() -> any UnkeyedEncodingContainer { inner.unkeyedContainer() }
        func singleValueContainer() -> any SingleValueEncodingContainer { inner.singleValueContainer() }
    }
}

/// The scalar overloads an unkeyed and a single-value container must both have, once: each value
/// becomes its node.
private protocol ScalarSink {
    func put(_ node: CompactEncoder.Node)
}

extension ScalarSink {
    mutating func encodeNil() throws { put(.null) }
    mutating func encode(_ value: Bool) throws { put(.bool(value)) }
    mutating func encode(_ value: String) throws { put(.string(value)) }
    mutating func encode(_ value: Double) throws { put(.double(value)) }
    mutating func encode(_ value: Float) throws { put(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { put(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { put(.integer(value)) }
    mutating func encode(_ value: UInt) throws { put(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt8) throws { put(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt16) throws { put(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt32) throws { put(.unsigned(UInt64(value))) }
    mutating func encode(_ value: UInt64) throws { put(.unsigned(value)) }
}

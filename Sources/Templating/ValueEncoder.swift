import Foundation

extension Value {
    /// Converts any `Encodable` value once, without reflection: structs become dictionaries with
    /// keys in declaration order, arrays lists, optionals `none`, dates ISO 8601 strings.
    public init(encoding value: some Encodable, keys: KeyStyle = .asIs) throws {
        let encoder = ValueEncoder(keyStyle: keys)
        try encoder.encodeValue(value)
        self = encoder.storage.value
    }

    /// How Swift property names become template keys.
    public enum KeyStyle: Sendable {
        case asIs
        /// `baseYear` → `base_year`, `baseURL` → `base_url`: the spelling Jinja templates use.
        case snakeCase

        func key(_ name: String) -> String {
            guard self == .snakeCase else { return name }
            return Self.asciiSnakeCase(name) ?? Self.unicodeSnakeCase(name)
        }

        static func unicodeSnakeCase(_ name: String) -> String {
            var out = ""
            let characters = Array(name)
            for (i, c) in characters.enumerated() {
                if c.isUppercase {
                    let previousLower = i > 0 && (characters[i - 1].isLowercase || characters[i - 1].isNumber)
                    let nextLower = i + 1 < characters.count && characters[i + 1].isLowercase
                    if i > 0 && (previousLower || (nextLower && characters[i - 1].isUppercase)) { out += "_" }
                    out += c.lowercased()
                } else {
                    out.append(c)
                }
            }
            return out
        }

        /// `key(_:)` for ASCII names (every field name of a Swift model) without the Unicode
        /// character tables, which made the conversion the larger part of encoding a model with
        /// hundreds of rows; the same rule, so the same keys. `nil` for a name beyond ASCII.
        static func asciiSnakeCase(_ name: String) -> String? {
            let bytes = name.utf8
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            func upper(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") }
            func lower(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") }
            func digit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            guard bytes.contains(where: upper) else { return name }
            let characters = Array(bytes)
            var out: [UInt8] = []
            out.reserveCapacity(characters.count + 4)
            for (i, c) in characters.enumerated() {
                guard upper(c) else {
                    out.append(c)
                    continue
                }
                let previousLower = i > 0 && (lower(characters[i - 1]) || digit(characters[i - 1]))
                let nextLower = i + 1 < characters.count && lower(characters[i + 1])
                if i > 0 && (previousLower || (nextLower && upper(characters[i - 1]))) { out.append(UInt8(ascii: "_")) }
                out.append(c + 32)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The top-level keys of an `Encodable` value, as template variables.
    public static func variables(from value: some Encodable, keys: KeyStyle = .asIs) throws -> [String: Value] {
        guard case .dict(let d) = try Value(encoding: value, keys: keys) else {
            throw TemplateError(.type, "the render context must encode as a keyed container (a struct or dictionary)")
        }
        return Swift.Dictionary(zip(d.keys, d.values), uniquingKeysWith: { _, last in last })
    }
}

/// A node of the value being built. Containers are references so nested encoders can fill
/// them, and children are appended in place (no copy of the arrays on each field).
private final class EncodedNode {
    enum Kind { case empty, single, keyed, unkeyed }
    enum Child {
        case value(Value)
        case node(EncodedNode)
    }

    var kind: Kind = .empty
    var single: Value = .none
    var keys: [String] = []
    var children: [Child] = []

    var value: Value {
        switch kind {
        case .single: return single
        case .keyed: return .dict(Value.Dictionary(keys: keys, values: children.map(\.value)))
        case .unkeyed: return .list(children.map(\.value))
        case .empty: return .dict(Value.Dictionary(keys: [], values: []))
        }
    }

    func becomeKeyed() {
        if kind != .keyed {
            kind = .keyed
            keys = []
            children = []
        }
    }

    func becomeUnkeyed() {
        if kind != .unkeyed {
            kind = .unkeyed
            keys = []
            children = []
        }
    }

    func set(_ child: Child, forKey key: String) {
        if let at = keys.firstIndex(of: key) {
            children[at] = child
        } else {
            keys.append(key)
            children.append(child)
        }
    }

    func setSingle(_ value: Value) {
        kind = .single
        single = value
    }
}

extension EncodedNode.Child {
    var value: Value {
        switch self {
        case .value(let v): return v
        case .node(let n): return n.value
        }
    }
}

private final class ValueEncoder: Encoder {
    let storage: EncodedNode
    let codingPath: [any CodingKey]
    let keyStyle: Value.KeyStyle
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(storage: EncodedNode = EncodedNode(), codingPath: [any CodingKey] = [], keyStyle: Value.KeyStyle = .asIs) {
        self.storage = storage
        self.codingPath = codingPath
        self.keyStyle = keyStyle
    }

    func encodeValue(_ value: some Encodable) throws {
        if let special = ValueEncoder.special(value) {
            storage.setSingle(special)
        } else {
            try value.encode(to: self)
        }
    }

    /// Values with a natural template form that their `Encodable` conformance does not give.
    static func special(_ value: some Encodable) -> Value? {
        switch value {
        case let date as Date: return .string(ISO8601DateFormatter().string(from: date))
        case let url as URL: return .string(url.absoluteString)
        case let decimal as Decimal: return .double(NSDecimalNumber(decimal: decimal).doubleValue)
        case let v as Value: return v
        default: return nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.becomeKeyed()
        return KeyedEncodingContainer(KeyedContainer<Key>(node: storage, codingPath: codingPath, keyStyle: keyStyle))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.becomeUnkeyed()
        return UnkeyedContainer(node: storage, codingPath: codingPath, keyStyle: keyStyle)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: storage, codingPath: codingPath, keyStyle: keyStyle)
    }
}

/// A child for an arbitrary `Encodable`: plain scalars directly, anything else through a nested encoder.
private func encodeChild(_ value: some Encodable, codingPath: [any CodingKey], keyStyle: Value.KeyStyle) throws -> EncodedNode.Child {
    switch value {
    case let s as String: return .value(.string(s))
    case let i as Int: return .value(.int(i))
    case let d as Double: return .value(.double(d))
    case let b as Bool: return .value(.bool(b))
    default:
        if let special = ValueEncoder.special(value) { return .value(special) }
        let node = EncodedNode()
        try value.encode(to: ValueEncoder(storage: node, codingPath: codingPath, keyStyle: keyStyle))
        return .node(node)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    let keyStyle: Value.KeyStyle

    private func name(_ key: Key) -> String { keyStyle.key(key.stringValue) }

    mutating func encodeNil(forKey key: Key) throws { node.set(.value(.none), forKey: name(key)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.set(.value(.bool(value)), forKey: name(key)) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.set(.value(.string(value)), forKey: name(key)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.set(.value(.double(value)), forKey: name(key)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.set(.value(.double(Double(value))), forKey: name(key)) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.set(.value(.int(value)), forKey: name(key)) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(try encodeChild(value, codingPath: codingPath + [key], keyStyle: keyStyle), forKey: name(key))
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode()
        child.becomeKeyed()
        node.set(.node(child), forKey: name(key))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key], keyStyle: keyStyle))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodedNode()
        child.becomeUnkeyed()
        node.set(.node(child), forKey: name(key))
        return UnkeyedContainer(node: child, codingPath: codingPath + [key], keyStyle: keyStyle)
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(storage: node, codingPath: codingPath, keyStyle: keyStyle) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodedNode()
        node.set(.node(child), forKey: name(key))
        return ValueEncoder(storage: child, codingPath: codingPath + [key], keyStyle: keyStyle)
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) { return nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    let keyStyle: Value.KeyStyle
    var count: Int { node.children.count }

    mutating func encodeNil() throws { node.children.append(.value(.none)) }
    mutating func encode(_ value: Bool) throws { node.children.append(.value(.bool(value))) }
    mutating func encode(_ value: String) throws { node.children.append(.value(.string(value))) }
    mutating func encode(_ value: Double) throws { node.children.append(.value(.double(value))) }
    mutating func encode(_ value: Int) throws { node.children.append(.value(.int(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        node.children.append(try encodeChild(value, codingPath: codingPath + [IndexKey(count)], keyStyle: keyStyle))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode()
        child.becomeKeyed()
        let path = codingPath + [IndexKey(count)]
        node.children.append(.node(child))
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: path, keyStyle: keyStyle))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodedNode()
        child.becomeUnkeyed()
        let path = codingPath + [IndexKey(count)]
        node.children.append(.node(child))
        return UnkeyedContainer(node: child, codingPath: path, keyStyle: keyStyle)
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodedNode()
        node.children.append(.node(child))
        return ValueEncoder(storage: child, codingPath: codingPath, keyStyle: keyStyle)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    let keyStyle: Value.KeyStyle
    mutating func encodeNil() throws { node.setSingle(.none) }
    mutating func encode(_ value: Bool) throws { node.setSingle(.bool(value)) }
    mutating func encode(_ value: String) throws { node.setSingle(.string(value)) }
    mutating func encode(_ value: Double) throws { node.setSingle(.double(value)) }
    mutating func encode(_ value: Float) throws { node.setSingle(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.setSingle(.int(value)) }
    mutating func encode(_ value: Int64) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { node.setSingle(try Self.integer(value)) }
    mutating func encode(_ value: Int8) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: Int16) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: UInt8) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: UInt16) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: UInt32) throws { node.setSingle(.int(Int(value))) }
    mutating func encode(_ value: UInt64) throws { node.setSingle(try Self.integer(value)) }

    /// Unsigned values beyond `Int.max` would print wrongly; they are refused instead.
    private static func integer<T: BinaryInteger>(_ value: T) throws -> Value {
        guard let exact = Int(exactly: value) else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(value) does not fit in 64-bit signed integers"))
        }
        return .int(exact)
    }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try ValueEncoder(storage: node, codingPath: codingPath, keyStyle: keyStyle).encodeValue(value)
    }
}

extension Value: Encodable {
    /// Values encode as JSON-like data, so a `Value` can sit inside an `Encodable` context.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .none, .undefined: try container.encodeNil()
        case .bool(let b): try container.encode(b)
        case .int(let i): try container.encode(i)
        case .double(let d): try container.encode(d)
        case .string(let s), .markup(let s): try container.encode(s)
        case .list(let items), .tuple(let items): try container.encode(items)
        case .dict(let d): try container.encode(Swift.Dictionary(zip(d.keys, d.values), uniquingKeysWith: { $1 }))
        case .callable(let c): try container.encode("<function \(c.name)>")
        case .object(let o): try container.encode("<\(o.typeName)>")
        }
    }
}

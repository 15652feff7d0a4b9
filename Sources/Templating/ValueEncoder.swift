import Foundation

extension Value {
    /// Converts any `Encodable` value once, without reflection: structs become dictionaries with
    /// keys in declaration order, arrays lists, optionals `none`, dates ISO 8601 strings.
    public init(encoding value: some Encodable) throws {
        let encoder = ValueEncoder()
        try encoder.encodeValue(value)
        self = encoder.storage.value
    }

    /// The top-level keys of an `Encodable` value, as template variables.
    public static func variables(from value: some Encodable) throws -> [String: Value] {
        guard case .dict(let d) = try Value(encoding: value) else {
            throw TemplateError(.type, "the render context must encode as a keyed container (a struct or dictionary)")
        }
        return Swift.Dictionary(zip(d.keys, d.values), uniquingKeysWith: { _, last in last })
    }
}

/// A node of the value being built; containers are references so nested encoders can fill them.
private final class EncodedNode {
    enum Content {
        case single(Value)
        case keyed([String], [EncodedNode])
        case unkeyed([EncodedNode])
        case empty
    }
    var content: Content = .empty

    var value: Value {
        switch content {
        case .single(let v): return v
        case .keyed(let keys, let nodes): return .dict(Value.Dictionary(keys: keys, values: nodes.map(\.value)))
        case .unkeyed(let nodes): return .list(nodes.map(\.value))
        case .empty: return .dict(Value.Dictionary(keys: [], values: []))
        }
    }
}

private final class ValueEncoder: Encoder {
    let storage: EncodedNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(storage: EncodedNode = EncodedNode(), codingPath: [any CodingKey] = []) {
        self.storage = storage
        self.codingPath = codingPath
    }

    func encodeValue(_ value: some Encodable) throws {
        switch value {
        case let date as Date:
            storage.content = .single(.string(ISO8601DateFormatter().string(from: date)))
        case let url as URL:
            storage.content = .single(.string(url.absoluteString))
        case let decimal as Decimal:
            storage.content = .single(.double(NSDecimalNumber(decimal: decimal).doubleValue))
        case let v as Value:
            storage.content = .single(v)
        default:
            try value.encode(to: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = storage.content {} else { storage.content = .keyed([], []) }
        return KeyedEncodingContainer(KeyedContainer<Key>(node: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = storage.content {} else { storage.content = .unkeyed([]) }
        return UnkeyedContainer(node: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(node: storage, codingPath: codingPath)
    }
}

private func encodeChild(_ value: some Encodable, codingPath: [any CodingKey]) throws -> EncodedNode {
    let node = EncodedNode()
    try ValueEncoder(storage: node, codingPath: codingPath).encodeValue(value)
    return node
}

private func singleNode(_ value: Value) -> EncodedNode {
    let node = EncodedNode()
    node.content = .single(value)
    return node
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    private func set(_ child: EncodedNode, for key: Key) {
        guard case .keyed(var keys, var nodes) = node.content else { return }
        if let at = keys.firstIndex(of: key.stringValue) {
            nodes[at] = child
        } else {
            keys.append(key.stringValue)
            nodes.append(child)
        }
        node.content = .keyed(keys, nodes)
    }

    mutating func encodeNil(forKey key: Key) throws { set(singleNode(.none), for: key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(singleNode(.bool(value)), for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(singleNode(.string(value)), for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(singleNode(.double(value)), for: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(singleNode(.double(Double(value))), for: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(singleNode(.int(value)), for: key) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try encodeChild(value, codingPath: codingPath + [key]), for: key)
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
        child.content = .keyed([], [])
        set(child, for: key)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodedNode()
        child.content = .unkeyed([])
        set(child, for: key)
        return UnkeyedContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder { ValueEncoder(storage: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = EncodedNode()
        set(child, for: key)
        return ValueEncoder(storage: child, codingPath: codingPath + [key])
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
    var count: Int {
        if case .unkeyed(let nodes) = node.content { return nodes.count }
        return 0
    }

    private func append(_ child: EncodedNode) {
        guard case .unkeyed(var nodes) = node.content else { return }
        nodes.append(child)
        node.content = .unkeyed(nodes)
    }

    mutating func encodeNil() throws { append(singleNode(.none)) }
    mutating func encode(_ value: Bool) throws { append(singleNode(.bool(value))) }
    mutating func encode(_ value: String) throws { append(singleNode(.string(value))) }
    mutating func encode(_ value: Double) throws { append(singleNode(.double(value))) }
    mutating func encode(_ value: Int) throws { append(singleNode(.int(value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encodeChild(value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let child = EncodedNode()
        child.content = .keyed([], [])
        append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(node: child, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = EncodedNode()
        child.content = .unkeyed([])
        append(child)
        return UnkeyedContainer(node: child, codingPath: codingPath + [IndexKey(count)])
    }

    mutating func superEncoder() -> any Encoder {
        let child = EncodedNode()
        append(child)
        return ValueEncoder(storage: child, codingPath: codingPath)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]
    mutating func encodeNil() throws { node.content = .single(.none) }
    mutating func encode(_ value: Bool) throws { node.content = .single(.bool(value)) }
    mutating func encode(_ value: String) throws { node.content = .single(.string(value)) }
    mutating func encode(_ value: Double) throws { node.content = .single(.double(value)) }
    mutating func encode(_ value: Float) throws { node.content = .single(.double(Double(value))) }
    mutating func encode(_ value: Int) throws { node.content = .single(.int(value)) }
    mutating func encode(_ value: Int64) throws { node.content = .single(.int(Int(value))) }
    mutating func encode(_ value: Int32) throws { node.content = .single(.int(Int(value))) }
    mutating func encode(_ value: UInt) throws { node.content = .single(.int(Int(clamping: value))) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try ValueEncoder(storage: node, codingPath: codingPath).encodeValue(value)
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

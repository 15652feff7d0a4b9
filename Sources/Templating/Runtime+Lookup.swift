/// Attribute and item lookup with Jinja's rules (`getattr` and `getitem`), undefined results
/// that remember where the lookup failed.
extension Runtime {
    /// `value.name`: an attribute first (dict methods, object attributes), then a key — Jinja's `getattr`.
    static func attribute(of value: Value, _ name: String, owner: ExprOwner?, at loc: SourceLocation) throws -> Value {
        switch value {
        case .dict(let d):
            if let method = Builtins.dictionaryMethod(d, name) { return method }
            if let found = d[name] { return found }
            return .undefined(Value.Undefined(
                name: name, location: loc, candidates: { d.keys }, ownerDescription: describeOwner(owner, value)))
        case .object(let object):
            if let found = object.attribute(name) { return found }
            return .undefined(Value.Undefined(
                name: name, location: loc, candidates: { object.attributeNames }, ownerDescription: describeOwner(owner, value)))
        case .undefined(let u) where !u.isLenient:
            throw Value.undefinedError(u)
        default:
            return .undefined(Value.Undefined(name: name, location: loc, candidates: { [] }, ownerDescription: describeOwner(owner, value)))
        }
    }

    /// How a message names the object a lookup failed on: `'vendor'`, `'x.a' (None)`, `'dict object'`.
    /// `owner` is the looked-up expression, named only here, when a message needs it.
    static func describeOwner(_ ownerExpr: ExprOwner?, _ value: Value) -> String {
        let owner = ownerExpr.flatMap { $0.description }
        switch value {
        case .dict, .object:
            return owner.map { "'\($0)'" } ?? "'\(value.typeName) object'"
        case .none:
            return owner.map { "'\($0)' (None)" } ?? "None"
        default:
            return owner.map { "'\($0)' (a \(value.typeName))" } ?? "'\(value.typeName) object'"
        }
    }

    /// `value[key]`: a key or index first, then an attribute — Jinja's `getitem`.
    static func item(of value: Value, _ key: Value, owner: ExprOwner?, at loc: SourceLocation) throws -> Value {
        let key = try key.defined()
        let keyText = (try? key.pythonRepr()) ?? "?"
        switch value {
        case .dict(let d):
            if let k = key.stringValue {
                if let found = d[k] { return found }
                if let method = Builtins.dictionaryMethod(d, k) { return method }
            }
            let ownerText = describeOwner(owner, value)
            return .undefined(Value.Undefined(
                name: key.stringValue ?? keyText, location: loc, candidates: { d.keys },
                explanation: "\(ownerText) has no key \(keyText)"))
        case .list(let items), .tuple(let items):
            if case .int(let i)? = key.numeric {
                let index = i < 0 ? i + items.count : i
                if index >= 0 && index < items.count { return items[index] }
            }
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] },
                explanation: "\(describeOwner(owner, value)) has no element \(keyText) (it has \(items.count))"))
        case .string(let s), .markup(let s):
            if case .int(let i)? = key.numeric {
                let scalars = Array(s.unicodeScalars)
                let index = i < 0 ? i + scalars.count : i
                if index >= 0 && index < scalars.count {
                    return value.isMarkup ? .markup(String(scalars[index])) : .string(String(scalars[index]))
                }
            }
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] },
                explanation: "\(describeOwner(owner, value)) has no character \(keyText)"))
        case .object(let o):
            if let sequence = o as? any TemplateSequence, case .int(let i)? = key.numeric {
                return try item(of: .tuple(sequence.elements), .int(i), owner: owner, at: loc)
            }
            if let name = key.stringValue { return try attribute(of: value, name, owner: owner, at: loc) }
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] }, explanation: "\(describeOwner(owner, value)) has no item \(keyText)"))
        case .undefined(let u) where !u.isLenient:
            throw Value.undefinedError(u)
        default:
            return .undefined(Value.Undefined(
                name: keyText, location: loc, candidates: { [] }, explanation: "\(describeOwner(owner, value)) has no item \(keyText)"))
        }
    }
}

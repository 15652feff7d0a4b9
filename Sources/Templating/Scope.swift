/// Variables visible at one point of a render: a chain of frames (loop body, macro call,
/// template root, the render's context, the environment's globals).
///
/// Frames hold few names (a loop variable and `loop`, a macro's parameters), so they are kept in
/// two small arrays and scanned: comparing short strings is cheaper than hashing them. A frame
/// that grows past `linearLimit` names (a large context) switches to a hash table.
final class Scope: @unchecked Sendable {
    @exclusivity(unchecked) private var names: [String] = []
    @exclusivity(unchecked) private var values: [Value] = []
    @exclusivity(unchecked) private var table: [String: Value]?
    let parent: Scope?
    private static let linearLimit = 8

    init(parent: Scope?, variables: [String: Value] = [:]) {
        self.parent = parent
        if variables.count > Scope.linearLimit {
            table = variables
        } else {
            for (name, value) in variables {
                names.append(name)
                values.append(value)
            }
        }
    }

    /// This frame's own variable (no parent lookup); assigning defines or replaces it.
    subscript(local name: String) -> Value? {
        get {
            if let table { return table[name] }
            for i in names.indices where names[i] == name { return values[i] }
            return nil
        }
        set {
            guard let newValue else { return }
            if table != nil {
                table![name] = newValue
                return
            }
            for i in names.indices where names[i] == name {
                values[i] = newValue
                return
            }
            if names.count == Scope.linearLimit {
                var grown = Dictionary(uniqueKeysWithValues: zip(names, values))
                grown[name] = newValue
                table = grown
                names = []
                values = []
                return
            }
            names.append(name)
            values.append(newValue)
        }
    }

    /// Forgets this frame's variables (a loop starts each iteration afresh).
    func removeAll() {
        if table != nil { table!.removeAll(keepingCapacity: true) }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    func lookup(_ name: String) -> Value? {
        var scope: Scope? = self
        while let s = scope {
            if let value = s[local: name] { return value }
            scope = s.parent
        }
        return nil
    }

    /// Every visible name, for "did you mean …?" suggestions.
    var allNames: [String] {
        var all: [String] = []
        var scope: Scope? = self
        while let s = scope {
            all += s.table.map { Array($0.keys) } ?? s.names
            scope = s.parent
        }
        return all
    }
}

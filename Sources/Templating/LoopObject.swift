/// The `loop` variable of a `for` loop: one object, updated in place on each iteration.
final class LoopObject: TemplateObject, @unchecked Sendable {
    let items: [Value]
    @exclusivity(unchecked) var index0 = 0
    let depth0: Int

    init(items: [Value], depth0: Int) {
        self.items = items
        self.depth0 = depth0
    }

    var typeName: String { "LoopContext" }

    static let names = [
        "index", "index0", "revindex", "revindex0", "first", "last", "length", "previtem", "nextitem", "cycle",
        "depth", "depth0", "changed",
    ]
    var attributeNames: [String] { LoopObject.names }

    func attribute(_ name: String) -> Value? {
        let length = items.count
        switch name {
        case "index": return .int(index0 + 1)
        case "index0": return .int(index0)
        case "revindex": return .int(length - index0)
        case "revindex0": return .int(length - index0 - 1)
        case "first": return .bool(index0 == 0)
        case "last": return .bool(index0 == length - 1)
        case "length": return .int(length)
        case "depth": return .int(depth0 + 1)
        case "depth0": return .int(depth0)
        case "previtem": return index0 > 0 ? items[index0 - 1] : nil
        case "nextitem": return index0 + 1 < length ? items[index0 + 1] : nil
        case "cycle":
            let index = index0
            return .callable(Callable(name: "loop.cycle") { arguments in
                guard !arguments.positional.isEmpty else { throw FilterError("no items for cycling given", kind: .arguments) }
                return arguments.positional[index % arguments.positional.count]
            })
        case "changed":
            return nil
        default: return nil
        }
    }
}

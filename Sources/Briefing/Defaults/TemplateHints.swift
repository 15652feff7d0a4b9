import Templating
import Workspace

/// "Did you mean …?" for a top-level name that exists one level down: `{{ title }}` in a template
/// whose context has `briefing.title`. The engine already suggests close names among the variables
/// in scope (`sumary` → `summary`); this adds the context's nested keys, which the engine cannot see
/// from the failing name, using the same ``Suggestion`` rules as the rest of the tool.
enum TemplateHints {
    static func withHint(_ error: TemplateError, variables: [String: Value]) -> TemplateError {
        guard error.kind == .undefined, !error.message.contains("did you mean"),
            let name = undefinedName(in: error.message)
        else { return error }
        var exact: [String] = []
        var nested: [String] = []
        for variable in variables.keys.sorted() {
            guard case .dict(let dictionary)? = variables[variable] else { continue }
            for key in dictionary.keys {
                if key == name { exact.append("\(variable).\(key)") }
                nested.append(key)
            }
        }
        var hinted = error
        if let first = exact.first {
            hinted.message += "; did you mean '\(first)'?"
        } else if let close = Suggestion.closest(to: name, among: nested),
            let variable = variables.keys.sorted().first(where: {
                if case .dict(let dictionary)? = variables[$0] { return dictionary[close] != nil }
                return false
            })
        {
            hinted.message += "; did you mean '\(variable).\(close)'?"
        }
        return hinted
    }

    /// `title` from `'title' is undefined`.
    private static func undefinedName(in message: String) -> String? {
        let suffix = "' is undefined"
        guard message.hasPrefix("'"), message.hasSuffix(suffix) else { return nil }
        let name = message.dropFirst().dropLast(suffix.count)
        return name.isEmpty || name.contains("'") ? nil : String(name)
    }
}

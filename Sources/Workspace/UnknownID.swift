/// An id that names nothing in the workspace: a vendor, market, scenario or period typed on the
/// command line or in a file. One error for all of them, with the closest known id
/// (`unknown vendor 'nvidai'; did you mean 'nvidia'?`) from ``Suggestion``.
package struct UnknownID: Error, Sendable, Hashable, ProblemReporting {
    package enum Category: String, Sendable, Hashable {
        case vendor, market, scenario, period
    }

    /// What the message adds when no known id is close.
    package enum Fallback: Sendable, Hashable {
        /// Nothing: `unknown market 'x'`.
        case none
        /// Every known id: `unknown vendor 'c'; valid: a, b`.
        case listValid
    }

    package var category: Category
    package var id: String
    /// The ids that exist, in the order they are listed.
    package var known: [String]
    /// Where the id was looked up, when that narrows it: the market a vendor or scenario belongs to.
    package var market: String?
    package var fallback: Fallback

    package init(_ category: Category, _ id: String, known: [String], market: String? = nil, fallback: Fallback = .listValid) {
        self.category = category
        self.id = id
        self.known = known
        self.market = market
        self.fallback = fallback
    }

    /// The closest known id, if one is close enough to be what was meant.
    package var suggestion: String? { Suggestion.closest(to: id, among: known) }

    /// `unknown scenario 'bul' for market 'ai'; did you mean 'bull'?`, else the fallback: the valid ids,
    /// or that the workspace has none of this category yet. A period is a folder of `Reports/`:
    /// `Reports/2026-W74 does not exist; did you mean '2026-W47'?`.
    package var message: String {
        var text = category == .period ? "Reports/\(id) does not exist" : "unknown \(category.rawValue) '\(id)'"
        if let market { text += " for market '\(market)'" }
        if let suggestion { return text + "; did you mean '\(suggestion)'?" }
        if known.isEmpty {
            return text + (category == .period ? " (Reports/ holds no briefing yet)" : " (the workspace has no \(category.rawValue)s yet)")
        }
        switch fallback {
        case .none: return text
        case .listValid: return text + "; valid: " + known.joined(separator: ", ")
        }
    }

    package var problems: [Problem] { [Problem(.data, message)] }
}

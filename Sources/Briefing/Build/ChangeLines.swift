import Foundation

/// One line of "what changed": every reported move one edit (or one set of edits acting
/// together) caused, or one change that is not a projected figure's move.
///
/// "The Merchant scenario's probability rose from 25% to 30% (Base case 50% → 45%): Nvidia
/// −0.7 pp to 63.1%; Google TPU +$2.5B; AWS +$1.1B; 3 smaller moves." Moves credited to several
/// edits form their own line, which names them all and splits its first move between them.
struct ChangeLine: Sendable {
    /// The moves, most material first; empty for a line of one other change.
    var moves: [Change]
    /// The change the line stands for when it has no moves.
    var other: Change?
    /// The edits the moves are credited to, largest effect first (from the first move).
    var causes: [Cause]
    /// With several markets, lines name theirs.
    var marketName: String?

    /// How many moves a line or takeaway names before "N smaller moves".
    static let namedMoves = 3

    /// The change that ranks the line: its most material move, or its one change.
    var lead: Change { moves.first ?? other! }

    /// Cause keys (for "no two takeaways from the same cause").
    var causeKeys: Set<String> { Set(causes.map(\.key)) }

    var kind: Change.Kind { lead.kind }

    /// The line as printed under "What changed".
    var sentence: String {
        guard !moves.isEmpty, !causes.isEmpty else { return lead.sentence }
        var phrases = moves.prefix(Self.namedMoves).map { $0.impact?.compact ?? $0.sentence }
        if causes.count > 1, let first = moves.first, first.causeEffects.count == causes.count {
            phrases[0] += " (\(ChangeFinder.list(first.causeEffects)))"
        }
        if moves.count > Self.namedMoves { phrases.append(Self.smaller(moves.count - Self.namedMoves)) }
        let header = ChangeFinder.list(causes.map(\.text)) + (causes.count > 1 ? ", together" : "")
        return Self.clause(header, in: marketName) + ": " + phrases.joined(separator: "; ") + "."
    }

    /// The takeaway's bold figure: the lead move's impact (empty for a line without one).
    var figure: String { lead.impact?.figure ?? "" }

    /// The takeaway's text: what moved and why, without repeating `figure`.
    var takeawayText: String {
        guard let impact = lead.impact else { return lead.sentence }
        var text = impact.lead
        if !causes.isEmpty { text += ", after " + ChangeFinder.list(causes.map(\.text)) }
        let others = moves.dropFirst().prefix(Self.namedMoves - 1).map { $0.impact?.compact ?? $0.sentence }
        if !others.isEmpty {
            let rest = moves.count - 1 - others.count
            text += "; also " + ChangeFinder.list(others + (rest > 0 ? [Self.smaller(rest)] : []))
        }
        return Self.capitalized(text) + "."
    }

    /// The line as one sentence a reader can quote (the archive's one-liner for the period).
    var quotable: String {
        guard let impact = lead.impact else { return lead.sentence }
        return Self.capitalized(impact.quotable + (causes.isEmpty ? "" : " after " + ChangeFinder.list(causes.map(\.text)))) + "."
    }

    static func smaller(_ count: Int) -> String { "\(count) smaller move\(count == 1 ? "" : "s")" }

    static func capitalized(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }

    /// `clause` opening a line: "In Optical, the …" with a market name, else capitalised.
    static func clause(_ clause: String, in market: String?) -> String {
        market.map { "In \($0), \(clause)" } ?? capitalized(clause)
    }

    /// The lines for `changes` (sorted most material first): reportable moves grouped by the set of
    /// edits they are credited to, in the order of each group's largest move; then every other
    /// change that is not the cause of a listed move, as a line of its own (edits under their
    /// threshold last). Smaller changes (`isDetail`) are not lines.
    static func lines(_ changes: [Change], marketNames: [String: String], namesMarkets: Bool) -> [ChangeLine] {
        let reportable = changes.filter { $0.isReportable && !$0.isDetail }
        var lines: [ChangeLine] = []
        var groupIndex: [String: Int] = [:]
        for change in reportable where change.impact != nil {
            let name = namesMarkets ? change.market.flatMap { marketNames[$0] } : nil
            guard !change.causes.isEmpty else {
                lines.append(ChangeLine(moves: [change], other: nil, causes: [], marketName: name))
                continue
            }
            let key = (change.market ?? "") + "\u{1F}" + change.causes.map(\.key).sorted().joined(separator: "\u{1F}")
            if let index = groupIndex[key] {
                lines[index].moves.append(change)
            } else {
                groupIndex[key] = lines.count
                lines.append(ChangeLine(moves: [change], other: nil, causes: change.causes, marketName: name))
            }
        }
        let explained = Set(lines.flatMap { line in line.causes.map { "\(line.lead.market ?? "")/\($0.key)" } })
        for change in changes where !change.isDetail && change.impact == nil {
            if let key = causeKey(of: change), explained.contains("\(change.market ?? "")/\(key)") { continue }
            lines.append(ChangeLine(moves: [], other: change, causes: causeKey(of: change).map {
                [Cause(key: $0, text: change.sentence, focusedText: change.sentence, effect: 0)]
            } ?? [], marketName: nil))
        }
        return lines.enumerated().sorted { a, b in
            a.element.lead.precedes(b.element.lead) ? true : b.element.lead.precedes(a.element.lead) ? false : a.offset < b.offset
        }.map(\.element)
    }

    /// The cause key an edit found by ``ChangeFinder`` would be credited under, if it is one.
    static func causeKey(of change: Change) -> String? {
        let scenario = change.subject.flatMap { $0.hasPrefix("scenario:") ? String($0.dropFirst(9)) : nil }
        switch change.kind {
        case .probability: return change.market.map { "probabilities:\($0)" }
        case .assumption: return scenario.map { "assumptions:\($0)" }
        case .scenarioAdded: return scenario.map { "added:\($0)" }
        case .scenarioRemoved: return scenario.map { "dropped:\($0)" }
        case .history: return change.market.map { "history:\($0)" }
        default: return nil
        }
    }
}

import Foundation

/// Several markets' projections in one output (`briefing project --market all`, or no `--market`
/// in a workspace with several): each format holds every market.
extension ProjectionReport {
    /// JSON keyed by market id, each value the single-market document (as the older layout's `figures.json` was).
    public static func json(_ items: [(report: ProjectionReport, selection: ProjectionSelection)]) throws -> String {
        let document = Dictionary(items.map { ($0.report.market.id, $0.report.jsonReport($0.selection)) }, uniquingKeysWith: { a, _ in a })
        return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
    }

    /// One CSV: the shared header (its first column is the market) once, then every market's rows.
    public static func csv(_ items: [(report: ProjectionReport, selection: ProjectionSelection)]) -> String {
        var output = ""
        for (index, item) in items.enumerated() {
            let text = item.report.csv(item.selection)
            output += index == 0 ? text : String(text.drop { $0 != "\n" }.dropFirst())
        }
        return output
    }
}

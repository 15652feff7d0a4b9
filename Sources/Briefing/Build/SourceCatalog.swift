import Workspace

/// Footnote labels for every source a briefing cites, in order of first citation: `s1`, `s2`, …
struct SourceCatalog {
    private(set) var items: [WeeklyContext.SourceItem] = []
    private var labels: [String: String] = [:]

    /// The label for `source`, assigning the next one on first use.
    mutating func label(_ source: Source) -> String {
        let key = source.id.map { "id:" + $0 } ?? "inline:\(source.publisher)|\(source.title)|\(source.url ?? "")"
        if let label = labels[key] { return label }
        let label = "s\(items.count + 1)"
        labels[key] = label
        items.append(WeeklyContext.SourceItem(
            label: label, id: source.id, publisher: source.publisher, title: source.title, date: source.date?.description,
            url: source.url, kind: source.kind.rawValue))
        return label
    }

    mutating func labels(_ sources: [Source]) -> [String] {
        var seen = Set<String>()
        return sources.map { label($0) }.filter { seen.insert($0).inserted }
    }
}

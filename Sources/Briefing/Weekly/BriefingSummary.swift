import Foundation
import MarkdownHTML

/// `summary.json`: what the site's home, archive and feed show of a briefing without parsing it.
public struct BriefingSummary: Codable, Sendable {
    public var schema = "briefing.summary/1"
    public var title: String
    public var period: String
    public var asOf: String
    public var periodStart: String
    public var periodEnd: String
    public var summary: String
    public var takeaways: [String]
    /// The period's one-liner (``WeeklyContext/headline``); absent from summaries written before it.
    public var headline: String?
    public var events: [Event]
    /// The `##` headings of the briefing with their anchors, for a table of contents.
    public var headings: [Heading]

    public struct Event: Codable, Sendable {
        public var date: String
        public var headline: String
        public var importance: String
        public var vendors: [String]
    }

    public struct Heading: Codable, Sendable {
        public var title: String
        public var anchor: String
    }

    enum CodingKeys: String, CodingKey {
        case schema, title, period, asOf = "as_of", periodStart = "period_start", periodEnd = "period_end", summary, takeaways, headline, events, headings
    }

    init(context: WeeklyContext, headings: [MarkdownHTML.Heading]) {
        title = context.briefing.title
        period = context.briefing.period
        asOf = context.briefing.asOf
        periodStart = context.briefing.periodStart
        periodEnd = context.briefing.periodEnd
        summary = context.summary
        takeaways = context.takeaways.map(\.text)
        headline = context.headline.isEmpty ? nil : context.headline
        events = context.events.map { Event(date: $0.date, headline: $0.headline, importance: $0.importance, vendors: $0.vendors.map(\.id)) }
        self.headings = headings.filter { $0.level == 2 }.map { Heading(title: $0.text, anchor: $0.anchor ?? "") }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    static func read(_ url: URL) -> BriefingSummary? {
        guard let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(BriefingSummary.self, from: data)
    }
}

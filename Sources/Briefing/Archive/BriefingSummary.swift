import Foundation
import MarkdownHTML

/// `summary.json`: what the site's home, archive and feed show of a briefing without parsing it.
package struct BriefingSummary: Codable, Sendable {
    package var schema = "briefing.summary/1"
    package var title: String
    package var period: String
    package var asOf: String
    package var periodStart: String
    package var periodEnd: String
    package var summary: String
    package var takeaways: [String]
    /// The period's one-liner (``WeeklyContext/headline``); absent from summaries written before it.
    package var headline: String?
    package var events: [Event]
    /// The `##` headings of the briefing with their anchors, for a table of contents.
    package var headings: [Heading]

    package struct Event: Codable, Sendable {
        package var date: String
        package var headline: String
        package var importance: String
        package var vendors: [String]
    }

    package struct Heading: Codable, Sendable {
        package var title: String
        package var anchor: String
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

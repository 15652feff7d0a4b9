import Crypto
import Foundation
import MarkdownHTML
import Workspace

/// `briefing export PERIOD --email`: the briefing as a message (RFC 5322, MIME) ready to send
/// or attach. The same briefing always gives the same bytes: the date is the as-of date, the
/// boundaries and the Message-ID are hashes of the content.
package struct EmailEdition: Sendable {
    var title: String
    var team: String
    var disclaimer: String
    var baseURL: String?
    var settings: EmailSettings

    package init(config: WorkspaceConfig) {
        title = config.title
        team = config.team
        disclaimer = config.disclaimer
        baseURL = config.baseURL
        settings = config.editions.email ?? EmailSettings()
    }

    /// The message, CRLF line ends throughout.
    package func render(_ folder: BriefingFolder, charts raster: ChartRaster) throws(EditionError) -> Data {
        let period = folder.period
        let markdown = try folder.text("briefing.md")
        let fragment = LayoutPage.renderer.render(markdown).html
        let readOnline = baseURL.map { "\($0)periods/\(period)/briefing.html" }
        let lead = EmailEdition.oneLineLead(folder.summary.summary)

        // Every chart of the folder the briefing shows, in the order it shows them, once.
        var images: [String: EmailImage] = [:]
        var imageParts: [MIMEPart] = []
        for token in EditionHTML.tokens(fragment) {
            guard case .tag("img", false, let attributes, _) = token,
                let src = attributes.first(where: { $0.0 == "src" })?.1.map(EditionHTML.decodeEntities),
                images[src] == nil, folder.hasChart(src)
            else { continue }
            let name = String(src.dropFirst("charts/".count).dropLast(".svg".count))
            let file = "\(EmailEdition.safeName(name)).png"
            let drawn = try raster.png(of: folder.url.appendingPathComponent(src), displayName: "\(folder.displayPath)/\(src)")
            let width = min(drawn.width, EmailHTML.contentWidth)
            let height = Int((Double(drawn.height) * Double(width) / Double(drawn.width)).rounded())
            let contentID = "\(file)@\(period).briefing"
            images[src] = EmailImage(contentID: contentID, width: width, height: height)
            imageParts.append(.binary(type: "image/png", data: drawn.png, contentID: contentID, filename: file))
        }

        let asOf = folder.asOf
        let html = EmailHTML(
            title: "\(title) — \(period)", preheader: lead,
            meta: "\(team) · \(period) · as of \(folder.summary.asOf)", readOnline: readOnline, disclaimer: disclaimer
        ).document(fragment: fragment, images: images)
        let text = EmailPlainText.render(markdown: markdown, readOnline: readOnline, disclaimer: disclaimer)
        let htmlPart: MIMEPart = imageParts.isEmpty
            ? .text(subtype: "html", content: html)
            : .multipart(subtype: "related", parts: [.text(subtype: "html", content: html)] + imageParts, parameters: [("type", "text/html")])
        let body = MIMEPart.multipart(subtype: "alternative", parts: [.text(subtype: "plain", content: text), htmlPart], parameters: []).serialized()

        let domain = EmailEdition.domain(baseURL: baseURL, from: settings.from)
        let from = settings.from ?? "\"\(team.replacingOccurrences(of: "\"", with: "'"))\" <briefing@\(domain)>"
        let subject = settings.subject ?? (lead.isEmpty ? "\(title) — \(period)" : "\(title) — \(period): \(lead)")
        var digest = SHA256()
        digest.update(data: Data(body.utf8))
        let hash = digest.finalize().prefix(10).map { String(format: "%02x", $0) }.joined()

        var head = ""
        head += MIMEEncoding.header("Date", EmailEdition.date(asOf).split(separator: " ").map(String.init))
        head += MIMEEncoding.header("From", MIMEEncoding.addressWords(from))
        if !settings.to.isEmpty { head += MIMEEncoding.header("To", EmailEdition.list(settings.to)) }
        if !settings.cc.isEmpty { head += MIMEEncoding.header("Cc", EmailEdition.list(settings.cc)) }
        if let replyTo = settings.replyTo { head += MIMEEncoding.header("Reply-To", MIMEEncoding.addressWords(replyTo)) }
        head += MIMEEncoding.header("Subject", MIMEEncoding.headerWords(subject))
        head += MIMEEncoding.header("Message-ID", ["<briefing.\(period).\(hash)@\(domain)>"])
        head += "MIME-Version: 1.0\r\n"
        return Data((head + body).utf8)
    }

    /// Hands `message` to `sendmail -t` (which reads the recipients from To and Cc), with the
    /// LF line ends sendmail expects on its input.
    package func send(_ message: Data) throws(EditionError) {
        let (tool, arguments) = try sender()
        let lines = String(decoding: message, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
        try tool.run(arguments + ["-t"], input: Data(lines.utf8), timeout: 120)
    }

    /// The sendmail program and its own arguments, or what `email:` lacks for sending; checked
    /// before the message is made, so that a `--send` that cannot send fails without work.
    @discardableResult
    package func checkSending() throws(EditionError) -> String {
        try sender().tool.url.path
    }

    private func sender() throws(EditionError) -> (tool: ExternalTool, arguments: [String]) {
        guard let program = settings.sendmail else { throw .sendNotConfigured(missing: "'sendmail' (the program to send with, such as /usr/sbin/sendmail)") }
        guard settings.from != nil else { throw .sendNotConfigured(missing: "'from'") }
        guard !settings.to.isEmpty else { throw .sendNotConfigured(missing: "'to'") }
        let words = program.split(separator: " ").map(String.init)
        guard let tool = ExternalTool.locate([words[0]]) else {
            throw .missingTool(name: words[0], debianPackage: "default-mta", purpose: "sending the e-mail")
        }
        return (tool, Array(words.dropFirst()))
    }

    /// The first line of the lead paragraph as plain text: its first sentence when the line is
    /// long, cut at a word (with "…") when even that is.
    static func oneLineLead(_ summary: String) -> String {
        let firstLine = summary.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        var text = EmailPlainText.inline(Substring(firstLine), inTable: false)
        text = text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "__", with: "").replacingOccurrences(of: "`", with: "")
        text = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard text.count > 120 else { return text }
        if let end = text.range(of: ". "), text.distance(from: text.startIndex, to: end.lowerBound) < 120 {
            return String(text[...end.lowerBound])
        }
        var cut = String(text.prefix(117))
        if let space = cut.lastIndex(of: " ") { cut = String(cut[..<space]) }
        return cut + "…"
    }

    /// `Fri, 04 Dec 2026 00:00:00 +0000` for the as-of date (RFC 5322 §3.3).
    static func date(_ day: Day?) -> String {
        guard let day else { return "Thu, 01 Jan 1970 00:00:00 +0000" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let weekday = DateComponents(calendar: calendar, year: day.year, month: day.month, day: day.day).date.map { calendar.component(.weekday, from: $0) } ?? 1
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        return String(format: "%@, %02d %@ %04d 00:00:00 +0000", days[weekday - 1], day.day, months[day.month - 1], day.year)
    }

    /// The host the Message-ID and the default sender are named after: the site's host, else the
    /// sender's domain, else `localhost`.
    static func domain(baseURL: String?, from: String?) -> String {
        if let baseURL, let host = URLComponents(string: baseURL)?.host, !host.isEmpty { return host }
        if let from, let at = from.lastIndex(of: "@") {
            let host = from[from.index(after: at)...].filter { $0 != ">" }
            if !host.isEmpty { return String(host) }
        }
        return "localhost"
    }

    /// Addresses separated by commas, as header words.
    static func list(_ addresses: [String]) -> [String] {
        var words: [String] = []
        for (index, address) in addresses.enumerated() {
            var item = MIMEEncoding.addressWords(address)
            if index < addresses.count - 1, !item.isEmpty { item[item.count - 1] += "," }
            words += item
        }
        return words
    }

    /// A file name for a MIME part: letters, digits, `-`, `_` and `.` only.
    static func safeName(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" })
    }
}

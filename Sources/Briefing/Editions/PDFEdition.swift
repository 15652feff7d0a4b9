import Foundation
import Workspace

/// `briefing export PERIOD --pdf`: the period's HTML printed by headless Chromium.
package struct PDFEdition: Sendable {
    package var title: String
    package var disclaimer: String
    package var paper: EditionSettings.Paper

    package init(config: WorkspaceConfig) {
        title = config.title
        disclaimer = config.disclaimer
        paper = config.editions.paper
    }

    /// The PDF's bytes. The page and its charts are copied into a scratch folder with the
    /// paged-media additions, printed there, and the PDF's dates pinned to the as-of date.
    package func render(_ folder: BriefingFolder, chromium: Chromium) throws(EditionError) -> Data {
        let html = try folder.text("briefing.html")
        let document = PrintDocument(
            title: title, period: folder.period, disclaimer: disclaimer, paper: paper,
            headings: folder.summary.headings.map { ($0.title, $0.anchor) })
        let scratch = try ScratchFolder("pdf")
        defer { scratch.remove() }
        let page = scratch.url.appendingPathComponent("briefing.html")
        do {
            try Data(document.prepare(html).utf8).write(to: page)
            let charts = folder.url.appendingPathComponent("charts")
            if FileManager.default.fileExists(atPath: charts.path) {
                try FileManager.default.copyItem(at: charts, to: scratch.url.appendingPathComponent("charts"))
            }
        } catch {
            throw .badOutput(name: "briefing", reason: "cannot prepare the page for printing: \(error.localizedDescription)")
        }
        let printed = try chromium.printToPDF(page: page, in: scratch.url)
        guard let day = folder.asOf else { return printed }
        return Data(PDFNormalization.normalized(Array(printed), asOf: (day.year, day.month, day.day)))
    }
}

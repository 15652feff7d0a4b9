import Charts
import Foundation
import MarkdownHTML
import Templating
import Workspace

/// Turns `Reports/` and the workspace into the pages of the internal site. Every link is relative
/// (`root` is the way back to the site's top from a page), so the site works under any path and
/// from `file://`; only the feed, the sitemap and the 404 page use the absolute base URL.
struct SiteBuilder {
    let inputs: SiteInputs
    let templatesRoot: URL
    /// How `templatesRoot` appears in diagnostics.
    var templatesDisplay = "Templates"

    /// Common to every page.
    struct SiteInfo: Encodable {
        var title: String
        var team: String
        var disclaimer: String
        var compliance: ComplianceItem
        var baseURL: String
    }

    struct PeriodLink: Encodable {
        var period: String
        var href: String
        var asOf: String
        var firstTakeaway: String
        /// The period's one-liner: its most material change as a sentence (older summaries: the first takeaway).
        var headline: String
    }

    func pages() throws -> [SitePage] {
        let library = TemplateLibrary(
            folder: templatesRoot, displayFolder: templatesDisplay, limits: inputs.workspace.config.limits.template)
        let environment = library.environment()
        let templatesKey = library.fingerprint(prefixes: ["site/", "assets/", MethodologyPage.template])
        // Charts are copied as they are, so they are read only from inside the workspace and only
        // once screened; every refusal is reported, then the build fails.
        var refused = inputs.refused
        let config = inputs.workspace.config
        let site = SiteInfo(
            title: config.title, team: config.team, disclaimer: config.disclaimer, compliance: ComplianceItem(config),
            baseURL: inputs.baseURL)
        let siteKey = Self.keyBytes(site)
        var pages: [SitePage] = []

        /// A page rendered from `Templates/site/<template>` with `model` plus the common variables.
        /// `modelKey`: the model's ``keyBytes(_:)`` when they were made beside the model.
        func page<Model: Encodable>(_ path: String, template: String, title: String, model: Model, modelKey: [UInt8]? = nil, extraKey: String = "") {
            let depth = path.split(separator: "/").count - 1
            let root = String(repeating: "../", count: depth)
            let key = Self.key(Array(templatesKey.utf8), Array(extraKey.utf8), modelKey ?? Self.keyBytes(model), siteKey, Array(path.utf8))
            pages.append(SitePage(path: path, key: key) {
                var variables = try Value.variables(from: model, keys: .snakeCase)
                variables["site"] = try Value(encoding: site, keys: .snakeCase)
                variables["root"] = .string(root)
                variables["page_title"] = .string(title)
                variables["path"] = .string(path)
                return Data(try environment.render(name: "site/\(template)", context: variables).utf8)
            })
        }

        // One style sheet for the site and the standalone briefing pages (which inline it).
        // A style sheet that links outside the workspace is refused with the other copied files.
        var styleSheet = Data()
        do {
            styleSheet = try library.data("assets/site.css")
        } catch {
            // The library refuses only a file that leads outside the template root or cannot be read.
            let message = error.message.contains("symbolic link") ? SiteSourceFiles.outsideMessage : error.message
            refused.append(Diagnostic(.error, message, file: "\(templatesDisplay)/assets/site.css"))
        }
        refused += inputs.refusedCharts
        pages.append(SitePage(path: "assets/site.css", key: WorkspaceFiles.sha256(styleSheet)) {
            styleSheet
        })

        let links = inputs.briefings.reversed().map { briefing in
            PeriodLink(
                period: briefing.period.description, href: "periods/\(briefing.period)/briefing.html", asOf: briefing.summary.asOf,
                firstTakeaway: briefing.summary.takeaways.first ?? briefing.summary.summary,
                headline: briefing.summary.headline ?? briefing.summary.takeaways.first ?? briefing.summary.summary)
        }

        // Home.
        struct Home: Encodable {
            var latest: BriefingSummary?
            var latestHref: String?
            var recent: [PeriodLink]
            var vendors: [NamedLink]
            var scenarios: [NamedLink]
        }
        let vendorLinks = inputs.workspace.vendors.map { NamedLink(id: $0.id, name: $0.name, href: "vendors/\($0.id).html") }
        let scenarioLinks = inputs.workspace.scenarios.map { NamedLink(id: $0.id, name: $0.name, href: "scenarios/\($0.id).html") }
        page("index.html", template: "home.html", title: config.title, model: Home(
            latest: inputs.briefings.last?.summary, latestHref: links.first?.href, recent: Array(links.prefix(8)),
            vendors: vendorLinks, scenarios: scenarioLinks))

        // Archive, grouped by year and quarter, newest first.
        struct ArchiveGroup: Encodable {
            var year: Int
            var quarters: [ArchiveQuarter]
        }
        struct ArchiveQuarter: Encodable {
            var quarter: Int
            var periods: [PeriodLink]
        }
        var groups: [ArchiveGroup] = []
        for (briefing, link) in zip(inputs.briefings.reversed(), links) {
            let day = Day(briefing.summary.periodStart) ?? briefing.period.start
            let quarter = (day.month - 1) / 3 + 1
            if groups.last?.year != day.year { groups.append(ArchiveGroup(year: day.year, quarters: [])) }
            if groups[groups.count - 1].quarters.last?.quarter != quarter {
                groups[groups.count - 1].quarters.append(ArchiveQuarter(quarter: quarter, periods: []))
            }
            let last = groups[groups.count - 1].quarters.count - 1
            groups[groups.count - 1].quarters[last].periods.append(link)
        }
        struct Archive: Encodable { var groups: [ArchiveGroup]; var count: Int }
        page("archive.html", template: "archive.html", title: "Archive — \(config.title)", model: Archive(groups: groups, count: links.count))

        // Period pages, with previous/next navigation and their charts.
        struct PeriodPage: Encodable {
            var summary: BriefingSummary
            var content: String
            var previous: String?
            var next: String?
        }
        for (index, briefing) in inputs.briefings.enumerated() {
            let folder = "periods/\(briefing.period)"
            let previous = index > 0 ? inputs.briefings[index - 1].period.description : nil
            let next = index + 1 < inputs.briefings.count ? inputs.briefings[index + 1].period.description : nil
            let depth = 2
            let model = PeriodPageKey(summary: briefing.summary, content: briefing.contentKey, previous: previous, next: next)
            let key = Self.key(Array(templatesKey.utf8), Self.keyBytes(model), siteKey, Array(folder.utf8))
            pages.append(SitePage(path: "\(folder)/briefing.html", key: key) {
                // The briefing's Markdown rendered as the build stage renders it, links mapped by ``SiteLinks``.
                guard let content = briefing.content() else {
                    throw SiteSourceError([Diagnostic(.error, "missing or unreadable", file: "Reports/\(briefing.period)/briefing.md")])
                }
                let page = PeriodPage(summary: briefing.summary, content: content, previous: previous, next: next)
                var variables = try Value.variables(from: page, keys: .snakeCase)
                variables["content"] = .markup(page.content)
                variables["site"] = try Value(encoding: site, keys: .snakeCase)
                variables["root"] = .string(String(repeating: "../", count: depth))
                variables["page_title"] = .string("\(briefing.summary.title) — \(briefing.period)")
                variables["path"] = .string("\(folder)/briefing.html")
                return Data(try environment.render(name: "site/period.html", context: variables).utf8)
            })
            // Charts were screened when read (``PeriodLoader``) and are copied as they are: the bytes
            // screened then, or (a period taken from the cache) read and screened again.
            for chart in briefing.charts {
                let source = briefing.folder.appendingPathComponent("charts/\(chart.name)")
                let display = "Reports/\(briefing.period)/charts/\(chart.name)"
                let sources = inputs.sources
                let screened = briefing.screened[chart.name]
                pages.append(SitePage(path: "\(folder)/charts/\(chart.name)", key: chart.key) {
                    if let screened { return screened }
                    return try sources.chart(source, display: display).get()
                })
            }
        }

        // Vendor pages: the current narrative and how the view evolved across briefings; scenario pages.
        // Their models (a history chart each, over every period) and the models' key bytes are made
        // on every core; the pages stay in order.
        let vendors = inputs.workspace.vendors
        let scenarios = inputs.workspace.scenarios
        let vendorModels = ConcurrentResults<(VendorPageBuilder.Model, [UInt8])>(count: vendors.count)
        let scenarioModels = ConcurrentResults<(ScenarioPageBuilder.Model, [UInt8])>(count: scenarios.count)
        let inputsCopy = inputs
        DispatchQueue.concurrentPerform(iterations: vendors.count + scenarios.count) { index in
            if index < vendors.count {
                let model = VendorPageBuilder(vendor: vendors[index], inputs: inputsCopy).model()
                vendorModels.set(index, (model, Self.keyBytes(model)))
            } else {
                let model = ScenarioPageBuilder(scenario: scenarios[index - vendors.count], inputs: inputsCopy).model()
                scenarioModels.set(index - vendors.count, (model, Self.keyBytes(model)))
            }
        }
        for (vendor, made) in zip(vendors, vendorModels.values) {
            guard let (model, key) = made else { continue }
            page("vendors/\(vendor.id).html", template: "vendor.html", title: "\(vendor.name) — \(config.title)", model: model, modelKey: key)
        }
        for (scenario, made) in zip(scenarios, scenarioModels.values) {
            guard let (model, key) = made else { continue }
            page("scenarios/\(scenario.id).html", template: "scenario.html", title: "\(scenario.name) — \(config.title)", model: model, modelKey: key)
        }
        // The readers' methodology, with the workspace's current settings; every briefing links it.
        struct Methodology: Encodable { var content: String }
        let methodology = try MethodologyPage.markdown(
            in: environment, variables: ["briefing": try Value(encoding: site, keys: .snakeCase)], workspace: inputs.workspace)
        page(MethodologyPage.fileName, template: "methodology.html", title: "Methodology — \(config.title)",
             model: Methodology(content: LayoutPage.renderer.render(methodology).html))
        struct Empty: Encodable {}
        page("404.html", template: "404.html", title: "Not found — \(config.title)", model: Empty())
        pages.append(SitePage(path: "feed.xml", key: Self.key(siteKey, Self.keyBytes(links))) {
            Data(SiteFeeds.atom(site: site, briefings: inputs.briefings).utf8)
        })
        guard refused.isEmpty else { throw SiteSourceError(refused) }
        let allPaths = pages.map(\.path).filter { $0.hasSuffix(".html") && $0 != "404.html" }.sorted()
        pages.append(SitePage(path: "sitemap.xml", key: WorkspaceFiles.sha256(Data((inputs.baseURL + allPaths.joined()).utf8))) {
            Data(SiteFeeds.sitemap(baseURL: inputs.baseURL, paths: allPaths).utf8)
        })
        return pages
    }

    struct PeriodPageKey: Encodable {
        var summary: BriefingSummary
        var content: String
        var previous: String?
        var next: String?
    }

    /// A value as it goes into a page key: ``CompactEncoder``'s bytes (the same for the same value in
    /// every run, and length-prefixed, so two values never run into each other).
    static func keyBytes<T: Encodable>(_ value: T) -> [UInt8] {
        (try? CompactEncoder.encode(value)) ?? []
    }

    /// SHA-256 of the parts, each length-prefixed.
    static func key(_ parts: [UInt8]...) -> String {
        var bytes: [UInt8] = []
        for part in parts {
            CompactEncoder.writeNumber(UInt64(part.count), into: &bytes)
            bytes += part
        }
        return WorkspaceFiles.sha256(Data(bytes))
    }
}

struct NamedLink: Encodable {
    var id: String
    var name: String
    var href: String
}

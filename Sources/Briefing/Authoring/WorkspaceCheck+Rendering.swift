import Foundation
import MarkdownHTML
import Templating
import Workspace

/// The rendering half of `briefing check`: every template that `weekly`, `report` and `publish` use,
/// rendered in memory against the current period's real context (projections, changes since the
/// previous briefing, the archive in `Reports/`), so an undefined variable, a missing include or a
/// failing filter is reported, located, before the run that would hit it. Nothing is written.
struct RenderCheck {
    let workspace: Workspace
    let root: URL
    let asOf: Day
    let toolVersion: String
    let library: TemplateLibrary

    /// At most this many Monte Carlo paths when check builds the context (the run itself uses the
    /// workspace's `defaults.monte_carlo.paths`).
    static let monteCarloPaths = 500

    func diagnostics() -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: Set<String> = []
        func report(_ error: any Error, template: String, variables: [String: Value]) {
            let diagnostic: Diagnostic
            if let error = error as? TemplateError {
                diagnostic = Diagnostic(
                    TemplateHints.withHint(error, variables: variables), fallbackFile: library.displayFolder + "/" + template)
            } else if let error = error as? ReportError, case .template(let inner) = error {
                diagnostic = Diagnostic(inner, fallbackFile: library.displayFolder + "/" + template)
            } else {
                diagnostic = Diagnostic(.error, "cannot render: \(error)", file: library.displayFolder + "/" + template)
            }
            // The same mistake met by every vendor's page is reported once, at its place.
            let key = diagnostic.line == nil ? diagnostic.description : "\(diagnostic.file):\(diagnostic.line!):\(diagnostic.column ?? 0)"
            if seen.insert(key).inserted { found.append(diagnostic) }
        }

        let reports = ReportsFolder(workspaceRoot: root)
        // The context has the same shape with fewer Monte Carlo paths; only the bands' values are
        // rougher, and check stays fast enough to run before every commit.
        var sampled = workspace
        sampled.config.defaults.monteCarloPaths = min(workspace.config.defaults.monteCarloPaths, Self.monteCarloPaths)
        let builder = WeeklyBuilder(workspace: sampled, root: root, asOf: asOf, toolVersion: toolVersion)
        let period = Period(containing: asOf, cadence: workspace.config.cadence)
        let prepared = builder.context(previous: reports.previous(before: period))
        let environment = library.environment()

        // `briefing weekly`: the briefing, its page and the methodology beside it.
        var briefing: [String: Value] = [:]
        var markdown = ""
        do {
            briefing = try Value.variables(from: prepared.context, keys: .snakeCase)
        } catch {
            return [Diagnostic(.error, "cannot build the template context: \(error)", file: library.displayFolder)]
        }
        do {
            markdown = try environment.render(name: "weekly.md", context: briefing)
            let page = LayoutPage.variables(briefing, markdown: markdown, title: "\(workspace.config.title) — \(period)")
            do {
                _ = try environment.render(name: "layout.html", context: page)
            } catch {
                report(error, template: "layout.html", variables: page)
            }
        } catch {
            report(error, template: "weekly.md", variables: briefing)
        }
        do {
            _ = try MethodologyPage.files(in: environment, variables: briefing, workspace: workspace)
        } catch {
            report(error, template: MethodologyPage.template, variables: (try? MethodologyPage.variables(briefing, workspace: workspace)) ?? briefing)
        }

        // `briefing report`: every vendor's and every scenario's page, as a standalone report links them.
        var reportContext = prepared.context
        ReportRenderer.linkToSite(&reportContext)
        let subjects = workspace.vendors.map { ReportSubject.vendor($0.id) } + workspace.scenarios.map { ReportSubject.scenario($0.id) }
        if let base = try? ReportRenderer.variables(for: .briefing, context: reportContext, workspace: workspace).variables {
            for subject in subjects {
                guard let template = subject.defaultTemplate else { continue }
                var variables = base
                do {
                    let title = try ReportRenderer.add(subject, to: &variables, context: reportContext)
                    let text = try environment.render(name: template, context: variables)
                    if case .vendor = subject, subject == subjects.first {
                        _ = try environment.render(
                            name: "layout.html", context: LayoutPage.variables(variables, markdown: text, title: title))
                    }
                } catch {
                    report(error, template: template, variables: variables)
                }
            }
        }

        // `briefing publish`: the site, with this period's briefing as it would be written.
        do {
            for (page, render) in try sitePages(current: prepared, markdown: markdown) {
                do {
                    _ = try render()
                } catch {
                    report(error, template: page, variables: [:])
                }
            }
        } catch {
            report(error, template: "site", variables: [:])
        }
        return found
    }

    /// The site's pages that come from templates, with this period's briefing in the archive in
    /// place of a finished one; only the latest briefing's page, since every period page comes from
    /// the same template.
    private func sitePages(current: WeeklyContextBuild, markdown: String) throws -> [(String, () throws -> Data)] {
        var inputs = SiteInputs.load(workspace: workspace, root: root, baseURL: workspace.config.baseURL ?? "https://example.invalid/")
        if !markdown.isEmpty {
            let headings = LayoutPage.renderer.render(markdown).headings
            let site = PeriodSiteFile(snapshot: current.snapshot)
            inputs.briefings.removeAll { $0.period == current.period }
            inputs.briefings.append(SiteInputs.Briefing(
                period: current.period, folder: root.appendingPathComponent("Reports/.check-\(current.period)"),
                summary: BriefingSummary(context: current.context, headings: headings), markets: site.markets,
                contentKey: WorkspaceFiles.sha256(Data(markdown.utf8)), charts: [], content: { SiteLinks.periodPageHTML(markdown: markdown) }))
            inputs.briefings.sort { $0.period < $1.period }
        }
        let pages = try SiteBuilder(inputs: inputs, templatesRoot: library.folder, templatesDisplay: library.displayFolder).pages()
        let latest = pages.last { $0.path.hasPrefix("periods/") && $0.path.hasSuffix("/briefing.html") }?.path
        return pages.filter { page in
            page.path.hasSuffix(".html") && (!page.path.hasPrefix("periods/") || page.path == latest)
        }.map { page in (page.path, page.render) }
    }
}

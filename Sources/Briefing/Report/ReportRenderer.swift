import FileIO
import Foundation
import MarkdownHTML
import Templating
import Workspace

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What `briefing report` renders besides the weekly context.
package enum ReportSubject: Sendable, Equatable {
    /// One vendor: `vendor` is its item of `vendors`; `Templates/vendor.md` by default.
    case vendor(String)
    /// One scenario: `scenario` is its item of `market.scenarios` and `market` its market;
    /// `Templates/scenario.md` by default.
    case scenario(String)
    /// The weekly context alone; a template must be named.
    case briefing

    /// The template rendered when none is named.
    package var defaultTemplate: String? {
        switch self {
        case .vendor: "vendor.md"
        case .scenario: "scenario.md"
        case .briefing: nil
        }
    }
}

package enum ReportFormat: String, Sendable, CaseIterable {
    /// The template's output as it is.
    case markdown
    /// The output read as Markdown, rendered to HTML and placed in `Templates/layout.html`.
    case html
}

/// Why a report was not rendered or written.
package enum ReportError: Error, CustomStringConvertible, ProblemReporting {
    /// The workspace has errors; the diagnostics say where.
    case invalidWorkspace([Diagnostic])
    /// No vendor or scenario has this id.
    case unknown(UnknownID)
    /// The subject has no template of its own and none was named.
    case noTemplate
    /// A template failed to load or render.
    case template(TemplateError)
    case context(String)
    case cannotWrite(path: String, reason: String)

    package var problems: [Problem] {
        switch self {
        case .invalidWorkspace(let diagnostics):
            let errors = diagnostics.filter { $0.severity == .error }.count
            return diagnostics.map(Problem.init) + [Problem(.data, "the workspace has \(errors) error(s)", hint: .runCheck)]
        case .unknown(let unknown):
            return unknown.problems
        case .noTemplate:
            return [Problem(.data, "no template to render", hint: .nameTemplate)]
        case .template(let error):
            return [Problem(error)]
        case .context(let message):
            return [Problem(.data, message)]
        case .cannotWrite(let path, let reason):
            return [Problem(.environment, "cannot write '\(path)': \(reason)")]
        }
    }

    package var description: String { problems.map(\.description).joined(separator: "\n") }
}

/// Renders any template with the period's weekly context (``WeeklyBuilder/context(previous:)``), for one
/// vendor, one scenario or the whole briefing, to Markdown or to a complete page through
/// `Templates/layout.html`. Nothing is written here (see ``write(_:toPath:)``).
package struct ReportRenderer {
    package let workspace: Workspace
    package let root: URL
    package let asOf: Day
    package let toolVersion: String
    /// How the template folder appears in diagnostics (`Templates/vendor.md:3:1`).
    package var templatesDisplayPath = "Templates"

    package init(workspace: Workspace, root: URL, asOf: Day, toolVersion: String) {
        self.workspace = workspace
        self.root = root
        self.asOf = asOf
        self.toolVersion = toolVersion
    }

    /// The period the as-of date falls in; its previous briefing is what changes are measured against.
    package var period: Period { Period(containing: asOf, cadence: workspace.config.cadence) }

    /// Checks the subject's id against the workspace before anything is projected.
    package func check(_ subject: ReportSubject) throws(ReportError) {
        switch subject {
        case .vendor(let id):
            let ids = workspace.vendors.map(\.id)
            if !ids.contains(id) { throw .unknown(UnknownID(.vendor, id, known: ids.sorted())) }
        case .scenario(let id):
            let ids = workspace.scenarios.map(\.id)
            if !ids.contains(id) { throw .unknown(UnknownID(.scenario, id, known: ids.sorted())) }
        case .briefing:
            break
        }
    }

    /// Renders `template` (default: the subject's own) with the weekly context plus the subject's
    /// variables; `previous` is the briefing the changes are measured against.
    package func render(
        _ subject: ReportSubject, template: String? = nil, format: ReportFormat,
        previous: (period: Period, snapshot: Snapshot)?
    ) throws(ReportError) -> String {
        try check(subject)
        guard let name = template ?? subject.defaultTemplate else { throw .noTemplate }
        var context = WeeklyBuilder(workspace: workspace, root: root, asOf: asOf, toolVersion: toolVersion)
            .context(previous: previous).context
        Self.linkToSite(&context)

        var (variables, title) = try Self.variables(for: subject, context: context, workspace: workspace)
        let environment = TemplateLibrary(
            workspaceRoot: root, displayFolder: templatesDisplayPath, limits: workspace.config.limits.template
        ).environment()
        let markdown = try Self.render(name, variables, in: environment)
        guard format == .html else { return markdown }

        // The same page the weekly run makes: the HTML fragment in the layout, with a contents list.
        variables = LayoutPage.variables(variables, markdown: markdown, title: "\(workspace.config.title) — \(title)")
        return try Self.render("layout.html", variables, in: environment)
    }

    /// The template variables for `subject`: the weekly context, the methodology `settings`, and the
    /// subject's own (`vendor`, or `scenario` and `market`); with the page title for the HTML layout.
    static func variables(
        for subject: ReportSubject, context: WeeklyContext, workspace: Workspace
    ) throws(ReportError) -> (variables: [String: Value], title: String) {
        var variables: [String: Value]
        do {
            variables = try MethodologyPage.variables(try Value.variables(from: context, keys: .snakeCase), workspace: workspace)
        } catch {
            throw .context("cannot build the template context: \(error)")
        }
        let title = try add(subject, to: &variables, context: context)
        return (variables, title)
    }

    /// Adds the subject's own variables to the context's; returns the page title.
    static func add(_ subject: ReportSubject, to variables: inout [String: Value], context: WeeklyContext) throws(ReportError) -> String {
        do {
            switch subject {
            case .vendor(let id):
                guard let vendor = context.vendors.first(where: { $0.id == id }) else {
                    throw ReportError.unknown(UnknownID(.vendor, id, known: context.vendors.map(\.id).sorted()))
                }
                variables["vendor"] = try Value(encoding: vendor, keys: .snakeCase)
                return vendor.name
            case .scenario(let id):
                guard let market = context.markets.first(where: { $0.scenarios.contains { $0.id == id } }),
                    let scenario = market.scenarios.first(where: { $0.id == id })
                else { throw ReportError.context("scenario '\(id)' has no projection (is its market in Data/markets/?)") }
                variables["scenario"] = try Value(encoding: scenario, keys: .snakeCase)
                variables["market"] = try Value(encoding: market, keys: .snakeCase)
                return "\(scenario.name) scenario"
            case .briefing:
                return context.briefing.period
            }
        } catch let error as ReportError {
            throw error
        } catch {
            throw .context("cannot build the template context: \(error)")
        }
    }

    /// A report is read anywhere (standard output, `--out FILE`), so its links to the methodology and
    /// the previous briefing are the site's absolute addresses (`base_url`); without a `base_url` they
    /// stay as in `Reports/<period>/`.
    static func linkToSite(_ context: inout WeeklyContext) {
        guard var base = context.briefing.baseURL, !base.isEmpty else { return }
        if !base.hasSuffix("/") { base += "/" }
        context.briefing.methodologyURL = base + MethodologyPage.fileName
        if let previous = context.briefing.previousPeriod {
            context.briefing.previousLink = base + "periods/\(previous)/briefing.html"
        }
        if let previous = context.changes.previousPeriod {
            context.changes.previousLink = base + "periods/\(previous)/briefing.html"
        }
    }

    private static func render(_ name: String, _ variables: [String: Value], in environment: Environment) throws(ReportError) -> String {
        do {
            return try environment.render(name: name, context: variables)
        } catch let error as TemplateError {
            throw .template(TemplateHints.withHint(error, variables: variables))
        } catch {
            throw .context("cannot render '\(name)': \(error)")
        }
    }

    /// The template name for `path` as typed: a path to a file under `templates` (`Templates/vendor.md`
    /// from the workspace, `vendor.md` from inside `Templates/`, or absolute) becomes its name under that
    /// folder; anything else is taken as a name, which the loader checks.
    package static func templateName(for path: String, templates: URL, currentDirectory: URL) -> String {
        let root = templates.standardizedFileURL.path
        let file = (path.hasPrefix("/") ? URL(fileURLWithPath: path) : currentDirectory.appendingPathComponent(path)).standardizedFileURL.path
        let prefix = root.hasSuffix("/") ? root : root + "/"
        return file.hasPrefix(prefix) ? String(file.dropFirst(prefix.count)) : path
    }

    // MARK: - Writing

    /// Writes `text` to `path` the way every output is written: into a hidden temporary sibling that is
    /// renamed over `path` once complete, so readers see the old file or the new one, never part of
    /// one. A directory at `path` is refused; a failure removes the temporary file.
    package static func write(_ text: String, toPath path: String) throws(ReportError) {
        func failure(_ reason: String) -> ReportError { .cannotWrite(path: path, reason: reason) }
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR { throw failure("it is a directory") }
        if path.hasSuffix("/") { throw failure("it names a directory") }
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())").path
        let error = FileIO.replace(text, at: path, through: temporary)
        if error != 0 { throw failure(FileIO.message(error)) }
    }
}

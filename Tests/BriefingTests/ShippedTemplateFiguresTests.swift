import Foundation
import Templating
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// Every shipped template that prints a change, rendered for week 2 of the weekly fixture (where
/// shares and probabilities moved) and compared with a golden recorded before the context's changes
/// became fractions: the pages readers get — each vendor's and each scenario's report and the
/// methodology — show the same figures as before, only the way the templates compute them changed.
/// (`weekly.md` and its partials are covered by `2026-W49.briefing.md`.)
@Test func shippedTemplatesPrintTheSameFigures() throws {
    let root = try WeeklyFixture.copy()
    defer { try? FileManager.default.removeItem(at: root) }
    try WeeklyFixture.build(root, asOf: WeeklyFixture.week1)
    try WeeklyFixture.applyEdits(to: root)

    let result = WorkspaceLoader(root: root).load(asOf: WeeklyFixture.week2)
    let workspace = try #require(result.workspace)
    let period = Period(containing: result.asOf, cadence: workspace.config.cadence)
    let builder = WeeklyBuilder(workspace: workspace, root: root, asOf: result.asOf, toolVersion: "0.0.0-test")
    let context = builder.context(previous: ReportsFolder(workspaceRoot: root).previous(before: period)).context
    let environment = TemplateLibrary(workspaceRoot: root).environment()

    var pages = ""
    let base = try Value.variables(from: context, keys: .snakeCase)
    pages += "=== methodology.md ===\n" + (try MethodologyPage.markdown(in: environment, variables: base, workspace: workspace))
    let subjects = workspace.vendors.map { ReportSubject.vendor($0.id) } + workspace.scenarios.map { ReportSubject.scenario($0.id) }
    for subject in subjects {
        let template = try #require(subject.defaultTemplate)
        let variables = try ReportRenderer.variables(for: subject, context: context, workspace: workspace).variables
        pages += "\n=== \(template) \(subject) ===\n" + (try environment.render(name: template, context: variables))
    }
    try WeeklyFixture.expectGolden(pages, "2026-W49.report-pages.md")
}

import Foundation
import TestSupport
import Testing
import Workspace
@testable import Briefing

/// The frozen weekly workspace (`Fixtures/weekly-workspace/`: a copy of the bundled `briefing.yaml`
/// and `Data/` without `Data/samples/`) with the repository's own `Templates/`, the week-2 edits
/// (`Fixtures/weekly-edits/`, files copied over the workspace between the two runs) and the goldens
/// (`Fixtures/weekly-golden/`).
///
/// The data is frozen so that analysts' edits to the real `Data/` do not break the goldens; the
/// templates are the shipped ones, so a template change shows up as a golden diff to review and
/// re-record with `RECORD_GOLDEN=1`.
enum WeeklyFixture {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let workspace = fixtures.appendingPathComponent("weekly-workspace")
    static let edits = fixtures.appendingPathComponent("weekly-edits")
    static let golden = fixtures.appendingPathComponent("weekly-golden")

    /// Week 1 and week 2 of the goldens.
    static let week1 = Day("2026-11-27")!
    static let week2 = Day("2026-12-04")!

    /// `RECORD_GOLDEN=1` rewrites the goldens from the real output instead of comparing.
    static var recording: Bool { ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" }

    /// The fixture workspace with the shipped `Templates/`.
    static let overlay = FixtureOverlay(base: workspace).adding(Repository.url("Templates"), at: "Templates")

    /// A fresh copy of the fixture workspace, with the shipped `Templates/`, in a temporary folder.
    static func copy() throws -> URL {
        try overlay.materialize(prefix: "weekly").url
    }

    /// Copies every file under `Fixtures/weekly-edits/` over the workspace at `root`.
    static func applyEdits(to root: URL) throws {
        try FixtureOverlay.apply(edits, to: root)
    }

    /// Builds the period containing `asOf` the way `briefing weekly` does (load, compare with the
    /// latest earlier period in `Reports/`, build) and, when `write` is set, writes it to `Reports/`.
    @discardableResult
    static func build(_ root: URL, asOf: Day, write: Bool = true) throws -> WeeklyBuild {
        let result = WorkspaceLoader(root: root).load(asOf: asOf)
        let errors = result.diagnostics.filter { $0.severity == .error }
        guard let workspace = result.workspace, errors.isEmpty else {
            throw Failure("the fixture workspace does not load:\n" + result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        let period = Period(containing: result.asOf, cadence: workspace.config.cadence)
        let reports = ReportsFolder(workspaceRoot: root)
        let builder = WeeklyBuilder(workspace: workspace, root: root, asOf: result.asOf, toolVersion: "0.0.0-test")
        let build: WeeklyBuild
        do {
            build = try builder.build(previous: reports.previous(before: period))
        } catch let error as WeeklyError {
            // The located diagnostic, as the CLI would print it.
            throw Failure("building \(period) failed:\n\(error.description)")
        }
        if write { try reports.write(build.files, as: period) }
        return build
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}

// MARK: - Goldens

extension WeeklyFixture {
    /// Compares `actual` with `Fixtures/weekly-golden/<name>`, or records it under `RECORD_GOLDEN=1`.
    /// On a mismatch the actual text is written next to the temporary folder for `diff`.
    static func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = golden.appendingPathComponent(name)
        if recording {
            try FileManager.default.createDirectory(at: golden, withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            return
        }
        guard let data = FileManager.default.contents(atPath: url.path), let expected = String(data: data, encoding: .utf8) else {
            Issue.record("missing golden \(name); record it with RECORD_GOLDEN=1 swift test --filter Weekly, then read it", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let saved = FileManager.default.temporaryDirectory.appendingPathComponent("actual-\(name)")
        try? Data(actual.utf8).write(to: saved)
        let a = actual.components(separatedBy: "\n")
        let e = expected.components(separatedBy: "\n")
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        Issue.record(
            """
            \(name) differs from the golden at line \(line + 1) (actual saved to \(saved.path); diff it against Tests/BriefingTests/Fixtures/weekly-golden/\(name), re-record with RECORD_GOLDEN=1 if the change is intended):
              expected: \(line < e.count ? e[line] : "<end of file>")
              actual:   \(line < a.count ? a[line] : "<end of file>")
            """, sourceLocation: sourceLocation)
    }

    /// The shape of a period folder: its files, each chart's `<title>`, and the key paths of `snapshot.json`, `manifest.json`, `summary.json` and `figures.json`
    /// (arrays as `[]`).
    static func structure(of files: [String: Data]) throws -> String {
        var out = "# files\n"
        out += files.keys.sorted().joined(separator: "\n") + "\n"
        out += "\n# charts (<title> of each SVG)\n"
        for path in files.keys.sorted() where path.hasPrefix("charts/") {
            let svg = String(decoding: files[path]!, as: UTF8.self)
            out += "\(path): \(firstTitle(svg) ?? "<no title>")\n"
        }
        out += "\n# snapshot.json keys\n"
        out += keyPaths(try json(files["snapshot.json"])).joined(separator: "\n")
        out += "\n\n# manifest.json keys\n"
        out += keyPaths(try json(files["manifest.json"]), maxDepth: 1).joined(separator: "\n")
        if files["summary.json"] != nil {
            out += "\n\n# summary.json keys\n"
            out += keyPaths(try json(files["summary.json"])).joined(separator: "\n")
        }
        out += "\n\n# figures.json keys (to depth 3)\n"
        out += keyPaths(try json(files["figures.json"]), maxDepth: 3).joined(separator: "\n")
        return out + "\n"
    }

    static func json(_ data: Data?) throws -> Any {
        try JSONSerialization.jsonObject(with: try #require(data))
    }

    /// Sorted, de-duplicated key paths; array elements are merged under `[]`.
    static func keyPaths(_ value: Any, prefix: String = "", maxDepth: Int = .max) -> [String] {
        var paths = Set<String>()
        func walk(_ value: Any, _ path: String, _ depth: Int) {
            if let object = value as? [String: Any] {
                if depth >= maxDepth { paths.insert(path.isEmpty ? "{}" : path + ".{…}"); return }
                if object.isEmpty { paths.insert(path + ".{}") }
                for (key, child) in object { walk(child, path.isEmpty ? key : path + "." + key, depth + 1) }
            } else if let array = value as? [Any] {
                if array.isEmpty { paths.insert(path + "[]") }
                for child in array { walk(child, path + "[]", depth) }
            } else {
                paths.insert(path)
            }
        }
        walk(value, prefix, 0)
        return paths.sorted()
    }

    static func firstTitle(_ svg: String) -> String? {
        // The chart's own title is the first `<title` (with its id); marks may carry their own.
        guard let open = svg.range(of: "<title"), let end = svg.range(of: ">", range: open.upperBound..<svg.endIndex),
            let close = svg.range(of: "</title>", range: end.upperBound..<svg.endIndex)
        else { return nil }
        return String(svg[end.upperBound..<close.lowerBound])
    }

    /// The lines of the `## What changed since …` section of a briefing (heading excluded).
    static func changesSection(_ markdown: String) -> [String] {
        let lines = markdown.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("## What changed since") }) else { return [] }
        let rest = lines[(start + 1)...]
        let end = rest.firstIndex(where: { $0.hasPrefix("## ") }) ?? rest.endIndex
        return rest[..<end].filter { !$0.isEmpty }
    }
}

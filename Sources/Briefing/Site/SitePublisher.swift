import Foundation
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `briefing publish`: builds the site into a temporary sibling of the destination, reusing every
/// page whose inputs did not change, and swaps it in atomically; then records the published periods.
///
/// The destination is checked first (``SiteDestination``). When the periods are recorded, the
/// record and the swap follow one order: the new periods are written to `Reports/published.json`
/// as pending, the site is swapped in, the pending periods are confirmed. Each failure says which of
/// those steps happened, and a run killed between any two leaves every period on the site protected.
package struct SitePublisher {
    package struct Result: Sendable {
        package var rendered: Int
        package var reused: Int
        package var kept: Int
        package var newlyPublished: [String]
        /// Whether the periods were recorded in `Reports/published.json` at all.
        package var recorded: Bool
        /// Periods left out because their files in `Reports/` could not be read.
        package var unreadable: [UnreadablePeriod]
    }

    /// Whether a publish records its periods as published.
    package enum Recording: Sendable {
        /// Only when the destination is the workspace's site (`Site/` or `site: {dir:}`).
        case whenConfiguredSite
        case always
        case never
    }

    /// What a publish would do, without doing it (`--dry-run`).
    package struct Plan: Sendable {
        /// The destination with symlinks and `..` resolved.
        package var destination: URL
        package var build: [String]
        package var reuse: [String]
        /// Files in the destination that the site no longer produces: removed with `--clean`…
        package var remove: [String]
        /// …else kept.
        package var keep: [String]
        /// Periods that would be recorded as published (empty when not recording).
        package var record: [String]
        package var recorded: Bool
        package var unreadable: [UnreadablePeriod]
    }

    /// A failure once the record or the site has been touched; each message says what state was left.
    package enum Failure: Error, Sendable, CustomStringConvertible {
        /// Nothing changed: the old site and the old record are in place.
        case leftAsItWas(String)
        /// The swap failed and the pending periods could not be taken back out of the record.
        case leftWithPendingRecord(String)
        /// The new site is in place; its periods are recorded as pending, not yet confirmed.
        case notConfirmed(String)

        package var description: String {
            switch self {
            case .leftAsItWas(let reason):
                "\(reason); the site and Reports/published.json were left as they were"
            case .leftWithPendingRecord(let reason):
                "\(reason); the site was left as it was, but Reports/published.json keeps the periods of this publish as pending (protected as published) until the next publish"
            case .notConfirmed(let reason):
                "the new site is in place, but confirming it in Reports/published.json failed: \(reason); its periods are recorded there as pending, which protects them as published, and the next publish confirms them"
            }
        }
    }

    package let workspace: Workspace
    package let root: URL
    /// The search index step (``SiteSearch``); `briefing publish` requires it.
    package var search: SiteSearch = .off

    package init(workspace: Workspace, root: URL) {
        self.workspace = workspace
        self.root = root
    }

    static let manifestName = ".site-manifest.json"

    /// The workspace's site folder, from `site: {dir:}` in `briefing.yaml` (default `Site/`).
    package var configuredSite: URL {
        let dir = workspace.config.siteDirectory
        return dir.hasPrefix("/") ? URL(fileURLWithPath: dir) : root.appendingPathComponent(dir)
    }

    private struct Prepared {
        var destination: URL
        var inputs: SiteInputs
        var pages: [SitePage]
        var previous: [String: String]
        var recording: Bool
        var record: PublishRecord
        /// Periods on the new site that the record does not list as published yet.
        var newPeriods: [String]
    }

    private func prepare(to destination: URL, baseURL: String, recording: Recording) throws -> Prepared {
        let target = try SiteDestination.check(destination, workspaceRoot: root)
        let recorded: Bool = switch recording {
        case .always: true
        case .never: false
        case .whenConfiguredSite: target.path == SiteDestination.resolve(configuredSite).path
        }
        let reports = ReportsFolder(workspaceRoot: root)
        let record = recorded ? try reports.record() : PublishRecord()
        let inputs = SiteInputs.load(workspace: workspace, root: root, baseURL: baseURL)
        let pages = try SiteBuilder(inputs: inputs, templatesRoot: root.appendingPathComponent("Templates")).pages()
        let newPeriods = recorded ? inputs.briefings.map(\.period.description).filter { record.periods[$0] == nil } : []
        return Prepared(
            destination: target, inputs: inputs, pages: pages, previous: readManifest(target), recording: recorded,
            record: record, newPeriods: newPeriods)
    }

    /// What `publish` would build, reuse, remove or keep, and record; writes nothing.
    package func plan(to destination: URL, baseURL: String, clean: Bool, recording: Recording = .whenConfiguredSite) throws -> Plan {
        let prepared = try prepare(to: destination, baseURL: baseURL, recording: recording)
        var plan = Plan(
            destination: prepared.destination, build: [], reuse: [], remove: [], keep: [], record: prepared.newPeriods,
            recorded: prepared.recording, unreadable: prepared.inputs.unreadable)
        for page in prepared.pages {
            let old = prepared.destination.appendingPathComponent(page.path)
            if prepared.previous[page.path] == page.key, FileManager.default.fileExists(atPath: old.path) {
                plan.reuse.append(page.path)
            } else {
                plan.build.append(page.path)
            }
        }
        let others = otherFiles(in: prepared.destination, except: Set(prepared.pages.map(\.path)))
        if clean { plan.remove = others } else { plan.keep = others }
        return plan
    }

    /// `recording: .never` builds the site without recording its periods in `Reports/published.json`
    /// (the preview of `briefing serve`).
    package func publish(to destination: URL, baseURL: String, clean: Bool, today: Day, recording: Recording = .whenConfiguredSite) throws -> Result {
        let prepared = try prepare(to: destination, baseURL: baseURL, recording: recording)
        let destination = prepared.destination
        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        StaleTemporaries.removeDead(in: parent) { $0 == destination.lastPathComponent }
        let temporary = parent.appendingPathComponent(StaleTemporaries.name(for: destination.lastPathComponent))
        try? FileManager.default.removeItem(at: temporary)
        var result = Result(
            rendered: 0, reused: 0, kept: 0, newlyPublished: [], recorded: prepared.recording, unreadable: prepared.inputs.unreadable)
        do {
            try build(prepared, into: temporary, clean: clean, result: &result)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        TestPause.at("built")
        guard prepared.recording else {
            do {
                try AtomicSwap.place(temporary, at: destination)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            return result
        }
        try swapAndRecord(prepared, from: temporary, today: today)
        result.newlyPublished = prepared.newPeriods
        return result
    }

    /// The ordered protocol: record pending, swap, confirm.
    private func swapAndRecord(_ prepared: Prepared, from temporary: URL, today: Day) throws {
        let reports = ReportsFolder(workspaceRoot: root)
        var pending = prepared.record
        for period in prepared.newPeriods where pending.pending[period] == nil { pending.pending[period] = today.description }
        if pending != prepared.record {
            do {
                try reports.writeRecord(pending)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw Failure.leftAsItWas("cannot record the periods as pending: \(error)")
            }
        }
        TestPause.at("pending")
        do {
            try AtomicSwap.place(temporary, at: prepared.destination)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            guard pending != prepared.record else { throw Failure.leftAsItWas("\(error)") }
            do {
                try reports.writeRecord(prepared.record)
            } catch {
                throw Failure.leftWithPendingRecord("\(error)")
            }
            throw Failure.leftAsItWas("\(error)")
        }
        TestPause.at("swapped")
        let confirmed = pending.confirmed()
        guard confirmed != prepared.record else { return }
        do {
            try reports.writeRecord(confirmed)
        } catch {
            throw Failure.notConfirmed("\(error)")
        }
        TestPause.at("confirmed")
    }

    /// Every page, the manifest and the marker, into `temporary`.
    private func build(_ prepared: Prepared, into temporary: URL, clean: Bool, result: inout Result) throws {
        let destination = prepared.destination
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var manifest: [String: String] = [:]
        var folders: Set<String> = []
        for page in prepared.pages {
            let target = temporary.appendingPathComponent(page.path)
            let folder = target.deletingLastPathComponent()
            if folders.insert(folder.path).inserted {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            }
            let old = destination.appendingPathComponent(page.path)
            if prepared.previous[page.path] == page.key, FileManager.default.fileExists(atPath: old.path),
                (try? FileManager.default.linkItem(at: old, to: target)) != nil
            {
                result.reused += 1
            } else {
                // No fsync per file: the site only becomes visible through the final rename.
                try AtomicSwap.writeStagedFile(try page.render(), to: target, named: page.path)
                result.rendered += 1
            }
            manifest[page.path] = page.key
        }
        if !clean { result.kept = try carryOver(from: destination, to: temporary, except: Set(prepared.pages.map(\.path))) }
        try search.index(site: temporary)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        try encoder.encode(manifest).write(to: temporary.appendingPathComponent(Self.manifestName))
        try Data(SiteDestination.markerText.utf8).write(to: temporary.appendingPathComponent(SiteDestination.markerName))
        try SiteLinkCheck(baseURL: prepared.inputs.baseURL).check(
            site: temporary, pages: prepared.pages.map(\.path), leftOut: prepared.inputs.unreadable.map { "periods/\($0.period)/" })
    }

    private func readManifest(_ destination: URL) -> [String: String] {
        guard let data = try? Data(contentsOf: destination.appendingPathComponent(Self.manifestName)),
            let manifest = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return manifest
    }

    /// Files in `destination` (relative paths, sorted) that this build does not produce: left there
    /// by hand, or pages that no longer exist.
    private func otherFiles(in destination: URL, except produced: Set<String>) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: destination.path) else { return [] }
        var others: [String] = []
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: destination.appendingPathComponent(path).path, isDirectory: &isDirectory),
                !isDirectory.boolValue, !produced.contains(path), path != Self.manifestName, path != SiteDestination.markerName,
                !SiteSearch.owns(path)
            else { continue }
            others.append(path)
        }
        return others.sorted()
    }

    /// The other files stay unless `--clean`.
    private func carryOver(from destination: URL, to temporary: URL, except produced: Set<String>) throws -> Int {
        let others = otherFiles(in: destination, except: produced)
        for path in others {
            let source = destination.appendingPathComponent(path)
            let target = temporary.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? FileManager.default.linkItem(at: source, to: target)) == nil {
                try FileManager.default.copyItem(at: source, to: target)
            }
        }
        return others.count
    }
}

import Foundation
import Workspace

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `briefing publish`: builds the site as a new version beside the current one (``SiteVersions``),
/// rendering only the pages whose inputs changed (on every core) and taking the others from the
/// current version (the version before it, brought up to date in place, or hard links), then points
/// the destination at it in one `rename`; then records the published periods and removes versions
/// older than the previous one.
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

    static var manifestName: String { SiteManifest.name }

    /// The workspace's site folder, from `site: {dir:}` in `briefing.yaml` (default `Site/`).
    package var configuredSite: URL {
        let dir = workspace.config.siteDirectory
        return dir.hasPrefix("/") ? URL(fileURLWithPath: dir) : root.appendingPathComponent(dir)
    }

    private struct Prepared {
        /// Where readers find the site: the pointer (a symlink once published this way).
        var destination: URL
        /// The folder the destination shows now (its current version, or a folder published
        /// before versions); `nil` when there is none.
        var current: URL?
        var manifest: SiteManifest
        var inputs: SiteInputs
        var pages: [SitePage]
        var recording: Bool
        var record: PublishRecord
        /// Periods on the new site that the record does not list as published yet.
        var newPeriods: [String]

        /// Whether the current site has `page` with the same key, so it can be reused.
        func reusable(_ page: SitePage) -> URL? {
            guard let current, manifest.pages[page.path] == page.key else { return nil }
            let old = current.appendingPathComponent(page.path)
            return FileManager.default.fileExists(atPath: old.path) ? old : nil
        }
    }

    private func prepare(to destination: URL, baseURL: String, recording: Recording) throws -> Prepared {
        let target = try SiteDestination.check(destination, workspaceRoot: root)
        let recorded: Bool = switch recording {
        case .always: true
        case .never: false
        case .whenConfiguredSite: target.path == Self.pointerPath(configuredSite)
        }
        let reports = ReportsFolder(workspaceRoot: root)
        let record = recorded ? try reports.record() : PublishRecord()
        var isFolder: ObjCBool = false
        let served = SiteDestination.resolve(target)
        let current = FileManager.default.fileExists(atPath: served.path, isDirectory: &isFolder) && isFolder.boolValue ? served : nil
        let manifest = SiteManifest.read(in: current)
        let inputs = SiteInputs.load(workspace: workspace, root: root, baseURL: baseURL, cache: manifest.periods)
        let pages = try SiteBuilder(inputs: inputs, templatesRoot: root.appendingPathComponent("Templates")).pages()
        let newPeriods = recorded ? inputs.briefings.map(\.period.description).filter { record.periods[$0] == nil } : []
        return Prepared(
            destination: target, current: current, manifest: manifest, inputs: inputs, pages: pages, recording: recorded, record: record,
            newPeriods: newPeriods)
    }

    /// What `publish` would build, reuse, remove or keep, and record; writes nothing.
    package func plan(to destination: URL, baseURL: String, clean: Bool, recording: Recording = .whenConfiguredSite) throws -> Plan {
        let prepared = try prepare(to: destination, baseURL: baseURL, recording: recording)
        var plan = Plan(
            destination: prepared.destination, build: [], reuse: [], remove: [], keep: [], record: prepared.newPeriods,
            recorded: prepared.recording, unreadable: prepared.inputs.unreadable)
        for page in prepared.pages {
            if prepared.reusable(page) != nil { plan.reuse.append(page.path) } else { plan.build.append(page.path) }
        }
        let others = prepared.current.map { Self.otherFiles(SiteTree($0).files, except: Set(prepared.pages.map(\.path))) } ?? []
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
        let versions = SiteVersions(pointer: destination)
        let previousID = versions.currentID
        // A failed first publish leaves nothing behind, not even an empty versions folder.
        let firstVersion = !FileManager.default.fileExists(atPath: versions.folder.path)
        let discard = { (version: URL) in
            try? FileManager.default.removeItem(at: firstVersion ? versions.folder : version)
        }
        try versions.prepare()
        let id = versions.nextID()
        let version = versions.url(id)
        // The version before the current one, which this publish would delete: the new one is made from it.
        let spare = previousID.flatMap { current in versions.ids().last { $0 < current } }.map(versions.url)
        var result = Result(
            rendered: 0, reused: 0, kept: 0, newlyPublished: [], recorded: prepared.recording, unreadable: prepared.inputs.unreadable)
        do {
            try build(prepared, into: version, recycling: spare, clean: clean, result: &result)
        } catch {
            discard(version)
            throw error
        }
        TestPause.at("built")
        let swap = {
            do {
                let staging = parent.appendingPathComponent(StaleTemporaries.name(for: destination.lastPathComponent))
                // A folder published before versions lands at `staging`: the only copy not kept.
                if try AtomicSwap.point(destination, to: versions.target(id), staging: staging) {
                    try? FileManager.default.removeItem(at: staging)
                }
            } catch {
                discard(version)
                throw error
            }
        }
        if prepared.recording {
            try swapAndRecord(prepared, swap: swap, today: today)
            result.newlyPublished = prepared.newPeriods
        } else {
            try swap()
        }
        versions.collect(keeping: Set([id] + (previousID.map { [$0] } ?? [])))
        return result
    }

    /// The path a destination is published at (its pointer, symlinks above it resolved).
    static func pointerPath(_ url: URL) -> String {
        let resolved = SiteDestination.resolve(url)
        return (SiteVersions.pointer(of: resolved) ?? resolved).path
    }

    /// The ordered protocol: record pending, swap, confirm.
    private func swapAndRecord(_ prepared: Prepared, swap: () throws -> Void, today: Day) throws {
        let reports = ReportsFolder(workspaceRoot: root)
        var pending = prepared.record
        for period in prepared.newPeriods where pending.pending[period] == nil { pending.pending[period] = today.description }
        if pending != prepared.record {
            do {
                try reports.writeRecord(pending)
            } catch {
                throw Failure.leftAsItWas("cannot record the periods as pending: \(error)")
            }
        }
        TestPause.at("pending")
        do {
            try swap()
        } catch {
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

    /// Every page, the manifest and the marker, into `folder` (the new version), made from `spare`
    /// (``RecycledVersion``) when there is one, else from nothing with every page whose key did not
    /// change hard-linked from the current version; the other pages are rendered on every core.
    private func build(_ prepared: Prepared, into folder: URL, recycling spare: URL?, clean: Bool, result: inout Result) throws {
        let produced = Set(prepared.pages.map(\.path))
        let currentFiles = prepared.current.map { SiteTree($0).files } ?? [:]
        let carried = clean ? [] : Self.otherFiles(currentFiles, except: produced)
        var toRender: [SitePage]?
        if let spare, let current = prepared.current, var recycled = RecycledVersion(spare: spare, to: folder) {
            var counts = result
            // Anything the old version holds that stops the update (a folder where a page now goes):
            // the version is made from nothing instead.
            toRender = try? recycled.update(
                pages: prepared.pages, current: current, currentKeys: prepared.manifest.pages, currentFiles: currentFiles, carried: carried,
                result: &counts)
            if toRender != nil { result = counts }
        }
        let rendering = try toRender ?? fresh(prepared, into: folder, carried: carried, result: &result)
        try render(rendering, into: folder)
        result.rendered = rendering.count
        result.kept = carried.count
        try search.index(site: folder)
        var manifest = SiteManifest(pages: [:], periods: prepared.inputs.cache)
        manifest.reuseEncodings(of: prepared.manifest)
        for page in prepared.pages { manifest.pages[page.path] = page.key }
        try manifest.write(in: folder)
        // A new file, never written through a name an older version may share.
        unlink(folder.appendingPathComponent(SiteDestination.markerName).path)
        try Data(SiteDestination.markerText.utf8).write(to: folder.appendingPathComponent(SiteDestination.markerName))
        // Reused pages were checked when they were built, and their keys cover every link they hold.
        try SiteLinkCheck(baseURL: prepared.inputs.baseURL).check(
            site: folder, pages: rendering.map(\.path), leftOut: prepared.inputs.unreadable.map { "periods/\($0.period)/" })
    }

    /// A new version from nothing: folders made, unchanged pages and `carried` files linked from the
    /// current version; returns the pages to render.
    private func fresh(_ prepared: Prepared, into folder: URL, carried: [String], result: inout Result) throws -> [SitePage] {
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var folders: Set<String> = []
        var toRender: [SitePage] = []
        for page in prepared.pages {
            let target = folder.appendingPathComponent(page.path)
            let parent = target.deletingLastPathComponent()
            if folders.insert(parent.path).inserted {
                try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            }
            if let old = prepared.reusable(page), link(old.path, target.path) == 0 {
                result.reused += 1
            } else {
                toRender.append(page)
            }
        }
        if let current = prepared.current {
            for path in carried {
                let source = current.appendingPathComponent(path)
                let target = folder.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                if (try? FileManager.default.linkItem(at: source, to: target)) == nil {
                    try FileManager.default.copyItem(at: source, to: target)
                }
            }
        }
        return toRender
    }

    /// Renders `pages` into `folder` on every core. Each page's bytes depend on its inputs only, so
    /// the output is the same in any order; of several failures, the first page's is thrown.
    private func render(_ pages: [SitePage], into folder: URL) throws {
        let failures = ConcurrentResults<any Error>(count: pages.count)
        let shared = RenderQueue(pages: pages)
        DispatchQueue.concurrentPerform(iterations: pages.count) { index in
            let page = shared.pages[index]
            do {
                // No fsync per file: the version only becomes visible through the final rename.
                try AtomicSwap.writeStagedFile(try page.render(), to: folder.appendingPathComponent(page.path), named: page.path)
            } catch {
                failures.set(index, error)
            }
        }
        if let failure = failures.values.lazy.compactMap({ $0 }).first { throw failure }
    }

    /// Files of a site (relative paths, sorted) that this build does not produce: left there by hand,
    /// or pages that no longer exist.
    private static func otherFiles(_ files: [String: UInt64], except produced: Set<String>) -> [String] {
        files.keys.filter { path in
            !produced.contains(path) && !SiteManifest.ownFiles.contains(path) && !SiteSearch.owns(path)
        }.sorted()
    }
}

/// The pages handed to the render workers. Not checked by the compiler: a page's `render` reads
/// only what it captured when ``SiteBuilder`` made it (values, and the template `Environment` and
/// cmark-gfm wrapper, which lock around their shared state), and nothing writes to those while the
/// workers run.
private final class RenderQueue: @unchecked Sendable {
    let pages: [SitePage]
    init(pages: [SitePage]) { self.pages = pages }
}

import Foundation
import Workspace

/// `briefing publish`: builds the site into a temporary sibling of the destination, reusing every
/// page whose inputs did not change, and swaps it in atomically; then records the published periods.
public struct SitePublisher {
    public struct Result: Sendable {
        public var rendered: Int
        public var reused: Int
        public var kept: Int
        public var newlyPublished: [String]
        /// Periods left out because their files in `Reports/` could not be read.
        public var unreadable: [UnreadablePeriod]
    }

    public let workspace: Workspace
    public let root: URL

    public init(workspace: Workspace, root: URL) {
        self.workspace = workspace
        self.root = root
    }

    static let manifestName = ".site-manifest.json"

    /// `recordPublished: false` builds the site without recording its periods in
    /// `Reports/published.json` (the preview of `briefing serve`).
    public func publish(to destination: URL, baseURL: String, clean: Bool, today: Day, recordPublished: Bool = true) throws -> Result {
        let inputs = SiteInputs.load(workspace: workspace, root: root, baseURL: baseURL)
        let pages = try SiteBuilder(inputs: inputs, templatesRoot: root.appendingPathComponent("Templates")).pages()
        let previous = readManifest(destination)
        let parent = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let temporary = parent.appendingPathComponent(".\(destination.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: temporary)
        var result = Result(rendered: 0, reused: 0, kept: 0, newlyPublished: [], unreadable: inputs.unreadable)
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
            var manifest: [String: String] = [:]
            var folders: Set<String> = []
            for page in pages {
                let target = temporary.appendingPathComponent(page.path)
                let folder = target.deletingLastPathComponent()
                if folders.insert(folder.path).inserted {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                }
                let old = destination.appendingPathComponent(page.path)
                if previous[page.path] == page.key, FileManager.default.fileExists(atPath: old.path),
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
            if !clean { result.kept = try carryOver(from: destination, to: temporary, except: Set(pages.map(\.path))) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(manifest).write(to: temporary.appendingPathComponent(Self.manifestName))
            try SiteLinkCheck(baseURL: baseURL).check(site: temporary, pages: pages.map(\.path), leftOut: inputs.unreadable.map { "periods/\($0.period)/" })
            try AtomicSwap.place(temporary, at: destination)
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        if recordPublished { result.newlyPublished = try record(inputs.briefings.map(\.period), today: today) }
        return result
    }

    private func readManifest(_ destination: URL) -> [String: String] {
        guard let data = try? Data(contentsOf: destination.appendingPathComponent(Self.manifestName)),
            let manifest = try? JSONDecoder().decode([String: String].self, from: data)
        else { return [:] }
        return manifest
    }

    /// Files already in the destination that this build does not produce (left there by hand, or
    /// pages that no longer exist) stay unless `--clean`.
    private func carryOver(from destination: URL, to temporary: URL, except produced: Set<String>) throws -> Int {
        guard let enumerator = FileManager.default.enumerator(atPath: destination.path) else { return 0 }
        var kept = 0
        for case let path as String in enumerator {
            let source = destination.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !produced.contains(path), path != Self.manifestName
            else { continue }
            let target = temporary.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            if (try? FileManager.default.linkItem(at: source, to: target)) == nil {
                try FileManager.default.copyItem(at: source, to: target)
            }
            kept += 1
        }
        return kept
    }

    /// Adds the periods not yet in `Reports/published.json`, dated `today`; returns them.
    private func record(_ periods: [Period], today: Day) throws -> [String] {
        let reports = ReportsFolder(workspaceRoot: root)
        var published = reports.published()
        let new = periods.map(\.description).filter { published[$0] == nil }
        guard !new.isEmpty else { return [] }
        for period in new { published[period] = today.description }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var data = try encoder.encode(["periods": published])
        data.append(0x0A)
        let temporary = reports.url.appendingPathComponent(".published.json.tmp-\(ProcessInfo.processInfo.processIdentifier)")
        try data.write(to: temporary)
        guard rename(temporary.path, reports.publishedFile.path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw AtomicSwap.Failure(description: "cannot write Reports/published.json: \(String(cString: strerror(errno)))")
        }
        return new
    }
}

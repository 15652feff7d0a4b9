import Foundation
import Workspace

/// The editions `briefing weekly` adds to `Reports/<period>/` when briefing.yaml lists them
/// (`editions: [pdf, email]`): made from the period's files before anything is written, so that
/// a failed edition leaves `Reports/` as it was, and written with the rest in the same swap.
package enum WeeklyEditions {
    /// The file name of each edition in the period's folder.
    package static func fileName(_ kind: EditionSettings.Kind) -> String {
        kind == .pdf ? "briefing.pdf" : "briefing.eml"
    }

    /// `files` (the folder `weekly` is about to write) plus the editions `config` asks for.
    package static func adding(to files: [String: Data], period: String, config: WorkspaceConfig) throws(EditionError) -> [String: Data] {
        let kinds = config.editions.weekly
        guard !kinds.isEmpty else { return files }
        // Find the programs first: a missing one is reported before any work is done.
        let chromium = kinds.contains(.pdf) ? try Chromium.locate() : nil
        let raster = kinds.contains(.email) ? try ChartRaster.locate() : nil
        let scratch = try ScratchFolder("weekly")
        defer { scratch.remove() }
        do {
            for (path, data) in files {
                let target = scratch.url.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: target)
            }
        } catch {
            throw .badOutput(name: "briefing", reason: "cannot stage the period for its editions: \(error.localizedDescription)")
        }
        let folder = try BriefingFolder(url: scratch.url, displayPath: "Reports/\(period)", period: period)
        var result = files
        if let chromium { result[fileName(.pdf)] = try PDFEdition(config: config).render(folder, chromium: chromium) }
        if let raster { result[fileName(.email)] = try EmailEdition(config: config).render(folder, charts: raster) }
        return result
    }
}

/// Writes one file the way the rest of `briefing` writes: to a hidden temporary sibling
/// (`.<name>.tmp-<pid>`, which a later run recognises and removes if this one is killed), then
/// renamed over the target, so that readers see the old file or the new one, never a part.
package enum EditionFileWriter {
    package static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(StaleTemporaries.name(for: url.lastPathComponent))
        try? FileManager.default.removeItem(at: temporary)
        do {
            try AtomicSwap.writeStagedFile(data, to: temporary, named: url.lastPathComponent)
            guard rename(temporary.path, url.path) == 0 else {
                throw AtomicSwap.Failure(description: "cannot move \(url.lastPathComponent) into place: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}

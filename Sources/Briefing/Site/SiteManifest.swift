import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `.site-manifest.json`, written into every site: each page's key (a hash of its inputs, so the
/// next publish reuses pages whose key did not change) and each period's site inputs as they were
/// read (summary, horizon figures, content and chart hashes), under the stamp of the files they
/// came from, so the next publish reads only the periods that are new or changed.
struct SiteManifest: Codable {
    static let name = ".site-manifest.json"

    var schema = "briefing.site-manifest/2"
    /// Page path → key.
    var pages: [String: String] = [:]
    /// Period → what the site read of it.
    var periods: [String: CachedPeriod] = [:]

    struct CachedPeriod: Codable {
        /// ``FileStamp`` of the period's files the entry was read from.
        var stamp: String
        var summary: BriefingSummary
        var markets: [PeriodSiteFile.Market]
        /// SHA-256 of the period's site file and `briefing.md`.
        var content: String
        var charts: [Chart]
    }

    struct Chart: Codable, Equatable {
        var name: String
        /// SHA-256 of the screened SVG.
        var key: String
    }

    /// The manifest of the site in `folder`; empty when there is none or it does not decode. A
    /// manifest of the first format (page keys only) gives its pages and no periods.
    static func read(in folder: URL?) -> SiteManifest {
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return SiteManifest() }
        if let manifest = try? JSONDecoder().decode(SiteManifest.self, from: data) { return manifest }
        if let pages = try? JSONDecoder().decode([String: String].self, from: data) { return SiteManifest(pages: pages) }
        return SiteManifest()
    }

    /// Compact JSON, sorted keys (the same manifest for the same site).
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}

/// A cheap fingerprint of files: name, size, modification time and inode of each (`lstat`, so a
/// file replaced by a symlink differs). Every write in `Reports/` renames a new file into place,
/// which gives a new inode, so an unchanged stamp means unchanged bytes without reading them.
enum FileStamp {
    static func of(_ folder: URL, files: [String]) -> String {
        var stamp = ""
        for file in files {
            var info = stat()
            guard lstat(folder.appendingPathComponent(file).path, &info) == 0 else {
                stamp += "\(file):-;"
                continue
            }
            #if canImport(Darwin)
            let modified = "\(info.st_mtimespec.tv_sec).\(info.st_mtimespec.tv_nsec)"
            #else
            let modified = "\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
            #endif
            stamp += "\(file):\(info.st_size):\(modified):\(info.st_ino);"
        }
        return stamp
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `.site-manifest.json`, written into every site: each page's key (a hash of its inputs, so the
/// next publish reuses pages whose key did not change); and beside it, `.site-periods.cache`: each
/// period's site inputs as they were read (summary, horizon figures, content and chart hashes),
/// under the stamp of the files they came from, so the next publish reads only the periods that are
/// new or changed. The cache is in ``CompactEncoder``'s binary form: ten years of periods are 2.3 MB
/// of JSON, whose reading and writing took a sixth of an incremental publish.
struct SiteManifest: Codable {
    static let name = ".site-manifest.json"
    static let cacheName = ".site-periods.cache"
    /// The files a publish writes into every version besides its pages (the marker too).
    static let ownFiles: Set<String> = [name, cacheName, SiteDestination.markerName]

    var schema = "briefing.site-manifest/3"
    /// Page path → key.
    var pages: [String: String] = [:]
    /// Period → what the site read of it (in the cache file, not the JSON).
    var periods: [String: CachedPeriod] = [:]

    private enum CodingKeys: String, CodingKey { case schema, pages }

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

    /// Each cached period as the cache file held it, with its stamp: written back as it was when the
    /// period is unchanged, so a publish encodes only new or changed periods.
    var encodedPeriods: [String: (stamp: String, bytes: ArraySlice<UInt8>)] = [:]

    /// The cache file starts with this line; another is not read (its periods are read again).
    private static let cacheHeader = Array("briefing.site-periods/2\n".utf8)

    /// The manifest of the site in `folder`; empty when there is none or it does not decode. A
    /// manifest of the first format (page keys only) gives its pages; one without a readable cache
    /// (the second format kept periods in the JSON) gives no periods.
    static func read(in folder: URL?) -> SiteManifest {
        guard let folder, let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else { return SiteManifest() }
        guard var manifest = try? JSONDecoder().decode(SiteManifest.self, from: data) else {
            if let pages = try? JSONDecoder().decode([String: String].self, from: data) { return SiteManifest(pages: pages) }
            return SiteManifest()
        }
        if let cache = try? Data(contentsOf: folder.appendingPathComponent(cacheName)) {
            let bytes = [UInt8](cache)
            if bytes.starts(with: cacheHeader), let entries = try? CompactDecoder.objectEntries(bytes, from: cacheHeader.count) {
                for (period, range) in entries {
                    guard let entry = try? CompactDecoder.decode(CachedPeriod.self, from: bytes, in: range) else { continue }
                    manifest.periods[period] = entry
                    manifest.encodedPeriods[period] = (entry.stamp, bytes[range])
                }
            }
        }
        return manifest
    }

    /// Takes over the encodings `earlier` read of the periods this manifest has unchanged (same stamp).
    mutating func reuseEncodings(of earlier: SiteManifest) {
        for (period, entry) in periods {
            if let encoded = earlier.encodedPeriods[period], encoded.stamp == entry.stamp { encodedPeriods[period] = encoded }
        }
    }

    /// Writes the manifest and the cache into `folder` as new files (never through a name an older
    /// version may share).
    func write(in folder: URL) throws {
        for file in [Self.name, Self.cacheName] { unlink(folder.appendingPathComponent(file).path) }
        try encoded().write(to: folder.appendingPathComponent(Self.name))
        var entries: [(key: String, value: ArraySlice<UInt8>)] = []
        for (period, entry) in periods {
            if let encoded = encodedPeriods[period], encoded.stamp == entry.stamp {
                entries.append((period, encoded.bytes))
            } else {
                entries.append((period, try CompactEncoder.encode(entry)[...]))
            }
        }
        try Data(Self.cacheHeader + CompactEncoder.object(entries)).write(to: folder.appendingPathComponent(Self.cacheName))
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
        // Paths joined as text: `URL.appendingPathComponent` stats each path it is given, which
        // doubled the system calls of a publish that finds every period in the cache.
        let base = folder.path.hasSuffix("/") ? folder.path : folder.path + "/"
        for file in files {
            var info = stat()
            guard lstat(base + file, &info) == 0 else {
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

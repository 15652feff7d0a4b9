import Foundation

/// The one place that runs the `pagefind` executable.
struct PagefindIndexer {
    let executable: String

    /// `BRIEFING_PAGEFIND` when set (even to something unusable: then nothing, so the error names
    /// it), else the first `pagefind` on `PATH`.
    static func locate(environment: [String: String]) -> String? {
        if let configured = environment["BRIEFING_PAGEFIND"], !configured.isEmpty {
            return FileManager.default.isExecutableFile(atPath: configured) ? configured : nil
        }
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = String(folder) + "/pagefind"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }

    /// Indexes every page of `site` into `site/pagefind/`. Only pages (or parts) marked
    /// `data-pagefind-body` by the templates are indexed: briefings, vendors and scenarios. The
    /// language is forced to English so that the bundle's file names do not depend on detection.
    func index(site: URL) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--site", site.path, "--output-subdir", SiteSearch.folder, "--force-language", "en", "--silent"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw SiteSearchError.failed(executable: executable, status: -1, output: "\(error)")
        }
        // Read before waiting: a full pipe would otherwise stall the child.
        let printed = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let text = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw SiteSearchError.failed(executable: executable, status: process.terminationStatus, output: text)
        }
    }
}

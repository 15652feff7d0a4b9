import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A monthly workspace with two markets (`example-market`, `edge-inference`) made by `briefing init`
/// (built-in templates only), inside a temporary folder of its own (`outer`), so that tests can
/// point `--to` at the workspace's parent and check that nothing around the workspace changed.
struct GuardedWorkspace {

    let outer: TemporaryDirectory
    var url: URL { outer.url.appendingPathComponent("ws") }

    /// `months`: the as-of dates of the briefings to write (monthly periods), oldest first.
    init(months: [String] = ["2026-11-20", "2026-12-18"]) throws {
        outer = try TemporaryDirectory()
        let created = try BriefingProcess.run(["init", "ws", "--as-of", "2026-11-20"], in: outer.url)
        #expect(created.status == 0, "\(created.stderr)")
        try edit("briefing.yaml") {
            $0.replacingOccurrences(of: "cadence: weekly", with: "cadence: monthly")
                .replacingOccurrences(of: "paths: 10000", with: "paths: 400")
        }
        // A second market with its own scenarios.
        let market = try text("Data/markets/example-market.yaml")
            .replacingOccurrences(of: "id: example-market", with: "id: edge-inference")
            .replacingOccurrences(of: "name: Example market", with: "name: Edge inference")
            .replacingOccurrences(of: "file: example-market.csv", with: "file: edge-inference.csv")
        try write(market, to: "Data/markets/edge-inference.yaml")
        try write(try text("Data/markets/example-market.csv"), to: "Data/markets/edge-inference.csv")
        for scenario in ["base", "custom-gains"] {
            let text = try text("Data/scenarios/\(scenario).yaml")
                .replacingOccurrences(of: "id: \(scenario)\n", with: "id: edge-\(scenario)\n")
                .replacingOccurrences(of: "market: example-market", with: "market: edge-inference")
            try write(text, to: "Data/scenarios/edge-\(scenario).yaml")
        }
        for date in months { try weekly(date) }
    }

    func remove() {
        outer.remove()
    }

    func weekly(_ date: String, _ extra: [String] = []) throws {
        let result = try run(["weekly", "--as-of", date, "--quiet"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
    }

    func run(_ arguments: [String]) throws -> BriefingProcess.Result {
        try BriefingProcess.run(arguments, in: url)
    }

    func text(_ path: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
    }

    func write(_ text: String, to path: String) throws {
        let file = url.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
    }

    func edit(_ path: String, _ change: (String) -> String) throws {
        try write(change(try text(path)), to: path)
    }

    func exists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(path).path)
    }

    /// Every file and folder under `folder` (relative path → bytes, `nil` for folders and links).
    static func listing(_ folder: URL) -> [String: Data?] {
        var entries: [String: Data?] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return entries }
        for case let path as String in enumerator {
            let full = folder.appendingPathComponent(path).path
            var info = stat()
            guard lstat(full, &info) == 0 else { continue }
            entries[path] = info.st_mode & S_IFMT == S_IFREG ? FileManager.default.contents(atPath: full) : .some(nil)
        }
        return entries
    }

    /// Everything in the temporary folder, workspace included, minus the workspace lock.
    func everything() -> [String: Data?] {
        Self.listing(outer.url).filter { $0.key != "ws/.briefing.lock" }
    }

    /// `Reports/published.json` as the test reads it: confirmed and pending periods.
    func record() throws -> (periods: [String: String], pending: [String: String]) {
        guard exists("Reports/published.json") else { return ([:], [:]) }
        let data = try Data(contentsOf: url.appendingPathComponent("Reports/published.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return (object["periods"] as? [String: String] ?? [:], object["pending"] as? [String: String] ?? [:])
    }

    /// Period ids with a briefing page on the site in `site`.
    func periodsOnSite(_ site: String = "Site") -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("\(site)/periods").path)) ?? [])
            .filter { exists("\(site)/periods/\($0)/briefing.html") }.sorted()
    }

    /// Makes `path` refuse new entries, also for root (the immutable attribute), until `undo` runs.
    func makeReadOnly(_ path: String) throws -> () -> Void {
        let full = url.appendingPathComponent(path).path
        if getuid() == 0 {
            let chattr = Process()
            chattr.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
            chattr.arguments = ["+i", full]
            try chattr.run()
            chattr.waitUntilExit()
            try #require(chattr.terminationStatus == 0, "chattr +i is needed to make a folder read-only for root")
            return {
                let undo = Process()
                undo.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
                undo.arguments = ["-i", full]
                try? undo.run()
                undo.waitUntilExit()
            }
        }
        chmod(full, 0o555)
        return { chmod(full, 0o755) }
    }
}

/// `briefing` started in the background with extra environment variables, for tests that stop it
/// at a named step (`BRIEFING_TEST_PAUSE_AT`) or must not hang.
final class BackgroundBriefing {
    let process = Process()
    let stderrFile: URL
    let pauseFile: URL

    init(_ arguments: [String], in directory: URL, pauseAt step: String? = nil) throws {
        let scratch = try TemporaryDirectory(prefix: "briefing-bg").url
        stderrFile = scratch.appendingPathComponent("stderr")
        pauseFile = scratch.appendingPathComponent("paused")
        try Data().write(to: stderrFile)
        process.executableURL = BriefingProcess.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        if let step {
            environment["BRIEFING_TEST_PAUSE_AT"] = step
            environment["BRIEFING_TEST_PAUSE_FILE"] = pauseFile.path
        }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: stderrFile)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: stderrFile.deletingLastPathComponent())
    }

    var stderr: String { (try? String(contentsOf: stderrFile, encoding: .utf8)) ?? "" }

    /// Waits (bounded) until the process reports that it paused at its step; false if it ended first.
    func waitUntilPaused(seconds: Double = 120) -> Bool {
        for _ in 0..<Int(seconds * 20) {
            if FileManager.default.fileExists(atPath: pauseFile.path) { return true }
            if !process.isRunning { return false }
            usleep(50_000)
        }
        return false
    }

    /// Lets a paused process go on.
    func resume() {
        try? FileManager.default.removeItem(at: pauseFile)
    }

    func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The exit status, or `nil` when it is still running after `seconds` (then it is killed).
    func exitStatus(within seconds: Double = 120) -> Int32? {
        for _ in 0..<Int(seconds * 20) {
            if !process.isRunning {
                process.waitUntilExit()
                return process.terminationStatus
            }
            usleep(50_000)
        }
        killHard()
        return nil
    }
}

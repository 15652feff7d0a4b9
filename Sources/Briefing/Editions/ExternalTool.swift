import Foundation

/// Runs the programs the editions rely on (Chromium, rsvg-convert, sendmail): found on `PATH`,
/// bounded by a timeout so that a hung program cannot stall a cron job, their output kept for
/// the error message.
struct ExternalTool: Sendable {
    let name: String
    let url: URL

    /// The first of `names` that is an executable file: an absolute or relative path as it is,
    /// a bare name looked up in `PATH`.
    static func locate(_ names: [String], path: String? = ProcessInfo.processInfo.environment["PATH"]) -> ExternalTool? {
        let folders = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in names {
            if name.contains("/") {
                if FileManager.default.isExecutableFile(atPath: name) { return ExternalTool(name: name, url: URL(fileURLWithPath: name)) }
                continue
            }
            for folder in folders where !folder.isEmpty {
                let candidate = folder + "/" + name
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                    FileManager.default.isExecutableFile(atPath: candidate)
                {
                    return ExternalTool(name: name, url: URL(fileURLWithPath: candidate))
                }
            }
        }
        return nil
    }

    /// Runs the program with `arguments`, feeding it `input` on standard input, and returns its
    /// standard output. A non-zero exit status or a timeout is an error carrying the last lines
    /// of what the program printed.
    @discardableResult
    func run(
        _ arguments: [String], input: Data? = nil, environment: [String: String] = [:], timeout seconds: Int = 120
    ) throws(EditionError) -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-\(name.split(separator: "/").last ?? "tool")-\(UUID().uuidString)")
        let outputURL = scratch.appendingPathExtension("out")
        let errorURL = scratch.appendingPathExtension("err")
        guard FileManager.default.createFile(atPath: outputURL.path, contents: nil),
            FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        else {
            throw .badOutput(name: name, reason: "could not be started: cannot create a temporary file for its output")
        }
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        guard let output = try? FileHandle(forWritingTo: outputURL), let errors = try? FileHandle(forWritingTo: errorURL) else {
            throw .badOutput(name: name, reason: "could not be started: cannot open a temporary file for its output")
        }
        defer {
            try? output.close()
            try? errors.close()
        }
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = input == nil ? FileHandle.nullDevice : stdin
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw .badOutput(name: name, reason: "could not be started: \(error.localizedDescription)")
        }
        if let input {
            // Written from another thread: a program that prints before reading all of its input
            // must not block on a full pipe while this one blocks on writing.
            let handle = stdin.fileHandleForWriting
            DispatchQueue.global().async {
                try? handle.write(contentsOf: input)
                try? handle.close()
            }
        }
        if finished.wait(timeout: .now() + .seconds(seconds)) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + .seconds(5)) == .timedOut { kill(process.processIdentifier, SIGKILL) }
            throw .toolTimedOut(name: name, seconds: seconds)
        }
        let produced = (try? Data(contentsOf: outputURL)) ?? Data()
        guard process.terminationStatus == 0 else {
            let log = String(decoding: (try? Data(contentsOf: errorURL)) ?? Data(), as: UTF8.self)
            let tail = log.split(separator: "\n").suffix(12).map { "  " + $0 }.joined(separator: "\n")
            throw .toolFailed(name: name, status: process.terminationStatus, output: tail)
        }
        return produced
    }
}

import Foundation

/// Runs the built `briefing` executable as a subprocess.
struct BriefingProcess {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// `briefing` in the build products folder that holds this test bundle, e.g.
    /// `.build/debug/briefing` (`swift build --build-tests` builds both). Set
    /// `BRIEFING_EXECUTABLE` to test another binary.
    static let executable: URL = {
        if let path = ProcessInfo.processInfo.environment["BRIEFING_EXECUTABLE"] {
            return URL(fileURLWithPath: path)
        }
        return productsDirectory.appendingPathComponent("briefing")
    }()

    private static var productsDirectory: URL {
        #if os(macOS)
        // The tests run inside xctest, which loads the .xctest bundle from the products folder.
        if let bundle = Bundle.allBundles.first(where: { $0.bundlePath.hasSuffix(".xctest") }) {
            return bundle.bundleURL.deletingLastPathComponent()
        }
        #endif
        // On Linux the test bundle is itself the executable, in the products folder.
        return Bundle.main.bundleURL
    }

    /// Runs `briefing arguments…` with `stdin` as standard input, in `directory`.
    /// `environment` adds to (or, with an empty value, clears) variables of the test's own environment.
    static func run(_ arguments: [String], stdin: String = "", in directory: URL? = nil, environment: [String: String] = [:]) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        let scratch = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefing-cli-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        // Files rather than pipes: no deadlock whatever the output size.
        let input = scratch.appendingPathComponent("stdin")
        let output = scratch.appendingPathComponent("stdout")
        let errors = scratch.appendingPathComponent("stderr")
        try Data(stdin.utf8).write(to: input)
        try Data().write(to: output)
        try Data().write(to: errors)

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        let stdinHandle = try FileHandle(forReadingFrom: input)
        let stdoutHandle = try FileHandle(forWritingTo: output)
        let stderrHandle = try FileHandle(forWritingTo: errors)
        defer {
            try? stdinHandle.close()
            try? stdoutHandle.close()
            try? stderrHandle.close()
        }
        process.standardInput = stdinHandle
        process.standardOutput = stdoutHandle
        process.standardError = stderrHandle
        try process.run()
        process.waitUntilExit()

        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8)
        )
    }

    struct MissingExecutable: Error, CustomStringConvertible {
        let path: String
        var description: String { "\(path) is missing; build it first with swift build --build-tests" }
    }
}

/// A temporary folder, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefing-test-\(UUID().uuidString)")
            .resolvingSymlinksInPath()
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ text: String, to relativePath: String) throws -> URL {
        let file = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    func makeDirectory(_ relativePath: String) throws -> URL {
        let directory = url.appendingPathComponent(relativePath)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

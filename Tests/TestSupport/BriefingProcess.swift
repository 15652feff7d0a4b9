import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `briefing` executable as a subprocess, for what only a real process shows:
/// exit statuses, standard input and output, and files left (or not) on disk.
package enum BriefingProcess {
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
    }

    /// How long a run may take before it is killed and the test fails. Generous: it only stops a
    /// hung process from hanging the suite and says nothing about speed.
    package static let defaultTimeout: Double = 600

    /// `briefing` in the build products folder that holds this test bundle, e.g.
    /// `.build/debug/briefing` (`swift build --build-tests` builds both). Set
    /// `BRIEFING_EXECUTABLE` to test another binary.
    package static let executable: URL = {
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

    /// Runs `briefing arguments…` with `stdin` as standard input, in `directory`, with the test
    /// process's environment plus `environment`; kills it after `timeout` seconds.
    package static func run(
        _ arguments: [String], stdin: String = "", in directory: URL? = nil, environment: [String: String] = [:],
        timeout: Double = defaultTimeout
    ) throws -> Result {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw MissingExecutable(path: executable.path)
        }
        let scratch = try TemporaryDirectory(prefix: "briefing-cli-test")
        defer { scratch.remove() }

        // Files rather than pipes: no deadlock whatever the output size.
        let input = try scratch.write(stdin, to: "stdin")
        let output = try scratch.write("", to: "stdout")
        let errors = try scratch.write("", to: "stderr")

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
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TimedOut(arguments: arguments, seconds: timeout)
        }
        process.waitUntilExit()

        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: output, encoding: .utf8),
            stderr: try String(contentsOf: errors, encoding: .utf8)
        )
    }

    package struct MissingExecutable: Error, CustomStringConvertible {
        package let path: String
        package var description: String { "\(path) is missing; build it first with swift build --build-tests" }
    }

    package struct TimedOut: Error, CustomStringConvertible {
        package let arguments: [String]
        package let seconds: Double
        package var description: String {
            "briefing \(arguments.joined(separator: " ")) was still running after \(Int(seconds)) s and was killed"
        }
    }
}

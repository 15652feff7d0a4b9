import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A hook for crash tests only: with `BRIEFING_TEST_PAUSE_AT=<step>` in the environment, the process
/// writes `<step>` to the file named by `BRIEFING_TEST_PAUSE_FILE` when it reaches that step and then
/// stops there for good, so that a test can `kill -9` it at a known point. Without the variable
/// (every real run) it does nothing.
enum TestPause {
    static func at(_ step: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["BRIEFING_TEST_PAUSE_AT"] == step else { return }
        if let file = environment["BRIEFING_TEST_PAUSE_FILE"] {
            FileManager.default.createFile(atPath: file, contents: Data(step.utf8))
        }
        while true { sleep(60) }
    }
}

import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A hook for crash tests only: with `BRIEFING_TEST_PAUSE_AT=<step>` in the environment, the process
/// writes `<step>` to the file named by `BRIEFING_TEST_PAUSE_FILE` when it reaches that step and waits
/// there until the file is removed, so that a test can `kill -9` it at a known point, or change
/// something and let it go on. Without the variable (every real run) it does nothing.
enum TestPause {
    static func at(_ step: String) {
        let environment = ProcessInfo.processInfo.environment
        guard environment["BRIEFING_TEST_PAUSE_AT"] == step else { return }
        guard let file = environment["BRIEFING_TEST_PAUSE_FILE"] else {
            while true { sleep(60) }
        }
        FileManager.default.createFile(atPath: file, contents: Data(step.utf8))
        while FileManager.default.fileExists(atPath: file) { usleep(20_000) }
    }
}

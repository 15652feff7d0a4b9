import Foundation

/// `briefing serve --open`: hands an address to the desktop's browser.
enum BrowserOpener {
    /// `open` on macOS, `xdg-open` elsewhere, found on PATH; when there is none (a server without a
    /// desktop), says so and names the address to open by hand. The opener's own output is dropped.
    static func open(_ address: String) {
        #if os(macOS)
        let name = "open"
        #else
        let name = "xdg-open"
        #endif
        guard let tool = find(name) else {
            FileSystem.writeStandardError("briefing: --open: \(name) not found (no desktop here?); open \(address) in a browser\n")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = [address]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            FileSystem.writeStandardError("briefing: --open: cannot run \(tool): \(error); open \(address) in a browser\n")
        }
    }

    static func find(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

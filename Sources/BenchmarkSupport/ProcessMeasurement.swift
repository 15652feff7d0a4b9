#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seconds on the monotonic clock, for timing a stretch of work inside a benchmark process.
public func monotonicSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Peak RSS of this process image in KiB: VmHWM on Linux, because `ru_maxrss` keeps the launching
/// process's peak across exec (a Python driver's RSS would be the floor).
public func peakRSSKiB() -> Int {
    if let status = procStatus(),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let field = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first,
        let kib = Int(field)
    {
        return kib
    }
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return usage.ru_maxrss
    #else
    getrusage(RUSAGE_SELF, &usage)
    return usage.ru_maxrss / 1024
    #endif
}

/// `/proc/self/status`, read with POSIX calls (no Foundation in this target); nil off Linux.
private func procStatus() -> String? {
    let descriptor = open("/proc/self/status", O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0 else { break }
        bytes.append(contentsOf: buffer[0..<count])
    }
    return String(decoding: bytes, as: UTF8.self)
}

import Foundation

enum FileManagerCheck {
    static func exists(_ url: URL) -> Bool { FileManager.default.fileExists(atPath: url.path) }
}

enum TimeZoneCheck {
    /// Whether the system knows the IANA zone name (`America/New_York`).
    static func isKnown(_ name: String) -> Bool { TimeZone(identifier: name) != nil }
}

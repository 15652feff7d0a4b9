import FileIO
import Foundation
import Templating
import Workspace

#if canImport(Glibc)
import Glibc
#endif

/// `Reports/published.json`: which periods readers have seen on the workspace's site, and since when.
///
/// `briefing publish` updates it in an ordered protocol: the periods it is about to publish are
/// written as `pending` before the site is swapped in, and moved to `periods` after. A reader treats a
/// pending period as published, so whatever point a run is killed at, every period visible on the
/// site is protected.
package struct PublishRecord: Sendable, Equatable {
    /// Period id → the date it was published.
    package var periods: [String: String] = [:]
    /// Period id → the date, for periods whose site swap was started but not confirmed.
    package var pending: [String: String] = [:]

    package init(periods: [String: String] = [:], pending: [String: String] = [:]) {
        self.periods = periods
        self.pending = pending
    }

    /// When `period` was published (or is being published), or `nil` when it never was.
    package func publishedDate(of period: String) -> String? { periods[period] ?? pending[period] }

    /// The record with every pending period confirmed as published.
    func confirmed() -> PublishRecord {
        PublishRecord(periods: periods.merging(pending) { confirmed, _ in confirmed }, pending: [:])
    }

    /// A `published.json` that cannot be trusted: it protects every period until it is fixed.
    package struct Corrupt: Error, Sendable, CustomStringConvertible, ProblemReporting {
        /// The file's path from the workspace (`Reports/published.json`).
        package var file: String
        package var line: Int?
        package var column: Int?
        package var message: String

        package var description: String { located(prefix: "") }

        /// Located in `Reports/published.json`; ``Problem/under(_:)`` adds the workspace's path.
        package var problems: [Problem] { [Problem(.data, message, at: .init(file: file, line: line, column: column))] }

        /// `prefix/Reports/published.json:3:17: error: …`.
        package func located(prefix: String) -> String {
            Diagnostic(.error, message, file: (prefix.isEmpty ? "" : prefix + "/") + file, line: line, column: column).description
        }
    }

    static let displayPath = "Reports/published.json"

    /// Reads `url`: a missing file is an empty record; anything else that is not the record's exact
    /// shape (not JSON, another type, an unknown key, a period id or date that does not parse) is `Corrupt`.
    static func read(_ url: URL) throws(Corrupt) -> PublishRecord {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return PublishRecord() }
        guard !isDirectory.boolValue, let data = FileManager.default.contents(atPath: url.path) else {
            throw Corrupt(file: displayPath, message: "cannot read the file (\(String(cString: strerror(errno)))); every period counts as published until it is fixed")
        }
        return try parse(Array(data))
    }

    static func parse(_ bytes: [UInt8]) throws(Corrupt) -> PublishRecord {
        let locator = Locator(bytes: bytes)
        func corrupt(_ message: String, at offset: Int) -> Corrupt {
            let (line, column) = locator.position(of: offset)
            return Corrupt(file: displayPath, line: line, column: column, message: message + "; every period counts as published until it is fixed")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw corrupt("not UTF-8 text", at: 0) }
        let root: Value
        do {
            root = try JSONReader.parse(text)
        } catch let failure as JSONReader.Failure {
            throw Corrupt(file: displayPath, line: failure.line, column: failure.column,
                          message: "not valid JSON (\(failure.message)); every period counts as published until it is fixed")
        } catch {
            throw corrupt("not valid JSON", at: 0)
        }
        guard case .dict(let object) = root else {
            throw corrupt("expected an object with \"periods\", got \(jsonKind(root))", at: locator.firstValue())
        }
        var record = PublishRecord()
        for (key, value) in zip(object.keys, object.values) {
            let keyOffset = locator.valueOffset(forKey: key, after: 0)
            guard key == "periods" || key == "pending" else {
                throw corrupt("unknown key \"\(key)\" (expected \"periods\" and \"pending\")", at: locator.keyOffset(key, after: 0))
            }
            guard case .dict(let entries) = value else {
                throw corrupt("\"\(key)\" must be an object of period → date, got \(jsonKind(value))", at: keyOffset)
            }
            var dates: [String: String] = [:]
            for (period, date) in zip(entries.keys, entries.values) {
                let offset = locator.valueOffset(forKey: period, after: keyOffset)
                guard Period(period) != nil else {
                    throw corrupt("\"\(period)\" is not a period (expected 2026-W48, 2026-11 or 2026-Q4)", at: locator.keyOffset(period, after: keyOffset))
                }
                guard case .string(let day) = date else {
                    throw corrupt("the date of \(period) must be a string written YYYY-MM-DD, got \(jsonKind(date))", at: offset)
                }
                // A time may follow the date (records written by hand, or by other tools).
                guard Day(String(day.prefix(10))) != nil, day.count == 10 || day.dropFirst(10).first == "T" || day.dropFirst(10).first == " " else {
                    throw corrupt("the date of \(period) must be a real date written YYYY-MM-DD, got \"\(day)\"", at: offset)
                }
                dates[period] = day
            }
            if key == "periods" { record.periods = dates } else { record.pending = dates }
        }
        return record
    }

    /// JSON's own name for what `value` is, for messages.
    private static func jsonKind(_ value: Value) -> String {
        switch value {
        case .dict: "an object"
        case .list, .tuple: "an array"
        case .string, .markup: "a string"
        case .int, .double: "a number"
        case .bool(let flag): flag ? "true" : "false"
        default: "null"
        }
    }

    /// The file's bytes: sorted keys, `pending` only while there is something pending.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        var object = ["periods": periods]
        if !pending.isEmpty { object["pending"] = pending }
        var data = try encoder.encode(object)
        data.append(0x0A)
        return data
    }

    /// Replaces `url` with this record in one `rename`, through `.published.json.tmp-<pid>`
    /// (``ReportsFolder/writeRecord(_:)`` is the caller).
    func write(to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(StaleTemporaries.name(for: url.lastPathComponent))
        let error = try encoded().withUnsafeBytes { FileIO.replace($0, at: url.path, through: temporary.path) }
        if error != 0 { throw AtomicSwap.Failure(description: "\(Self.displayPath): \(FileIO.message(error))") }
    }

    /// Line and column of byte offsets, and where a key's value starts (`Value` keeps no positions).
    private struct Locator {
        let bytes: [UInt8]

        func position(of offset: Int) -> (Int, Int) {
            var line = 1
            var lineStart = 0
            for index in 0..<min(offset, bytes.count) where bytes[index] == UInt8(ascii: "\n") {
                line += 1
                lineStart = index + 1
            }
            let column = String(decoding: bytes[lineStart..<min(offset, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
            return (line, column)
        }

        func firstValue() -> Int {
            bytes.firstIndex { ![0x20, 0x09, 0x0A, 0x0D].contains($0) } ?? 0
        }

        /// The offset of `"key"` at or after `start` (period ids and section names need no escapes).
        func keyOffset(_ key: String, after start: Int) -> Int {
            let needle = Array("\"\(key)\"".utf8)
            guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return start }
            for index in start...(bytes.count - needle.count) where bytes[index..<index + needle.count].elementsEqual(needle) {
                return index
            }
            return start
        }

        /// The offset of the value after `"key" :`, or of the key when that cannot be found.
        func valueOffset(forKey key: String, after start: Int) -> Int {
            let found = keyOffset(key, after: start)
            var index = found + key.utf8.count + 2
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ":")].contains(bytes[index]) { index += 1 }
            return index < bytes.count ? index : found
        }
    }
}

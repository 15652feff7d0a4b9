// Mutated workspaces never crash or hang the loader: every load gives a workspace or at least one
// error, every diagnostic names a real file of the workspace with a sane position, and every
// error has a line and a column. The mutations include byte flips, truncation, repeated and
// dropped lines, control characters, invalid UTF-8, huge numbers, deep nesting, alias bombs and
// the Markdown the linked cmark-gfm renders slowly.
//
// Seeded and bounded (`iterations` loads, a few seconds). Explore other seeds by hand:
//
//     for s in $(seq 1 20); do FUZZ_SEED=$s swift test --skip-build --filter LoaderFuzzTests || echo "seed $s"; done
//
// A failure prints the seed, the iteration and the mutations, which replay with the same seed.

import Foundation
import TestSupport
import Testing
import Workspace

/// One way of damaging a file's bytes.
enum Mutation: String, CaseIterable {
    case truncate, insertRandomBytes, swapType, deepList, deepMapping, hugeNumber, byteOrderMark, crlf, tabs, nul, invalidUTF8,
        dropLine, duplicateLine, controlCharacter, aliasBomb, slowMarkdown

    /// Values a YAML field or CSV cell may be swapped for: other types, edge numbers, odd text.
    static let replacements = [
        "0", "-1", "0.5", "'text'", "\"\"", "[1, 2]", "{a: 1}", "~", "null", "true", "no", "2026-02-30", "[]", "{}", "-", "*alias",
        "&anchor x", "!!binary AAAA", "|", ">", "'unterminated", "\"also", "[", "{", "#", ": :", "é", "🙂", "nan", ".inf", "-.inf",
    ]
    /// Numbers at and beyond what a Double or an Int holds.
    static let hugeNumbers = [
        "1e400", "-1e400", "99999999999999999999", "-99999999999999999999", "1e-400", "0x7FFFFFFFFFFFFFFFF", "9223372036854775807",
        "-9223372036854775808", "1e300", "1e308", "-1e308", "1.7976931348623157e308", "1e15", "9.99e14", "0x1p1023",
    ]
    /// Control characters YAML, CSV and Markdown readers once passed on or cut at.
    static let controls: [UInt8] = [0x00, 0x01, 0x07, 0x08, 0x0B, 0x0C, 0x1B, 0x1F, 0x7F]
    /// Markdown the linked cmark-gfm renders in quadratic time, past the screening limits.
    static let slowMarkdownTexts = [
        String(repeating: "![[]()", count: 5_000), String(repeating: "a <![CDATA[", count: 3_000),
        String(repeating: "a *b* [l](u) ", count: 4_000), "|" + String(repeating: "1|", count: 4_000),
    ]

    func apply(to bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = bytes
        switch self {
        case .truncate:
            bytes.removeSubrange(random.below(bytes.count + 1)...)
        case .insertRandomBytes:
            let at = random.below(bytes.count + 1)
            bytes.insert(contentsOf: (0...random.below(8)).map { _ in UInt8(truncatingIfNeeded: random.next()) }, at: at)
        case .swapType:
            return Mutation.replaceValue(in: bytes, with: random.pick(Mutation.replacements), &random)
        case .deepList:
            let depth = 500
            return Mutation.replaceValue(in: bytes, with: String(repeating: "[", count: depth) + String(repeating: "]", count: depth), &random)
        case .deepMapping:
            let depth = 500
            return Mutation.replaceValue(
                in: bytes, with: String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth), &random)
        case .hugeNumber:
            return Mutation.replaceValue(in: bytes, with: random.pick(Mutation.hugeNumbers), &random)
        case .byteOrderMark:
            bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: 0)
        case .crlf:
            bytes = bytes.flatMap { $0 == 0x0A ? [0x0D, 0x0A] : [$0] }
        case .tabs:
            // Indentation becomes tabs, or one tab lands somewhere.
            if random.below(2) == 0 {
                let text = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\n  ", with: "\n\t")
                bytes = Array(text.utf8)
            } else {
                bytes.insert(0x09, at: random.below(bytes.count + 1))
            }
        case .nul:
            bytes.insert(0x00, at: random.below(bytes.count + 1))
        case .invalidUTF8:
            bytes.insert(contentsOf: random.pick([[0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0x80]]), at: random.below(bytes.count + 1))
        case .controlCharacter:
            bytes.insert(random.pick(Mutation.controls), at: random.below(bytes.count + 1))
        case .aliasBomb:
            // At the start of a random line: a mapping entry in YAML, text in a Markdown body.
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            lines.insert(ArraySlice(HostileDataTests.aliasBomb(key: "k\(random.below(1000))").utf8), at: random.below(lines.count + 1))
            bytes = Array(lines.joined(separator: [0x0A]))
        case .slowMarkdown:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            lines.insert(ArraySlice(random.pick(Mutation.slowMarkdownTexts).utf8), at: random.below(lines.count + 1))
            bytes = Array(lines.joined(separator: [0x0A]))
        case .dropLine, .duplicateLine:
            var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
            guard !lines.isEmpty else { return bytes }
            let index = random.below(lines.count)
            if self == .dropLine { lines.remove(at: index) } else { lines.insert(lines[index], at: index) }
            bytes = Array(lines.joined(separator: [0x0A]))
        }
        return bytes
    }

    /// Replaces the value of a random `key: value` line (YAML) or a random cell (CSV).
    private static func replaceValue(in bytes: [UInt8], with value: String, _ random: inout SeededRandom) -> [UInt8] {
        var lines = String(decoding: bytes, as: UTF8.self).components(separatedBy: "\n")
        let candidates = lines.indices.filter { lines[$0].contains(": ") || lines[$0].contains(",") }
        guard !candidates.isEmpty else { return Array((value + "\n").utf8) + bytes }
        let index = random.pick(candidates)
        let line = lines[index]
        if let colon = line.range(of: ": ") {
            lines[index] = String(line[..<colon.upperBound]) + value
        } else {
            var cells = line.components(separatedBy: ",")
            cells[random.below(cells.count)] = value
            lines[index] = cells.joined(separator: ",")
        }
        return Array(lines.joined(separator: "\n").utf8)
    }
}

@Suite("Loader fuzzing")
struct LoaderFuzzTests {
    /// A fixed number of loads, so that every run (on a busy CI machine or not) covers the same
    /// mutations; `FUZZ_ITERATIONS` runs more by hand.
    static let iterations = ProcessInfo.processInfo.environment["FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 200
    @Test func mutatedWorkspacesLoadOrFailWithLocatedErrors() throws {
        // FUZZ_SEED explores other seeds by hand; the default keeps CI deterministic.
        let seed = ProcessInfo.processInfo.environment["FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_127
        var random = SeededRandom(seed: seed)
        let fixture = try WorkspaceFixture()
        let paths = WorkspaceFixture.files.keys.sorted()
        var loaded = 0
        var rejected = 0
        var seen = Set<Mutation>()

        for iteration in 0..<Self.iterations {
            // Damage one or two files, one to three times each.
            var log: [String] = []
            var touched: [String] = []
            for _ in 0...random.below(2) {
                let path = random.pick(paths)
                var bytes = [UInt8](try Data(contentsOf: fixture.url(path)))
                for _ in 0...random.below(3) {
                    let mutation = random.pick(Mutation.allCases)
                    seen.insert(mutation)
                    bytes = mutation.apply(to: bytes, &random)
                    log.append("\(mutation.rawValue) \(path)")
                }
                try fixture.write(path, bytes: Data(bytes))
                touched.append(path)
            }
            let context = Comment(rawValue: "seed \(seed), iteration \(iteration): \(log.joined(separator: ", "))")

            let result = fixture.load()

            if result.workspace != nil {
                loaded += 1
                #expect(result.errorCount == 0, context)
            } else {
                rejected += 1
                #expect(result.errorCount >= 1, "no workspace and no error; \(context)")
            }
            for diagnostic in result.diagnostics {
                try check(diagnostic, in: fixture, context)
            }
            #expect(result.diagnostics == sorted(result.diagnostics), "diagnostics out of order; \(context)")
            if iteration % 25 == 0 {
                #expect(fixture.load().diagnostics == result.diagnostics, "a second load differs; \(context)")
            }

            for path in Set(touched) { try fixture.write(path, WorkspaceFixture.files[path]!) }
        }
        #expect(rejected > 0)
        #expect(loaded > 0, "no mutation was harmless, which is unlikely: is the fixture still valid?")
        #expect(seen.count == Mutation.allCases.count || loaded + rejected < 200)
    }

    /// The diagnostic names a workspace file that exists, with a position inside it.
    private func check(_ diagnostic: Diagnostic, in fixture: WorkspaceFixture, _ context: Comment) throws {
        let file = diagnostic.file
        #expect(file == "briefing.yaml" || file.hasPrefix("Data/"), "\(diagnostic); \(context)")
        #expect(!file.split(separator: "/").contains(".."), "\(diagnostic); \(context)")
        guard FileManager.default.fileExists(atPath: fixture.url(file).path) else {
            // Only a missing briefing.yaml is reported at a file that is not there.
            Issue.record("\(diagnostic) names a file that does not exist; \(context)")
            return
        }
        #expect(!diagnostic.message.isEmpty, context)
        // Every error points into its file: a line and a column (a warning may concern a whole file).
        if diagnostic.severity == .error {
            #expect(diagnostic.line != nil && diagnostic.column != nil, "unlocated: \(diagnostic); \(context)")
        }
        #expect(!diagnostic.description.contains("\n"), "\(diagnostic.description.debugDescription); \(context)")
        if let column = diagnostic.column {
            #expect(column >= 1, "\(diagnostic); \(context)")
            #expect(diagnostic.line != nil, "\(diagnostic); \(context)")
        }
        if let line = diagnostic.line {
            #expect(line >= 1, "\(diagnostic); \(context)")
            let lines = Self.lineCount(try Data(contentsOf: fixture.url(file)))
            #expect(line <= lines, "\(diagnostic) but the file has \(lines) lines; \(context)")
        }
    }

    /// Lines as YAML counts them: LF, CR LF and a lone CR each end one (as do NEL, LS and PS).
    static func lineCount(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var count = 1
        var index = 0
        while index < bytes.count {
            switch bytes[index] {
            case 0x0A: count += 1
            case 0x0D: if index + 1 >= bytes.count || bytes[index + 1] != 0x0A { count += 1 }
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x85: count += 1
            case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9): count += 1
            default: break
            }
            index += 1
        }
        return count
    }

    private func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.file != y.file { return x.file < y.file }
            if (x.line ?? 0) != (y.line ?? 0) { return (x.line ?? 0) < (y.line ?? 0) }
            if (x.column ?? 0) != (y.column ?? 0) { return (x.column ?? 0) < (y.column ?? 0) }
            return a.offset < b.offset
        }.map(\.element)
    }
}

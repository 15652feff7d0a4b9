import Foundation
import Workspace

/// `briefing archive migrate`: rewrites periods of the older layout into the lean one, each in one
/// atomic swap (``ReportsFolder/write(_:as:)``). What it writes is what `briefing weekly` writes
/// today for the same figures; the files readers open are carried over byte for byte.
extension ReportsFolder {
    /// Files of the older layout that the lean one no longer has: the long CSV (its figures are in
    /// `figures.json`) and the Markdown copy of `methodology.html`.
    static let retiredFiles: Set<String> = ["figures.csv", MethodologyPage.markdownFileName]

    package struct Migration: Sendable {
        package var period: Period
        /// Bytes of the folder before and after.
        package var bytesBefore: Int
        package var bytesAfter: Int
        /// `false` for a period already in the lean layout (left untouched).
        package var rewritten: Bool
    }

    package enum MigrateError: Error, Sendable, CustomStringConvertible, ProblemReporting {
        /// Folders that are not briefing periods, or older periods that cannot be read whole: nothing was migrated.
        case refused([String])
        case cannotWrite(String, reason: String)

        package var problems: [Problem] {
            switch self {
            case .refused(let reasons):
                reasons.map { Problem(.data, $0) } + [Problem(.data, "nothing was migrated; Reports/ was left as it was")]
            case .cannotWrite(let period, let reason):
                [Problem(.environment, "cannot rewrite Reports/\(period): \(reason); it was left as it was")]
            }
        }

        package var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    /// Rewrites `only` (period ids; every period folder when empty) into the lean layout. Every
    /// folder is checked before any is written: a name given that is not a briefing period folder,
    /// a folder named as a period that `briefing weekly` did not write, or an older period whose
    /// figures cannot be read whole, refuses the whole run. `dryRun` computes without writing.
    package func migrate(only: [String] = [], dryRun: Bool) throws(MigrateError) -> [Migration] {
        var refusals: [String] = []
        var targets: [Period] = []
        if only.isEmpty {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                guard let period = Period(name), period.description == name else { continue }
                targets.append(period)
            }
        } else {
            for name in only {
                guard let period = Period(name), period.description == name else {
                    refusals.append("'\(name)' is not a period (expected an id such as 2026-W48, 2026-11 or 2026-Q4)")
                    continue
                }
                targets.append(period)
            }
        }
        var planned: [(Period, [String: Data]?, Int)] = []
        for period in Set(targets).sorted() {
            do {
                let before = try Self.folderFiles(folder(period), period: period)
                let size = before.values.reduce(0) { $0 + $1.count }
                planned.append((period, try Self.leanFiles(before, period: period), size))
            } catch {
                refusals.append("Reports/\(period): \(error.description)")
            }
        }
        if !refusals.isEmpty { throw .refused(refusals) }
        var done: [Migration] = []
        for (period, files, size) in planned {
            guard let files else {
                done.append(Migration(period: period, bytesBefore: size, bytesAfter: size, rewritten: false))
                continue
            }
            if !dryRun {
                do { try write(files, as: period) } catch { throw .cannotWrite(period.description, reason: "\(error)") }
            }
            done.append(Migration(period: period, bytesBefore: size, bytesAfter: files.values.reduce(0) { $0 + $1.count }, rewritten: true))
        }
        return done
    }

    struct NotABriefing: Error, CustomStringConvertible {
        var description: String
    }

    /// Every file of a period folder (relative path → bytes), refused unless `briefing weekly`
    /// wrote the folder: a real folder with a `manifest.json` for `period` and a `snapshot.json`,
    /// holding only regular files and folders.
    static func folderFiles(_ folder: URL, period: Period) throws(NotABriefing) -> [String: Data] {
        let attributes = try? FileManager.default.attributesOfItem(atPath: folder.path)
        guard attributes?[.type] as? FileAttributeType == .typeDirectory else {
            throw NotABriefing(description: "not a folder written by briefing weekly (not a folder); it was left alone")
        }
        guard let manifest = PeriodManifest.read(folder.appendingPathComponent(PeriodManifest.fileName)), manifest.isBriefing,
            manifest.period == period.description
        else {
            throw NotABriefing(description: "not a briefing written by briefing weekly (no manifest.json for \(period)); it was left alone")
        }
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else {
            throw NotABriefing(description: "cannot be listed")
        }
        for case let path as String in enumerator {
            let url = folder.appendingPathComponent(path)
            let type = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.type] as? FileAttributeType
            switch type {
            case .typeDirectory?: continue
            case .typeRegular?:
                guard let data = try? Data(contentsOf: url) else { throw NotABriefing(description: "\(path) cannot be read") }
                files[path] = data
            default:
                throw NotABriefing(description: "\(path) is not a regular file (a symbolic link or a device); the folder was left alone")
            }
        }
        guard files[Snapshot.fileName] != nil else { throw NotABriefing(description: "has no snapshot.json; it was left alone") }
        return files
    }

    /// The lean layout's files for an older period's `files`; `nil` when they are lean already.
    static func leanFiles(_ files: [String: Data], period: Period) throws(NotABriefing) -> [String: Data]? {
        guard let snapshotData = files[Snapshot.fileName], let snapshot = try? JSONDecoder().decode(Snapshot.self, from: snapshotData) else {
            throw NotABriefing(description: "snapshot.json is not a snapshot written by briefing weekly")
        }
        guard snapshot.holdsFigures else {
            guard let data = files[ArchivedFigures.fileName], let figures = ArchivedFigures.decode(data)
            else { throw NotABriefing(description: "snapshot.json is lean but figures.json is missing or not briefing.figures/2") }
            guard files[PeriodSiteFile.name] == nil else { return nil }
            // Lean, but written before `site.json`: the site's figures are added, nothing else changes.
            var withWeighted = snapshot
            for index in withWeighted.markets.indices {
                guard let weighted = figures.weighted(of: withWeighted.markets[index].id) else {
                    throw NotABriefing(description: "figures.json has no weighted figures for \(withWeighted.markets[index].id)")
                }
                withWeighted.markets[index].weighted = weighted
            }
            var lean = files
            do { lean[PeriodSiteFile.name] = try PeriodSiteFile(snapshot: withWeighted).encoded() } catch {
                throw NotABriefing(description: "cannot encode site.json (\(error))")
            }
            return lean
        }
        guard let legacyData = files[ArchivedFigures.fileName] else { throw NotABriefing(description: "figures.json is missing") }
        let figures: ArchivedFigures
        do {
            figures = try ArchivedFigures.legacy(legacyData, marketOrder: snapshot.markets.map(\.id))
        } catch {
            throw NotABriefing(description: "figures.json: \(error)")
        }
        for market in snapshot.markets where figures.weighted(of: market.id) != market.weighted {
            throw NotABriefing(description: "the weighted figures of \(market.id) in snapshot.json and figures.json differ")
        }
        guard let manifestData = files[PeriodManifest.fileName], let manifest = try? JSONDecoder().decode(PeriodManifest.self, from: manifestData) else {
            throw NotABriefing(description: "manifest.json cannot be read")
        }
        var lean = files.filter { !retiredFiles.contains($0.key) }
        do {
            lean[ArchivedFigures.fileName] = try figures.encoded()
            lean[Snapshot.fileName] = try snapshot.encoded()
            lean[PeriodManifest.fileName] = try manifest.encoded()
            lean[PeriodSiteFile.name] = try PeriodSiteFile(snapshot: snapshot).encoded()
        } catch {
            throw NotABriefing(description: "cannot encode the lean files (\(error))")
        }
        return lean
    }
}

extension JSONDecoder {
    /// Reads `figures.json` (Monte Carlo bands may hold `"nan"`).
    static var figures: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

import CSV
import Foundation

/// `Data/markets/<id>.yaml` and the history CSV it names.
extension LoadContext {
    func loadMarket(_ path: String) -> (Market, references: [Reference])? {
        guard let text = read(path) else { return nil }
        let document = YAMLDocument(text: text, file: display(path), sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "market") else { return nil }
        let id = self.id(from: &reader)
        let name = reader.string("name", required: true)
        let definition = reader.string("definition", required: true)
        let unit = reader.choice("unit", AmountUnit.allCases.map(\.rawValue), required: true).flatMap(AmountUnit.init)
        let currency = reader.string("currency", required: true)
        let baseYear = reader.int("base_year", required: true)
        let vendorIDs = vendorList(&reader)
        let confidence = reader.choice("confidence", SourceKind.allCases.map(\.rawValue)).flatMap(SourceKind.init)
        var historySettings = reader.mapping("history", what: "history settings", required: true)
        let historyFile = historySettings?.string("file", required: true)
        let values = historySettings?.choice("values", ["share", "revenue"], required: true)
        let normalize = historySettings?.bool("normalize") ?? false
        historySettings?.finish()
        var (totalSource, vendorSources) = (Source?.none, [String: Source]())
        if var sources = reader.mapping("sources", what: "market sources", required: true) {
            (totalSource, vendorSources) = seriesSources(&sources, vendorIDs: vendorIDs.map(\.0))
        }
        reader.finish()

        if let (id, location) = id, !path.hasSuffix("/\(id).yaml") {
            sink.error("market '\(id)' must be in a file named \(id).yaml", at: location)
        }
        if let currency, !(currency.count == 3 && currency.allSatisfy { $0.isASCII && $0.isUppercase }) {
            sink.error("'currency' must be a three-letter code such as USD, got '\(currency)'", at: reader.location(of: reader.value("currency")!))
        }
        guard let (id, _) = id, let name, let definition, let unit, let currency, let baseYear, let historyFile, let values else {
            return nil
        }
        if historyFile.hasPrefix("/") || historyFile.split(separator: "/").contains("..") {
            sink.error("'file' must name a file next to the market's YAML (no absolute paths or '..'), got '\(historyFile)'",
                       at: historySettings.map { $0.location(of: $0.value("file")!) } ?? reader.location)
            return nil
        }
        let csvPath = (path as NSString).deletingLastPathComponent + "/" + historyFile
        let history = loadHistory(
            csvPath, vendorIDs: vendorIDs.map(\.0), baseYear: baseYear, valuesAreShares: values == "share", normalize: normalize,
            declaredAt: historySettings.map { $0.location(of: $0.value("file")!) } ?? reader.location)
        let market = Market(
            id: id, name: name, definition: definition, unit: unit, currency: currency, baseYear: baseYear,
            vendorIDs: vendorIDs.map(\.0), history: history ?? [], totalSource: totalSource, vendorSources: vendorSources,
            confidence: confidence, file: display(path), path: path, historyPath: csvPath)
        return (market, vendorIDs.map { Reference(kind: .vendor, id: $0.0, location: $0.1) })
    }

    private func vendorList(_ reader: inout MappingReader) -> [(String, Location)] {
        guard let entries = reader.strings("vendors", required: true) else { return [] }
        var seen = Set<String>()
        for (vendorID, location) in entries where !seen.insert(vendorID).inserted {
            sink.error("vendor '\(vendorID)' is listed twice", at: location)
        }
        if entries.isEmpty { sink.error("a market needs at least one vendor", at: reader.location) }
        return entries
    }

    /// `sources: {total: id, vendors: id | {vendor: id}}`.
    private func seriesSources(_ reader: inout MappingReader, vendorIDs: [String]) -> (Source?, [String: Source]) {
        let total = reader.node("total", required: true).flatMap { source(from: $0, in: reader.document) }
        var vendors: [String: Source] = [:]
        if let node = reader.node("vendors", required: true) {
            if case .mapping = node, var perVendor = MappingReader(node, in: reader.document, sink: sink, what: "vendor sources") {
                for (vendorID, keyNode) in perVendor.keys {
                    guard let value = perVendor.node(vendorID) else { continue }
                    if !vendorIDs.contains(vendorID) {
                        var message = "vendor '\(vendorID)' is not one of this market's vendors"
                        if let close = suggestion(for: vendorID, among: vendorIDs) { message += "; did you mean '\(close)'?" }
                        sink.error(message, at: perVendor.location(of: keyNode))
                    }
                    vendors[vendorID] = source(from: value, in: reader.document)
                }
                for vendorID in vendorIDs where vendors[vendorID] == nil && perVendor.value(vendorID) == nil {
                    sink.error("no source for vendor '\(vendorID)'", at: perVendor.location)
                }
                perVendor.finish()
            } else if let shared = source(from: node, in: reader.document) {
                for vendorID in vendorIDs { vendors[vendorID] = shared }
            }
        }
        reader.finish()
        return (total, vendors)
    }

    /// Reads the history CSV: `year,total,<vendor…>`, one row per year.
    func loadHistory(
        _ path: String, vendorIDs: [String], baseYear: Int, valuesAreShares: Bool, normalize: Bool, declaredAt: Location
    ) -> [HistoryYear]? {
        let file = display(path)
        guard FileManagerCheck.exists(url(path)) else {
            sink.error("history file '\(file)' does not exist", at: declaredAt)
            return nil
        }
        guard let text = read(path) else { return nil }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true)
        } catch {
            sink.error("cannot read the CSV header: \(error)", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        guard let header = reader.headerRow, !header.isEmpty else {
            sink.error("the CSV has no header row", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func headerLocation(_ index: Int) -> Location {
            Location(file: file, line: 1, column: 1 + columns.prefix(index).reduce(0) { $0 + $1.count + 1 })
        }
        var problems = false
        for required in ["year", "total"] where !columns.contains(required) {
            sink.error("the header has no '\(required)' column", at: Location(file: file, line: 1, column: 1))
            problems = true
        }
        var seen = Set<String>()
        for (index, column) in columns.enumerated() {
            if !seen.insert(column).inserted {
                sink.error("column '\(column)' appears twice", at: headerLocation(index))
                problems = true
            } else if column != "year", column != "total", !vendorIDs.contains(column) {
                var message = "column '\(column)' is not a vendor of this market"
                if let close = suggestion(for: column, among: vendorIDs) { message += "; did you mean '\(close)'?" }
                sink.error(message, at: headerLocation(index))
                problems = true
            }
        }
        for vendorID in vendorIDs where !columns.contains(vendorID) {
            sink.error("the header has no column for vendor '\(vendorID)'", at: Location(file: file, line: 1, column: 1))
            problems = true
        }
        if problems { return nil }

        var years: [HistoryYear] = []
        var line = 1
        var tolerance = defaults.shareTolerancePP
        if tolerance < 0 { tolerance = 0 }
        while let row = reader.next() {
            line += 1
            defer { line += row.reduce(0) { $0 + $1.filter { $0 == "\n" }.count } }
            if row.count == 1 && row[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            func cellLocation(_ index: Int) -> Location {
                Location(file: file, line: line, column: 1 + row.prefix(index).reduce(0) { $0 + $1.count + 1 })
            }
            guard row.count == columns.count else {
                sink.error("row has \(row.count) values, the header has \(columns.count) columns", at: Location(file: file, line: line, column: 1))
                continue
            }
            var numbers: [String: Double] = [:]
            var rowOK = true
            for (index, column) in columns.enumerated() {
                let cell = row[index].trimmingCharacters(in: .whitespaces)
                guard let value = Double(cell), value.isFinite else {
                    sink.error(cell.isEmpty ? "'\(column)' is empty" : "'\(column)' must be a number, got '\(cell)'", at: cellLocation(index))
                    rowOK = false
                    continue
                }
                if column == "year" {
                    guard value == value.rounded(), (1900...2200).contains(value) else {
                        sink.error("'year' must be a year, got '\(cell)'", at: cellLocation(index))
                        rowOK = false
                        continue
                    }
                } else if value < 0 {
                    sink.error("'\(column)' must not be negative, got \(cell)", at: cellLocation(index))
                    rowOK = false
                }
                numbers[column] = value
            }
            guard rowOK, let year = numbers["year"].map(Int.init), let total = numbers["total"] else { continue }
            let vendorValues = vendorIDs.map { numbers[$0] ?? 0 }
            let sum = vendorValues.reduce(0, +)
            let rowStart = Location(file: file, line: line, column: 1)
            if valuesAreShares {
                if abs(sum - 100) > tolerance + 1e-9 && !normalize {
                    sink.error(
                        "vendor shares for \(year) sum to \(Self.percentText(sum)), expected 100% ± \(Self.number(tolerance)) pp (or set normalize: true)",
                        at: rowStart)
                    continue
                }
            } else if total > 0, abs(sum - total) / total * 100 > tolerance + 1e-9, !normalize {
                sink.error(
                    "vendor revenue for \(year) sums to \(Self.number(sum)), expected the total \(Self.number(total)) ± \(Self.number(tolerance))%",
                    at: rowStart)
                continue
            }
            guard sum > 0 else {
                sink.error("vendor values for \(year) are all zero", at: rowStart)
                continue
            }
            // Shares as written (÷ 100) unless the file asks for normalisation, so 77 stays exactly 0.77.
            var shares: [String: Double] = [:]
            var revenue: [String: Double] = [:]
            for (vendorID, value) in zip(vendorIDs, vendorValues) {
                if valuesAreShares {
                    shares[vendorID] = normalize ? value / sum : value / 100
                    revenue[vendorID] = shares[vendorID]! * total
                } else {
                    shares[vendorID] = value / sum
                    revenue[vendorID] = normalize ? value / sum * total : value
                }
            }
            if let previous = years.last, year != previous.year + 1 {
                sink.error("years must be contiguous and ascending: \(year) follows \(previous.year)", at: cellLocation(columns.firstIndex(of: "year")!))
            }
            years.append(HistoryYear(year: year, total: total, revenue: revenue, shares: shares))
        }
        if let error = reader.error {
            sink.error("cannot read the CSV: \(error)", at: Location(file: file, line: line, column: nil))
        }
        if years.isEmpty {
            sink.error("the history has no rows", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        if let last = years.last, last.year != baseYear {
            sink.error("the history ends in \(last.year) but the market's base_year is \(baseYear)", at: declaredAt)
        }
        return years
    }

    /// `97.0%` — one decimal, as analysts read shares.
    static func percentText(_ value: Double) -> String { Self.number(value, digits: 1) + "%" }

    /// A number for messages: fixed digits, locale-independent.
    static func number(_ value: Double, digits: Int? = nil) -> String {
        if let digits { return String(format: "%.\(digits)f", value) }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }
}

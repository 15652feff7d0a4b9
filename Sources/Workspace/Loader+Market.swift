import Foundation

/// `Data/markets/<id>.yaml` and the history CSV it names.
extension LoadContext {
    /// The range of years a market's `base_year` and a scenario's `horizon` may take.
    static let plausibleYears = 1900...2200

    func loadMarket(_ path: String) -> (Market, references: [Reference])? {
        var declaredID: String?
        if let loaded = readMarket(path, declaredID: &declaredID) { return loaded }
        noteBroken(.market, path: path, id: declaredID)
        return nil
    }

    /// A year field within `plausibleYears`, else an error at its value.
    func year(_ reader: inout MappingReader, _ key: String, required: Bool = false) -> Int? {
        guard let year = reader.int(key, required: required) else { return nil }
        guard LoadContext.plausibleYears.contains(year) else {
            sink.error(
                "'\(key)' must be a year between \(LoadContext.plausibleYears.lowerBound) and \(LoadContext.plausibleYears.upperBound), got \(year)",
                at: reader.location(of: reader.value(key)!))
            return nil
        }
        return year
    }

    private func readMarket(_ path: String, declaredID: inout String?) -> (Market, references: [Reference])? {
        guard let text = read(path) else { return nil }
        let document = YAMLDocument(text: text, file: display(path), sink: sink)
        guard var reader = MappingReader(document.root, in: document, sink: sink, what: "market") else { return nil }
        let id = self.id(from: &reader)
        declaredID = id?.0
        if let (_, location) = id { idLocations[display(path)] = location }
        let name = reader.string("name", required: true)
        let definition = reader.string("definition", required: true)
        let unit = reader.choice("unit", AmountUnit.allCases.map(\.rawValue), required: true).flatMap(AmountUnit.init)
        let currency = reader.string("currency", required: true)
        let baseYear = year(&reader, "base_year", required: true)
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
            sink.error("'currency' must be a three-letter code such as USD, got \(quoted(currency))", at: reader.location(of: reader.value("currency")!))
        }
        guard let (id, _) = id, let name, let definition, let unit, let currency, let baseYear, let historyFile, let values else {
            return nil
        }
        if historyFile.hasPrefix("/") || historyFile.split(separator: "/").contains("..") {
            sink.error("'file' must name a file next to the market's YAML (no absolute paths or '..'), got \(quoted(historyFile))",
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

    /// The `vendors` list, each vendor once: a repeat is reported and dropped, so that it is
    /// neither counted twice in the history nor reported again elsewhere.
    private func vendorList(_ reader: inout MappingReader) -> [(String, Location)] {
        guard let entries = reader.strings("vendors", required: true) else { return [] }
        var seen = Set<String>()
        var unique: [(String, Location)] = []
        for (vendorID, location) in entries {
            if seen.insert(vendorID).inserted {
                unique.append((vendorID, location))
            } else {
                sink.error("vendor \(quoted(vendorID)) is listed twice", at: location)
            }
        }
        if entries.isEmpty { sink.error("a market needs at least one vendor", at: reader.location) }
        return unique
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
                        var message = "vendor \(quoted(vendorID)) is not one of this market's vendors"
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
    ///
    /// A row with a bad cell is reported and left out of the history, but a valid `year` in it
    /// still counts for the checks on the years (contiguous, ending at `base_year`), so that one
    /// bad row does not make the rows around it look wrong.
    func loadHistory(
        _ path: String, vendorIDs: [String], baseYear: Int, valuesAreShares: Bool, normalize: Bool, declaredAt: Location
    ) -> [HistoryYear]? {
        let file = display(path)
        guard FileManagerCheck.exists(url(path)) else {
            sink.error("history file \(quoted(file)) does not exist", at: declaredAt)
            return nil
        }
        guard let text = read(path) else { return nil }
        guard text.contains(where: { !$0.isWhitespace }) else {
            sink.error("the CSV file is empty (it needs a header row)", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        var rows = CSVRows(text: text)
        guard let header = rows.next() else {
            sink.error("the CSV file is empty (it needs a header row)", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        if let spanning = header.spanningField {
            sink.error(CSVRows.spanningMessage, at: Location(file: file, line: 1, column: header.column(of: spanning)))
            return nil
        }
        let columns = header.cells.map { $0.trimmingCharacters(in: .whitespaces) }
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
                sink.error("column \(quoted(column)) appears twice", at: headerLocation(index))
                problems = true
            } else if column != "year", column != "total", !vendorIDs.contains(column) {
                var message = "column \(quoted(column)) is not a vendor of this market"
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
        let yearColumn = columns.firstIndex(of: "year")!

        var years: [HistoryYear] = []
        /// Every valid `year` cell, in file order, with its position: the checks on years use these.
        var writtenYears: [(year: Int, location: Location)] = []
        var hasRows = false
        let tolerance = max(defaults.shareTolerancePP, 0)
        func validYear(_ cell: String) -> Int? {
            guard let value = Double(cell), value == value.rounded(), Double(LoadContext.plausibleYears.lowerBound) <= value,
                value <= Double(LoadContext.plausibleYears.upperBound)
            else { return nil }
            return Int(value)
        }
        func noteYear(_ year: Int, at location: Location) {
            if let previous = writtenYears.last, year != previous.year + 1 {
                sink.error("years must be contiguous and ascending: \(year) follows \(previous.year)", at: location)
            }
            writtenYears.append((year, location))
        }
        while let row = rows.next() {
            let line = row.line
            if row.cells.count == 1 && row.cells[0].trimmingCharacters(in: .whitespaces).isEmpty { continue }
            hasRows = true
            func cellLocation(_ index: Int) -> Location {
                Location(file: file, line: line, column: row.column(of: index))
            }
            // A quote that is never closed runs the value over the following lines; CSVRows reads
            // them again as rows of their own.
            if let spanning = row.spanningField {
                sink.error(CSVRows.spanningMessage, at: cellLocation(spanning))
                if spanning != yearColumn, yearColumn < row.cells.count,
                    let year = validYear(row.cells[yearColumn].trimmingCharacters(in: .whitespaces)) {
                    noteYear(year, at: cellLocation(yearColumn))
                }
                continue
            }
            guard row.cells.count == columns.count else {
                sink.error("row has \(row.cells.count) values, the header has \(columns.count) columns", at: Location(file: file, line: line, column: 1))
                // The year is usually still in its place; keep it for the checks on years.
                if yearColumn < row.cells.count, let year = validYear(row.cells[yearColumn].trimmingCharacters(in: .whitespaces)) {
                    noteYear(year, at: cellLocation(yearColumn))
                }
                continue
            }
            var numbers: [String: Double] = [:]
            var rowOK = true
            for (index, column) in columns.enumerated() {
                let cell = row.cells[index].trimmingCharacters(in: .whitespaces)
                guard LoadContext.isDecimalNumber(cell), let value = Double(cell), value.isFinite else {
                    sink.error(cell.isEmpty ? "'\(column)' is empty" : "'\(column)' must be a number, got \(quoted(cell, limit: 40))", at: cellLocation(index))
                    rowOK = false
                    continue
                }
                if column != "year", value > LoadContext.largestHistoryValue {
                    sink.error(
                        "'\(column)' is \(cell), more than \(LoadContext.number(LoadContext.largestHistoryValue)) (is the unit right?)",
                        at: cellLocation(index))
                    rowOK = false
                    continue
                }
                if column == "year" {
                    guard let year = validYear(cell) else {
                        sink.error("'year' must be a year, got \(quoted(cell))", at: cellLocation(index))
                        rowOK = false
                        continue
                    }
                    noteYear(year, at: cellLocation(index))
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
                        "vendor shares for \(year) sum to \(Self.percentText(sum, differingFrom: 100)), expected 100% ± \(Self.number(tolerance)) pp (or set normalize: true)",
                        at: rowStart)
                    continue
                }
            } else if total > 0, abs(sum - total) / total * 100 > tolerance + 1e-9, !normalize {
                sink.error(
                    "vendor revenue for \(year) sums to \(Self.number(sum, differingFrom: total)), expected the total \(Self.number(total)) ± \(Self.number(tolerance))%",
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
            years.append(HistoryYear(year: year, total: total, revenue: revenue, shares: shares))
        }
        if !hasRows {
            sink.error("the history has no rows", at: Location(file: file, line: 1, column: 1))
            return nil
        }
        if let last = writtenYears.last, last.year != baseYear {
            sink.error("the history ends in \(last.year) but the market's base_year is \(baseYear)", at: declaredAt)
        }
        return years.isEmpty ? nil : years
    }

    /// The largest value a history cell may hold, in the market's unit (a share is at most 100):
    /// beyond it, the projections would leave the range doubles hold.
    static let largestHistoryValue = 1e15
}

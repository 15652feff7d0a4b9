import Workspace

/// A briefing period: an ISO week (`2026-W48`), a month (`2026-11`) or a quarter (`2026-Q4`).
package struct Period: Sendable, Hashable, Comparable, CustomStringConvertible, Codable {
    package let cadence: Cadence
    /// The ISO week-numbering year for weeks, else the calendar year.
    package let year: Int
    /// The week (1–53), month (1–12) or quarter (1–4).
    package let number: Int

    package init(cadence: Cadence, year: Int, number: Int) {
        self.cadence = cadence
        self.year = year
        self.number = number
    }

    /// The period containing `day`.
    package init(containing day: Day, cadence: Cadence) {
        self.cadence = cadence
        switch cadence {
        case .weekly:
            let (isoYear, week) = Period.isoWeek(of: day)
            year = isoYear
            number = week
        case .monthly:
            year = day.year
            number = day.month
        case .quarterly:
            year = day.year
            number = (day.month - 1) / 3 + 1
        }
    }

    /// The years a period may have: those of `Day.supportedRange` and one on either side (an
    /// ISO week can belong to the year before or after its days), so that `start`, `end`,
    /// `next` and `previous` never leave the calendar `Day` can hold.
    package static let supportedYears = (Day.supportedRange.lowerBound.year - 1)...(Day.supportedRange.upperBound.year + 1)

    /// Parses `2026-W48`, `2026-11` or `2026-Q4`; `nil` also for a year outside `supportedYears`
    /// (a folder named `0000-W01` or `9999-12` in Reports/ is not a period).
    package init?(_ text: String) {
        let parts = text.split(separator: "-")
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCII), parts[0].allSatisfy(\.isNumber),
            let year = Int(parts[0]), Period.supportedYears.contains(year)
        else { return nil }
        let tail = parts[1]
        if tail.hasPrefix("W"), tail.count == 3, let week = Int(tail.dropFirst()), (1...Period.weeks(in: year)).contains(week) {
            self.init(cadence: .weekly, year: year, number: week)
        } else if tail.hasPrefix("Q"), tail.count == 2, let quarter = Int(tail.dropFirst()), (1...4).contains(quarter) {
            self.init(cadence: .quarterly, year: year, number: quarter)
        } else if tail.count == 2, tail.allSatisfy(\.isNumber), let month = Int(tail), (1...12).contains(month) {
            self.init(cadence: .monthly, year: year, number: month)
        } else {
            return nil
        }
    }

    package var description: String {
        switch cadence {
        case .weekly: return "\(year)-W\(number < 10 ? "0" : "")\(number)"
        case .monthly: return "\(year)-\(number < 10 ? "0" : "")\(number)"
        case .quarterly: return "\(year)-Q\(number)"
        }
    }

    /// The first day of the period (Monday for weeks).
    package var start: Day {
        switch cadence {
        case .weekly:
            // ISO week 1 contains January 4th; weeks start on Monday.
            let jan4 = Day(year: year, month: 1, day: 4)!
            let mondayOfWeek1 = jan4.ordinal - Period.weekday(jan4) + 1
            return Day(clampedOrdinal: mondayOfWeek1 + (number - 1) * 7)
        case .monthly:
            return Day(year: year, month: number, day: 1)!
        case .quarterly:
            return Day(year: year, month: (number - 1) * 3 + 1, day: 1)!
        }
    }

    /// The last day of the period.
    package var end: Day {
        switch cadence {
        case .weekly: return Day(clampedOrdinal: start.ordinal + 6)
        case .monthly: return Day(year: year, month: number, day: Day.length(ofMonth: number, in: year))!
        case .quarterly: return Day(year: year, month: number * 3, day: Day.length(ofMonth: number * 3, in: year))!
        }
    }

    package func contains(_ day: Day) -> Bool { day >= start && day <= end }

    package var next: Period {
        switch cadence {
        case .weekly:
            return number < Period.weeks(in: year) ? Period(cadence: .weekly, year: year, number: number + 1)
                : Period(cadence: .weekly, year: year + 1, number: 1)
        case .monthly:
            return number < 12 ? Period(cadence: .monthly, year: year, number: number + 1) : Period(cadence: .monthly, year: year + 1, number: 1)
        case .quarterly:
            return number < 4 ? Period(cadence: .quarterly, year: year, number: number + 1) : Period(cadence: .quarterly, year: year + 1, number: 1)
        }
    }

    package var previous: Period {
        switch cadence {
        case .weekly:
            return number > 1 ? Period(cadence: .weekly, year: year, number: number - 1)
                : Period(cadence: .weekly, year: year - 1, number: Period.weeks(in: year - 1))
        case .monthly:
            return number > 1 ? Period(cadence: .monthly, year: year, number: number - 1) : Period(cadence: .monthly, year: year - 1, number: 12)
        case .quarterly:
            return number > 1 ? Period(cadence: .quarterly, year: year, number: number - 1) : Period(cadence: .quarterly, year: year - 1, number: 4)
        }
    }

    /// Periods of different cadences order by their start dates.
    /// Encoded as its id (`"2026-W48"`).
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    package init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let period = Period(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a period: \(text)"))
        }
        self = period
    }

    package static func < (a: Period, b: Period) -> Bool {
        a.start != b.start ? a.start < b.start : a.description < b.description
    }

    /// 1 = Monday … 7 = Sunday.
    static func weekday(_ day: Day) -> Int {
        // 1970-01-01 was a Thursday (4).
        ((day.ordinal % 7) + 7 + 3) % 7 + 1
    }

    /// ISO 8601 week-numbering year and week of `day`.
    static func isoWeek(of day: Day) -> (year: Int, week: Int) {
        let thursday = Day(ordinal: day.ordinal - weekday(day) + 4)
        let jan1 = Day(year: thursday.year, month: 1, day: 1)!
        return (thursday.year, (thursday.ordinal - jan1.ordinal) / 7 + 1)
    }

    /// 52 or 53: the week of December 28th. Computed from the weekday of January 1st (the
    /// Gregorian calendar repeats every 400 years), so it holds for any year, not only those a
    /// `Day` can hold.
    static func weeks(in year: Int) -> Int {
        func jan1Weekday(_ y: Int) -> Int {
            // Zeller-style: weekday of January 1st, 1 = Monday … 7 = Sunday.
            let p = y - 1
            let days = 365 * p + floorDiv(p, 4) - floorDiv(p, 100) + floorDiv(p, 400)  // days from 0001-01-01 (a Monday)
            return ((days % 7) + 7) % 7 + 1
        }
        func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }
        let weekday = jan1Weekday(year)
        return weekday == 4 || (weekday == 3 && isLeap(year)) ? 53 : 52
    }

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
}

extension Day {
    /// The day `ordinal` days after 1970-01-01, held to the first and last day a `Day` can
    /// hold (0001-01-01, 9999-12-31). Only periods outside `Period.supportedYears` reach them.
    init(clampedOrdinal ordinal: Int) {
        let first = Day(year: 1, month: 1, day: 1)!.ordinal
        let last = Day(year: 9999, month: 12, day: 31)!.ordinal
        self.init(ordinal: Swift.min(Swift.max(ordinal, first), last))
    }

    static func length(ofMonth month: Int, in year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The day `ordinal` days after 1970-01-01.
    init(ordinal: Int) {
        // Civil-from-days (Howard Hinnant's algorithm).
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self = Day(year: year, month: month, day: day)!
    }
}

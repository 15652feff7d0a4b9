import Testing
import Workspace
@testable import Briefing

/// Periods at the ends of the supported dates: arithmetic stays inside the calendar, and names of
/// periods outside it (a stray `Reports/0000-W01`) are not periods.
@Suite("Period ranges")
struct PeriodRangeTests {
    static let edges = [
        Day.supportedRange.lowerBound, Day.supportedRange.upperBound, Day("1900-12-31")!, Day("2199-01-01")!, Day("2026-12-31")!,
        Day("2020-12-31")!, Day("2021-01-03")!,
    ]

    @Test(arguments: edges, [Cadence.weekly, .monthly, .quarterly])
    func periodsAroundSupportedDaysAreConsistent(_ day: Day, _ cadence: Cadence) throws {
        let period = Period(containing: day, cadence: cadence)
        #expect(period.start <= day && day <= period.end)
        #expect(period.next.start.ordinal == period.end.ordinal + 1)
        #expect(period.previous.end.ordinal == period.start.ordinal - 1)
        #expect(Period(period.description) == period)
        #expect(Period(period.next.description) == period.next)
        #expect(Period(period.previous.description) == period.previous)
    }

    @Test(arguments: ["0000-W01", "0000-01", "0000-Q1", "9999-W52", "9999-12", "9999-Q4", "1000-05", "+026-W01", "20a6-01"])
    func namesOutsideTheSupportedYearsAreNotPeriods(_ name: String) {
        #expect(Period(name) == nil)
    }

    /// The closed-form week count agrees with counting the week of December 28th.
    @Test func weeksPerYearMatchTheCalendar() {
        for year in Period.supportedYears {
            let december28 = Day(year: year, month: 12, day: 28)!
            #expect(Period.weeks(in: year) == Period.isoWeek(of: december28).week, "\(year)")
        }
        #expect(Period.weeks(in: 2026) == 53)
        #expect(Period.weeks(in: 2025) == 52)
    }
}

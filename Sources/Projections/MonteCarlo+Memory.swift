import Foundation

extension MonteCarlo {
    /// How much memory a Monte Carlo run needs, and how it splits the work to stay within a budget.
    ///
    /// A run keeps one `Double` per path for every column (market size per year, revenue and share
    /// per year and vendor). All columns at once need `paths × columns × 8` bytes, which for
    /// 10 million paths over 5 years and 8 vendors is 6.8 GB. The statistics need only one column
    /// at a time, so the run holds a block of columns that fits the working memory, summarises it,
    /// and simulates the paths again for the next block: the smallest working set is one column plus
    /// one scratch column per worker thread.
    package struct MemoryPlan: Sendable, Equatable {
        /// The working memory a run uses by default: 1 GiB, or half the machine's memory if less.
        package static let defaultWorkingMemory = Int(min(UInt64(1) << 30, ProcessInfo.processInfo.physicalMemory / 2))

        package let paths: Int
        package let columns: Int
        package let workers: Int
        /// Bytes of the bands: four numbers per column for the mixture and each scenario.
        package let bandBytes: Int
        /// Bytes to hold every column of every path at once, plus the bands and scratch space.
        package let fullBytes: Int
        /// Bytes of the smallest working set: one column of every path, one scratch column per
        /// worker, and the bands.
        package let minimumBytes: Int
        /// Columns held at once: all of them when they fit the working memory, otherwise as many as
        /// fit (at least one).
        package let columnsPerBlock: Int

        package init(paths: Int, years: Int, vendors: Int, scenarios: Int, threads: Int, workingMemory: Int) {
            self.paths = max(0, paths)
            columns = years * (1 + 2 * vendors)
            workers = max(1, min(threads, 64))
            let column = Self.bytes(self.paths, 8)
            bandBytes = Self.bytes(columns, (1 + scenarios) * MemoryLayout<Band>.stride)
            let scratch = Self.bytes(column, min(workers, max(1, columns)))
            fullBytes = Self.sum(Self.bytes(column, columns), scratch, bandBytes)
            minimumBytes = Self.sum(column, scratch, bandBytes)
            let fitting = column == 0 ? columns : max(0, workingMemory - scratch - bandBytes) / column
            columnsPerBlock = max(1, min(columns, fitting))
        }

        /// Blocks the run simulates (each simulates every path once).
        package var blocks: Int { columns == 0 ? 0 : (columns + columnsPerBlock - 1) / columnsPerBlock }

        /// The most paths whose smallest working set fits `limit` bytes, for this problem's shape.
        package func largestPaths(within limit: Int) -> Int {
            let perPath = 8 * (1 + min(workers, max(1, columns)))
            return max(0, (limit - bandBytes) / perPath)
        }

        private static func bytes(_ a: Int, _ b: Int) -> Int {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? Int.max : product
        }

        private static func sum(_ values: Int...) -> Int {
            values.reduce(0) { total, value in
                let (result, overflow) = total.addingReportingOverflow(value)
                return overflow ? Int.max : result
            }
        }
    }
}

/// Percentiles with numpy's default method ("linear"): for `n` sorted values and quantile `q`,
/// position `h = q·(n−1)`, result `x[⌊h⌋] + (x[⌊h⌋+1] − x[⌊h⌋])·(h − ⌊h⌋)`, computed as numpy's
/// `_lerp` does (from the upper neighbour when the fraction is at least ½) so results match it.
enum Percentile {
    /// The requested quantiles (ascending, in [0, 1]) of `values`, which is reordered in place.
    /// Order statistics are found by selection, not a full sort. Large inputs are first narrowed
    /// to the few value ranges that hold the wanted order statistics (`narrowed`), which finds
    /// the same order statistics, so the result is the same to the bit.
    static func quantiles(_ values: UnsafeMutableBufferPointer<Double>, _ qs: [Double]) -> [Double] {
        if values.count >= narrowingThreshold, let results = narrowed(values, qs) { return results }
        return selected(values, qs)
    }

    /// ``quantiles(_:_:)`` of `values`, whose ``Scan`` (in index order) the caller made while filling
    /// them: the first narrowing round then skips its own pass over the values. Same result.
    static func quantiles(_ values: UnsafeMutableBufferPointer<Double>, _ qs: [Double], scanned: Scan) -> [Double] {
        if values.count >= narrowingThreshold, let results = narrowed(values, qs, scanned: scanned) { return results }
        return selected(values, qs)
    }

    /// What a narrowing round first learns of its values, one value at a time in index order: the
    /// range, whether one is NaN or infinite, and how many are −0.0.
    struct Scan {
        var low: Double
        var high: Double
        /// Becomes NaN if a value is NaN or infinite.
        var poison = 0.0
        var negativeZeros = 0

        /// Starts at the first value (which is then added like every other).
        @inline(__always)
        init(first: Double) {
            low = first
            high = first
        }

        @inline(__always)
        mutating func add(_ v: Double) {
            low = v < low ? v : low
            high = v > high ? v : high
            poison += v * 0
            negativeZeros &+= v.bitPattern == Scan.negativeZero ? 1 : 0
        }

        static let negativeZero = (-0.0 as Double).bitPattern
    }

    /// Below this many values, selection alone is about as fast as narrowing first.
    static let narrowingThreshold = 1_024

    /// Quantiles from the order statistics at ranks `⌊h⌋` and `⌊h⌋+1`, found after narrowing:
    /// values are counted into equal-width buckets between the minimum and the maximum, and only
    /// the buckets holding a wanted rank are kept (moved to the front of `values`), repeatedly
    /// while that shrinks the candidates; selection then runs on the candidates alone. The bucket
    /// index `⌊(v − min)·scale⌋` never decreases as `v` grows (IEEE rounding is monotonic), so a
    /// lower bucket holds only smaller values and the wanted order statistics keep their ranks
    /// among the candidates, shifted by the counts of the buckets dropped below them.
    /// Returns nil — the caller then selects on everything — when a value is NaN or infinite or
    /// is −0.0 (equal to +0.0 but a different result bit pattern, so which one selection meets
    /// first would matter), or when all values are equal.
    static func narrowed(_ values: UnsafeMutableBufferPointer<Double>, _ qs: [Double], scanned: Scan? = nil) -> [Double]? {
        let n = values.count
        let positions = qs.map { q -> (below: Int, fraction: Double) in
            let h = q * Double(n - 1)
            let below = min(n - 1, Int(h.rounded(.down)))
            return (below, h - Double(below))
        }
        var ranks = Set<Int>()
        for p in positions {
            ranks.insert(p.below)
            if p.below + 1 < n { ranks.insert(p.below + 1) }
        }
        let wanted = ranks.sorted()
        // Ranks of the wanted order statistics among the current candidates `values[0..<count]`.
        var current = wanted
        var count = n
        while count >= narrowingThreshold {
            let candidates = UnsafeMutableBufferPointer(rebasing: values[0..<count])
            guard let (kept, shifted) = narrow(candidates, ranks: current, scanned: count == n ? scanned : nil) else {
                if count == n { return nil }
                break
            }
            if kept * 2 > count {
                // Not worth another round; but the candidates are already at the front.
                count = kept
                current = shifted
                break
            }
            count = kept
            current = shifted
        }
        let candidates = UnsafeMutableBufferPointer(rebasing: values[0..<count])
        var statistics: [Int: Double] = [:]
        var from = 0
        for (rank, k) in zip(wanted, current) {
            select(candidates, k: k, from: from)
            statistics[rank] = candidates[k]
            from = k
        }
        return positions.map { p in
            let a = statistics[p.below]!
            let b = p.below + 1 < n ? statistics[p.below + 1]! : a
            return lerp(a, b, p.fraction)
        }
    }

    /// One narrowing round over `values` for the ascending `ranks`: moves the values of the
    /// buckets that hold those ranks to the front (in their order) and returns how many there
    /// are and the ranks' positions among them; nil when the values cannot be bucketed safely.
    private static func narrow(_ values: UnsafeMutableBufferPointer<Double>, ranks: [Int], scanned: Scan?) -> (Int, [Int])? {
        let n = values.count
        guard n > 0, n < Int(Int32.max) else { return nil }
        let scan: Scan
        if let scanned {
            scan = scanned
        } else {
            var fresh = Scan(first: values[0])
            for v in values { fresh.add(v) }
            scan = fresh
        }
        let (low, high) = (scan.low, scan.high)
        guard !scan.poison.isNaN, scan.negativeZeros == 0, high > low else { return nil }
        let bucketCount = min(4_096, max(64, n >> 5))
        let scale = Double(bucketCount) / (high - low)
        guard (high - low).isFinite, scale.isFinite, scale > 0 else { return nil }
        let last = bucketCount - 1
        @inline(__always) func bucket(_ v: Double) -> Int { min(last, Int((v - low) * scale)) }

        var counts = [Int32](repeating: 0, count: bucketCount)
        counts.withUnsafeMutableBufferPointer { counts in
            for v in values { counts[bucket(v)] &+= 1 }
        }
        // The bucket of each rank, and where each kept bucket starts among the candidates.
        var keep = [UInt8](repeating: 0, count: bucketCount)
        var targets: [(bucket: Int, rank: Int)] = []
        var b = 0
        var below = 0  // values in buckets before `b`
        for rank in ranks {
            while below + Int(counts[b]) <= rank {
                below += Int(counts[b])
                b += 1
            }
            keep[b] = 1
            targets.append((b, rank - below))
        }
        var keptBefore = [Int](repeating: 0, count: bucketCount)
        var kept = 0
        for b in 0..<bucketCount {
            keptBefore[b] = kept
            if keep[b] != 0 { kept += Int(counts[b]) }
        }
        // Move the kept values to the front, in order (each write lands at or before the read).
        var write = 0
        keep.withUnsafeBufferPointer { keep in
            for i in 0..<n {
                let v = values[i]
                values[write] = v
                write &+= Int(keep[bucket(v)])
            }
        }
        return (kept, targets.map { keptBefore[$0.bucket] + $0.rank })
    }

    /// The requested quantiles by selection on all of `values` (reordered in place).
    static func selected(_ values: UnsafeMutableBufferPointer<Double>, _ qs: [Double]) -> [Double] {
        let n = values.count
        guard n > 0 else { return qs.map { _ in .nan } }
        var results: [Double] = []
        var lowerBound = 0
        for q in qs {
            let h = q * Double(n - 1)
            let below = min(n - 1, Int(h.rounded(.down)))
            let fraction = h - Double(below)
            select(values, k: below, from: lowerBound)
            lowerBound = below
            let a = values[below]
            var b = a
            if below + 1 < n {
                // Everything after `below` is ≥ it: the next order statistic is their minimum.
                b = values[below + 1]
                for i in (below + 2)..<n where values[i] < b { b = values[i] }
            }
            results.append(lerp(a, b, fraction))
        }
        return results
    }

    @inline(__always)
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// Moves the `k`-th smallest of `values[start...]` to index `k`, smaller ones before it and
    /// larger ones after (Hoare-style quickselect with median-of-three pivots; deterministic).
    static func select(_ values: UnsafeMutableBufferPointer<Double>, k: Int, from start: Int) {
        var low = start
        var high = values.count - 1
        while high > low {
            if high - low < 16 {
                insertionSort(values, low, high)
                return
            }
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }

    private static func insertionSort(_ values: UnsafeMutableBufferPointer<Double>, _ low: Int, _ high: Int) {
        guard high > low else { return }
        for i in (low + 1)...high {
            let value = values[i]
            var j = i - 1
            while j >= low && values[j] > value {
                values[j + 1] = values[j]
                j -= 1
            }
            values[j + 1] = value
        }
    }
}

/// Percentiles with numpy's default method ("linear"): for `n` sorted values and quantile `q`,
/// position `h = q·(n−1)`, result `x[⌊h⌋] + (x[⌊h⌋+1] − x[⌊h⌋])·(h − ⌊h⌋)`, computed as numpy's
/// `_lerp` does (from the upper neighbour when the fraction is at least ½) so results match it.
enum Percentile {
    /// The requested quantiles (ascending, in [0, 1]) of `values`, which is reordered in place.
    /// Order statistics are found by selection, not a full sort.
    static func quantiles(_ values: UnsafeMutableBufferPointer<Double>, _ qs: [Double]) -> [Double] {
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

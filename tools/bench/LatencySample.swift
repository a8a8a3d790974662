/// A set of latencies in nanoseconds, summarised by nearest-rank percentiles.
struct LatencySample: Sendable {
    /// The recorded latencies, nanoseconds, in recording order until `sorted()` is called.
    private(set) var nanoseconds: [UInt64] = []

    init() {}

    init(nanoseconds: [UInt64]) {
        self.nanoseconds = nanoseconds
    }

    /// How many latencies were recorded.
    var count: Int { nanoseconds.count }

    /// Records one latency.
    mutating func record(_ latency: UInt64) {
        nanoseconds.append(latency)
    }

    /// Adds every latency of `other`.
    mutating func merge(_ other: LatencySample) {
        nanoseconds.append(contentsOf: other.nanoseconds)
    }

    /// The nearest-rank percentile `p` (0...100) in milliseconds, or nil when nothing was recorded.
    func percentileMilliseconds(_ p: Double) -> Double? {
        guard !nanoseconds.isEmpty else { return nil }
        let sorted = nanoseconds.sorted()
        return Double(sorted[Self.rank(of: p, count: sorted.count)]) / 1e6
    }

    /// The median and 99th percentile in milliseconds, sorting once.
    func p50p99Milliseconds() -> (p50: Double, p99: Double)? {
        guard !nanoseconds.isEmpty else { return nil }
        let sorted = nanoseconds.sorted()
        return (
            Double(sorted[Self.rank(of: 50, count: sorted.count)]) / 1e6,
            Double(sorted[Self.rank(of: 99, count: sorted.count)]) / 1e6
        )
    }

    /// The 0-based index of the nearest-rank percentile: ceil(p/100 * n) - 1, clamped.
    static func rank(of p: Double, count: Int) -> Int {
        let rank = Int((p / 100 * Double(count)).rounded(.up)) - 1
        return min(max(rank, 0), count - 1)
    }
}

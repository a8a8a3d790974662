/// One line of the results table.
struct ReportRow: Sendable {
    /// The group it belongs to: `append`, `verify`, `replay` or `http`.
    var group: BenchGroup
    /// What was measured, e.g. "EventLog append, 16 tasks".
    var name: String
    /// Throughput or elapsed time, formatted with its unit.
    var result: String
    /// Median latency, milliseconds, when the row has latencies.
    var p50: Double?
    /// 99th percentile latency, milliseconds, when the row has latencies.
    var p99: Double?
    /// How it was measured or what it is compared with.
    var notes: String
    /// The target this row is judged against, if any.
    var target: TargetCheck?
}

/// A target and whether the measurement met it.
struct TargetCheck: Sendable {
    /// The target as written in the issue, e.g. ">= 50,000 events/s".
    var goal: String
    /// Whether it was met.
    var met: Bool
    /// The measured value in the target's terms, e.g. "2.4 x".
    var measured: String

    /// "met" or "short".
    var verdict: String { met ? "met" : "short" }
}

/// The row groups `--only` selects.
enum BenchGroup: String, CaseIterable, Sendable {
    case append, verify, replay, http
}

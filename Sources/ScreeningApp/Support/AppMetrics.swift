import Metrics

/// The application's metrics (swift-metrics; the HTTP shell bootstraps a Prometheus backend).
struct AppMetrics: Sendable {
    /// Entries appended to the log.
    let appends = Counter(label: "screening_appended_entries_total")
    /// Entries per appended batch.
    let batchSize = Recorder(label: "screening_append_batch_size")

    /// Command latency, by command kind and outcome (`ok`, or the error kind).
    func commandTimer(_ kind: CommandKind, outcome: String) -> Timer {
        Timer(label: "screening_command_duration_seconds", dimensions: [("command", kind.rawValue), ("outcome", outcome)])
    }
}

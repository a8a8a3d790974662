/// What a timed write loop achieved: how many events, in how long, and each acknowledgement's latency.
struct ThroughputMeasurement: Sendable {
    /// Events made durable.
    var events: Int
    /// Wall-clock seconds the loop ran.
    var seconds: Double
    /// Latency of each acknowledgement (an append call, or a committed batch), nanoseconds.
    var latencies: LatencySample
    /// Durable commits (fsyncs of the data, or transactions) it took.
    var commits: Int

    /// Events per second.
    var eventsPerSecond: Double { seconds > 0 ? Double(events) / seconds : 0 }

    /// Events per commit.
    var meanBatchSize: Double { commits > 0 ? Double(events) / Double(commits) : 0 }
}

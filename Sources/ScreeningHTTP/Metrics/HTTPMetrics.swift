import Hummingbird
import Prometheus

/// The HTTP shell's own metrics, recorded straight into the configured Prometheus registry (so
/// they do not depend on the process-wide swift-metrics bootstrap).
struct HTTPMetrics: Sendable {
    /// The registry `GET /metrics` exports.
    let registry: PrometheusCollectorRegistry

    /// Latency buckets for request durations: 1 ms to 10 s.
    static let durationBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5),
        .seconds(10),
    ]

    /// Buckets for the number of log entries one command appended.
    static let batchBuckets: [Double] = [1, 2, 3, 5, 10, 25, 50, 100]

    /// Records one finished request: its latency by route template, method and status.
    func recordRequest(route: String, method: HTTPRequest.Method, status: HTTPResponse.Status, duration: Duration) {
        let labels = [("route", route), ("method", method.rawValue), ("status", String(status.code))]
        registry.makeDurationHistogram(
            descriptor: .init(
                namespace: "screening", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                helpText: "HTTP request latency by route template, method and status."),
            labels: labels, buckets: Self.durationBuckets
        ).record(duration)
        registry.makeCounter(
            descriptor: .init(
                namespace: "screening", subsystem: "http", metricName: "requests", unitName: "total",
                helpText: "HTTP requests by route template, method and status."),
            labels: labels
        ).increment()
    }

    /// Records one write the service performed: the entries it appended as one atomic batch.
    func recordAppend(command: String, entries: Int) {
        registry.makeCounter(
            descriptor: .init(
                namespace: "screening", subsystem: "http", metricName: "appended_entries", unitName: "total",
                helpText: "Log entries appended through the HTTP API, by command."),
            labels: [("command", command)]
        ).increment(by: Int64(entries))
        registry.makeValueHistogram(
            descriptor: .init(
                namespace: "screening", subsystem: "http", metricName: "append_batch", unitName: "entries",
                helpText: "Entries appended atomically per write through the HTTP API."),
            buckets: Self.batchBuckets
        ).record(Double(entries))
    }
}

public import Logging
public import Prometheus

/// How the HTTP shell listens and what it accepts.
///
/// `screening serve` and the tests build the application from this same value through
/// ``buildApplication(service:configuration:)``.
public struct HTTPConfiguration: Sendable {
    /// The address to bind, e.g. `127.0.0.1` (default, loopback only) or `0.0.0.0`.
    public var host: String
    /// The TCP port to bind; 0 picks a free one.
    public var port: Int
    /// The largest request body accepted, in bytes (default 64 KiB). Larger bodies get 413
    /// before any parsing.
    public var maxBodyBytes: Int
    /// The largest body accepted by `POST /v1/protocols`, in bytes (default 1 MiB): a protocol
    /// definition is larger than any screening command.
    public var maxProtocolBodyBytes: Int
    /// The `Server` response header, if any.
    public var serverName: String?
    /// Where request logs go. Logs carry the request id, method, route template, status and
    /// duration, never bodies, values or screening numbers.
    public var logger: Logger
    /// The registry `GET /metrics` exports and the HTTP shell records into (request latencies by
    /// route and status, appended events, entries per command). Bootstrap swift-metrics with it
    /// once per process (``MetricsBootstrap``) to export the application's own metrics too.
    public var metrics: PrometheusCollectorRegistry

    /// The default request body limit: 64 KiB.
    public static let defaultMaxBodyBytes = 64 * 1024

    /// Creates a configuration; every parameter has a safe default (loopback, port 8080, 64 KiB).
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodyBytes: Int = HTTPConfiguration.defaultMaxBodyBytes,
        maxProtocolBodyBytes: Int = 1024 * 1024,
        serverName: String? = nil,
        logger: Logger = Logger(label: "screening.http"),
        metrics: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxProtocolBodyBytes = maxProtocolBodyBytes
        self.serverName = serverName
        self.logger = logger
        self.metrics = metrics
    }
}

import Metrics
public import Prometheus
import Synchronization

/// Routes the process-wide swift-metrics API (the application's and the log writer's metrics)
/// into a Prometheus registry, at most once per process.
///
/// `MetricsSystem.bootstrap` may run only once per process; the composition root (`screening
/// serve`) calls ``bootstrapOnce(registry:)``. Tests need not: the HTTP shell's own metrics go
/// straight to the registry in ``HTTPConfiguration/metrics``.
public enum MetricsBootstrap {
    private static let done = Mutex(false)

    /// Bootstraps swift-metrics with a Prometheus factory over `registry`, unless some earlier
    /// call already did. Returns whether this call bootstrapped.
    @discardableResult
    public static func bootstrapOnce(registry: PrometheusCollectorRegistry) -> Bool {
        done.withLock { done in
            guard !done else { return false }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
            return true
        }
    }
}

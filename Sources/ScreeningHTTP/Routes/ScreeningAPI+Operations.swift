import EventLog
import Hummingbird

extension ScreeningAPI {
    /// `GET /healthz` (liveness, with the log's size) and `GET /metrics` (Prometheus text
    /// exposition format 0.0.4). Both are public and carry no screening data.
    func addOperationsRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            JSONResponse.make(["status": "ok", "logSize": .integer(service.logSize)])
        }
        router.get("/metrics") { _, _ in
            JSONResponse.bytes(
                metrics.registry.emitToBuffer(), status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8",
                headers: [:])
        }
    }
}

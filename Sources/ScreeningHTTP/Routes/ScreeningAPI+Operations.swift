import EventLog
import Hummingbird

extension ScreeningAPI {
    /// `GET /healthz` (the service is up and its store readable: the latest checkpoint's size) and
    /// `GET /metrics` (Prometheus text exposition format 0.0.4). Both are public and carry no
    /// screening data.
    func addOperationsRoutes(to router: Router<Context>) {
        router.get("/healthz") { _, _ in
            let checkpoint = try Self.latestCheckpoint(service.logReader)
            return JSONResponse.make(["status": "ok", "checkpointSize": .integer(checkpoint.size)])
        }
        router.get("/metrics") { _, _ in
            JSONResponse.bytes(
                metrics.registry.emitToBuffer(), status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8",
                headers: [:])
        }
    }
}

import EventLog
import Hummingbird
import Logging
import Metrics
import Prometheus
import Testing

@testable import ScreeningHTTP

/// `GET /healthz`, `GET /metrics`, request ids and unknown routes.
@Suite("Operations endpoints")
struct OperationsEndpointTests {
    @Test("healthz answers without a token and reports the checkpoint size")
    func healthz() async throws {
        try await APIFixture.run { client, fixture in
            let response = try await client.get("/healthz", token: nil)
            #expect(response.status == .ok)
            #expect(response.json["status"] == "ok")
            #expect(response.json["checkpointSize"]?.integerValue == fixture.logSize)
        }
    }

    @Test("metrics are Prometheus text with latencies by route template and status")
    func metrics() async throws {
        try await APIFixture.run { client, _ in
            let token = try await client.login(as: .admin)
            _ = try await client.get("/v1/users", token: token)
            _ = try await client.get("/v1/users", token: nil)
            _ = try await client.post(
                "/v1/users", token: token,
                json: [
                    "id": "extra", "name": "Eli Extra", "role": "coordinator", "password": "synthetic-pass-phrase-43",
                ])
            let response = try await client.get("/metrics", token: nil)
            #expect(response.status == .ok)
            #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = response.text
            #expect(text.contains("# TYPE screening_http_request_duration_seconds histogram"))
            #expect(text.contains(#"route="/v1/users",method="GET",status="200""#))
            #expect(text.contains(#"route="/v1/users",method="GET",status="401""#))
            #expect(text.contains(#"route="/v1/login",method="POST",status="200""#))
            #expect(text.contains(#"screening_http_appended_entries_total{command="user-create"} 1"#))
            #expect(text.contains("screening_http_append_batch_entries_count 1"))
        }
    }

    @Test("a sane X-Request-Id is echoed; an absent or unsafe one is replaced")
    func requestID() async throws {
        try await APIFixture.run { client, _ in
            let echoed = try await client.get("/healthz", token: nil, headers: ["X-Request-Id": "client-abc.123:4"])
            #expect(echoed.header("X-Request-Id") == "client-abc.123:4")

            let fresh = try await client.get("/healthz", token: nil)
            let generated = try #require(fresh.header("X-Request-Id"))
            #expect(generated.count == 36)

            let unsafe = try await client.get("/healthz", token: nil, headers: ["X-Request-Id": "evil id\twith spaces"])
            #expect(unsafe.header("X-Request-Id") != "evil id\twith spaces")
            let tooLong = String(repeating: "a", count: 129)
            let long = try await client.get("/healthz", token: nil, headers: ["X-Request-Id": tooLong])
            #expect(long.header("X-Request-Id") != tooLong)
        }
    }

    @Test("problems quote the request id")
    func problemRequestID() async throws {
        try await APIFixture.run { client, _ in
            let response = try await client.get("/v1/worklist", token: nil, headers: ["X-Request-Id": "trace-77"])
            #expect(response.status == .unauthorized)
            #expect(response.json["requestId"] == "trace-77")
            #expect(response.header("X-Request-Id") == "trace-77")
        }
    }

    @Test("an unknown path is a 404 problem")
    func unknownRoute() async throws {
        try await APIFixture.run { client, _ in
            let response = try await client.get("/v1/nothing-here", token: nil)
            #expect(response.status == .notFound)
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.json["code"] == "route.not_found")
            #expect(response.json["status"]?.integerValue == 404)
        }
    }

    @Test("request ids: the sanity rule")
    func requestIDRule() {
        #expect(RequestID.isSane("a"))
        #expect(RequestID.isSane("A-z_0.9:x"))
        #expect(!RequestID.isSane(""))
        #expect(!RequestID.isSane("a b"))
        #expect(!RequestID.isSane("é"))
        #expect(!RequestID.isSane(String(repeating: "x", count: 129)))
        #expect(RequestID.isSane(String(repeating: "x", count: 128)))
    }

    @Test("request logs carry the request id, route template and status, never bodies or values")
    func requestLogs() async throws {
        let records = RecordingLogHandler.Records()
        let logger = Logger(label: "test.http") { _ in RecordingLogHandler(records: records) }
        try await APIFixture.run(logger: logger) { client, _ in
            let token = try await client.login(as: .admin)
            _ = try await client.post(
                "/v1/users/coord/reset-password", token: token, json: ["password": "secret-pass-phrase-in-body"],
                idempotencyKey: "reset-1")
            _ = try await client.send(
                .post, "/v1/login", headers: ["X-Request-Id": "log-check-1"], body: Array("{".utf8))
        }
        let lines = records.all
        #expect(lines.count >= 3)
        #expect(lines.contains { $0.contains("request.id=log-check-1") && $0.contains("http.status=400") })
        #expect(lines.contains { $0.contains("http.route=/v1/users/{userId}/reset-password") })
        for line in lines {
            #expect(!line.contains("secret-pass-phrase-in-body"))
            #expect(!line.contains(APIFixture.password))
            #expect(!line.contains("/v1/users/coord"), "concrete paths can hold identifiers: \(line)")
        }
    }

    @Test("swift-metrics is bootstrapped into a registry at most once per process")
    func metricsBootstrap() {
        let registry = PrometheusCollectorRegistry()
        let first = MetricsBootstrap.bootstrapOnce(registry: registry)
        #expect(MetricsBootstrap.bootstrapOnce(registry: PrometheusCollectorRegistry()) == false)
        if first {
            Counter(label: "screening_test_bootstrap_total").increment()
            #expect(registry.emitToString().contains("screening_test_bootstrap_total 1"))
        }
    }
}

import EventLog
import Foundation
import Hummingbird
import HummingbirdTesting
import ScreeningHTTP
import Testing

/// The application `screening serve` runs, on a real loopback socket.
@Suite("Live server")
struct LiveServerTests {
    @Test("the built application serves over TCP, streaming the log chunked")
    func liveServer() async throws {
        let fixture = try await APIFixture.make()
        do {
            let app = buildApplication(service: fixture.service, configuration: fixture.configuration)
            try await app.test(.live) { raw in
                let client = APIClient(client: raw)
                let health = try await client.get("/healthz", token: nil)
                #expect(health.status == .ok)
                #expect(health.header("X-Request-Id") != nil)
                let token = try await client.login(as: .monitor)
                let log = try await client.get("/log", token: token)
                #expect(log.status == .ok)
                let stored = try Data(contentsOf: fixture.storeDirectory.appendingPathComponent("events.jsonl"))
                #expect(log.bytes == Array(stored))
            }
        } catch {
            await fixture.close()
            throw error
        }
        await fixture.close()
    }
}

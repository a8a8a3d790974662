import EventLog
import Foundation
import Testing

@testable import ScreeningApp

@Suite("The demo history")
struct DemoTests {
    @Test("The demo records a dozen subjects through the service, each in its intended state")
    func demoStates() async throws {
        let directory = TemporaryDirectory()
        let clock = DemoClock(start: Timestamp(microsecondsSinceEpoch: 0))
        let configuration = AppConfiguration(
            storeDirectory: directory.url.appendingPathComponent("eventstore"), passwordIterations: 1_000,
            now: { clock.now })
        let (service, summary) = try await DemoScenario.run(configuration, clock: clock)
        defer { Task { await service.close() } }
        #expect(summary.subjects.count == 12)
        var statuses: [String: String] = [:]
        for (number, _) in summary.subjects {
            statuses[number] = try await service.subjectStatus(number).jsonValue["status"]?.stringValue
        }
        #expect(statuses["S-001"] == "on-study")
        #expect(statuses["S-002"] == "on-study")
        #expect(statuses["S-003"] == "not-registered")
        #expect(statuses["S-004"] == "not-registered")
        #expect(statuses["S-005"] == "ineligible")
        #expect(statuses["S-006"] == "not-registered")
        #expect(statuses["S-007"] == "screening")
        #expect(statuses["S-008"] == "not-registered")
        #expect(statuses["S-009"] == "withdrawn")
        #expect(statuses["S-010"] == "eligible")
        #expect(statuses["S-011"] == "candidate")
        #expect(statuses["S-012"] == "ineligible")
        let s012 = try await service.subjectStatus("S-012").jsonValue
        #expect(s012["signature"]?["applies"] == .bool(false))
        // Replay before the amendment: S-012 was eligible and signed.
        let before = try await service.subjectStatus("S-012", asOf: "2026-11-14")
        #expect(before.jsonValue["status"]?.stringValue == "eligible")
        #expect(before.jsonValue["signature"]?["applies"] == .bool(true))
    }
}

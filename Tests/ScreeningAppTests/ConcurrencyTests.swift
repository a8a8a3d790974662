import EventLog
import Testing

@testable import ScreeningApp

@Suite("Concurrent writers")
struct ConcurrencyTests {
    @Test("A hundred concurrent writers through the service give a gap-free log that verifies")
    func hundredWriters() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        let start = service.logSize
        let date = CommandFixtures.date
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<100 {
                group.addTask {
                    let number = "S-\(1000 + index)"
                    let user = index.isMultiple(of: 2) ? Fixture.user(.coordinator) : Fixture.user(.investigator)
                    _ = try await service.perform(
                        CommandRequest(.register, body: ["screeningNumber": .string(number), "screeningDate": .string(date)]),
                        by: user, via: .http, idempotencyKey: "register-\(index)")
                    _ = try await service.perform(
                        CommandRequest(.consent, target: number, body: ["formVersion": "ICF v2.1", "dateSigned": .string(date)]),
                        by: user, via: .http)
                }
            }
            try await group.waitForAll()
        }
        #expect(service.logSize == start + 200)
        let entries = try Fixture.entries(service)
        #expect(entries.map(\.seq) == Array(0..<Int64(entries.count)))
        let screening = try await service.screeningLog()
        #expect(screening.jsonValue["consort"]?["assessed"] == 100)
        let verification = try await service.verify()
        #expect(verification.passed)
        await service.close()
        let report = try StoreVerifier(storeDirectory: service.configuration.storeDirectory.path).verify()
        #expect(report.isIntact)
    }
}

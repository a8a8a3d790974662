import EventLog
import Testing

@testable import ScreeningApp

/// Role refusals read as sentences naming the action, not raw command codes.
@Suite("Refusal wording")
struct RefusalWordingTests {
    @Test("role refusals name the action in a sentence")
    func roleRefusals() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let number = try await CommandFixtures.registered(service)
        let attestation = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.attestation, target: number, body: [
                    "input": "survival_over_12_weeks", "value": ["yesNo": true], "observedOn": .string(CommandFixtures.date),
                ]), by: Fixture.user(.coordinator), via: .cli)
        }
        #expect(attestation?.reason == "A coordinator may not record an investigator attestation.")
        let assessment = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.assessment, target: number, body: ["input": "ecog", "value": ["number": "1"]]),
                by: Fixture.user(.monitor), via: .cli)
        }
        #expect(assessment?.reason == "A monitor may not record an assessment.")
        let read = #expect(throws: AppError.self) { try service.authorizeRead(.screeningData, by: Fixture.user(.admin)) }
        #expect(read?.reason == "An admin may not read screening data.")
        #expect(read?.code == "role.forbidden")
    }
}

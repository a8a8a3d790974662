import EventLog
import Testing

@testable import ScreeningApp

@Suite("Idempotency keys")
struct IdempotencyTests {
    @Test("A retry returns the original outcome and appends nothing, also after a restart")
    func retry() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        let request = CommandRequest(.register, body: ["screeningNumber": "S-900", "screeningDate": .string(CommandFixtures.date)])
        let user = Fixture.user(.coordinator)
        let first = try await service.perform(request, by: user, via: .http, idempotencyKey: "key-1")
        #expect(!first.replayed)
        let size = service.logSize
        let second = try await service.perform(request, by: user, via: .http, idempotencyKey: "key-1")
        #expect(second.replayed)
        #expect(second.recorded == first.recorded)
        #expect(service.logSize == size)
        let stored = try Fixture.entries(service).last!
        #expect(stored.data["request"]?["idempotencyKey"] == "key-1")
        #expect(stored.data["request"]?["sha256"]?.stringValue == request.fingerprint.hex)

        let configuration = service.configuration
        await service.close()
        let reopened = try await ScreeningService.open(configuration)
        defer { Task { await reopened.close() } }
        let third = try await reopened.perform(request, by: user, via: .http, idempotencyKey: "key-1")
        #expect(third.replayed)
        #expect(third.recorded == first.recorded)
        #expect(reopened.logSize == size)
    }

    @Test("The same key with a different body is a conflict and writes nothing")
    func keyReuse() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let user = Fixture.user(.coordinator)
        _ = try await service.perform(
            CommandRequest(.register, body: ["screeningNumber": "S-901", "screeningDate": .string(CommandFixtures.date)]),
            by: user, via: .http, idempotencyKey: "key-2")
        let size = service.logSize
        let error = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.register, body: ["screeningNumber": "S-902", "screeningDate": .string(CommandFixtures.date)]),
                by: user, via: .http, idempotencyKey: "key-2")
        }
        #expect(error?.kind == .conflict)
        #expect(error?.code == "idempotency.key_reused")
        #expect(service.logSize == size)
        // Keys are per user: another user may use the same key for their own request.
        let other = try await service.perform(
            CommandRequest(.register, body: ["screeningNumber": "S-903", "screeningDate": .string(CommandFixtures.date)]),
            by: Fixture.user(.investigator), via: .http, idempotencyKey: "key-2")
        #expect(!other.replayed)
    }

    @Test("Bad input names the field and writes nothing")
    func badInput() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let number = try await CommandFixtures.registered(service)
        let size = service.logSize
        let cases: [(CommandRequest, AppError.Kind, String?)] = [
            (CommandRequest(.assessment, target: number, body: ["input": "ecog", "value": ["number": "7"], "observedOn": .string(CommandFixtures.date)]), .invalid, "value"),
            (CommandRequest(.assessment, target: number, body: ["input": "ecog"]), .malformed, "value"),
            (CommandRequest(.assessment, target: number, body: ["input": "no_such_input", "value": ["number": "1"]]), .invalid, "input"),
            (CommandRequest(.consent, target: "S-404", body: ["formVersion": "v1", "dateSigned": .string(CommandFixtures.date)]), .notFound, "subject"),
            (CommandRequest(.register, body: ["screeningNumber": "S-950", "screeningDate": "2026-13-40"]), .malformed, "screeningDate"),
            (CommandRequest(.register, body: ["screeningNumber": "S-951", "screeningDate": .string(CommandFixtures.date), "name": "A Person"]), .invalid, "name"),
            (CommandRequest(.register, body: .array([])), .malformed, nil),
        ]
        for (request, kind, field) in cases {
            let error = await #expect(throws: AppError.self) {
                _ = try await service.perform(request, by: Fixture.user(.coordinator), via: .http)
            }
            #expect(error?.kind == kind, "\(request.kind) \(error?.code ?? "")")
            if let field { #expect(error?.field == field, "\(request.kind) \(error?.code ?? "")") }
            #expect(service.logSize == size)
        }
    }
}

import EventLog
import Testing

@testable import ScreeningApp

@Suite("Electronic signatures")
struct SignatureTests {
    @Test("Signing needs the signer's own password and the evaluation currently shown")
    func signing() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let number = try await CommandFixtures.eligible(service)
        let status = try await service.subjectStatus(number)
        let hash = try #require(status.evaluationSHA256)
        let investigator = Fixture.user(.investigator)

        // A wrong password: refused, logged as a failed login, no signature.
        let wrong = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.signEligibility, target: number, body: [
                    "evaluationSHA256": .string(hash), "password": "not-my-password", "meaning": try await CommandFixtures.meaning(service, number),
                ]),
                by: investigator, via: .http)
        }
        #expect(wrong?.kind == .unauthenticated)
        #expect(try Fixture.entries(service).last?.type == "user.login_failed")
        #expect(try !Fixture.entries(service).contains { $0.type == "eligibility.signed" })

        // The subject changes after review (a correction with its reason): the old hash is stale,
        // nothing is written.
        let ecogSeq = try #require(Self.evidenceSeq(status.jsonValue, input: "ecog"))
        _ = try await CommandFixtures.perform(
            service, CommandFixtures.coordinator, .correction, number,
            ["supersedes": .integer(ecogSeq), "reason": "transcription error", "input": "ecog",
             "value": ["number": "0"], "observedOn": .string(CommandFixtures.date)])
        let size = service.logSize
        let stale = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.signEligibility, target: number, body: [
                    "evaluationSHA256": .string(hash), "password": .string(Fixture.password), "meaning": try await CommandFixtures.meaning(service, number),
                ]),
                by: investigator, via: .http)
        }
        #expect(stale?.kind == .conflict)
        #expect(stale?.field == "evaluationSHA256")
        #expect(service.logSize == size)

        // The current evaluation with the right password: signed, by the investigator, with the meaning shown.
        let current = try await service.subjectStatus(number)
        let meaning = try #require(current.jsonValue["signatureMeaning"]?.stringValue)
        let outcome = try await service.perform(
            CommandRequest(.signEligibility, target: number, body: [
                "evaluationSHA256": .string(current.evaluationSHA256!), "password": .string(Fixture.password), "meaning": .string(meaning),
            ]), by: investigator, via: .http)
        let signed = try #require(try Fixture.entries(service).first { $0.seq == outcome.recorded[0].seq })
        #expect(signed.type == "eligibility.signed")
        #expect(signed.actor.id == investigator.id)
        #expect(signed.data["evaluationSHA256"]?.stringValue == current.evaluationSHA256)
        #expect(signed.data["meaning"]?.stringValue == meaning)
        #expect(signed.data["password"] == nil)
        #expect(try await service.subjectStatus(number).jsonValue["signature"]?["applies"] == true)
    }

    @Test("A signature without its meaning is refused, naming the field; nothing is written")
    func meaningRequired() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let number = try await CommandFixtures.eligible(service)
        let hash = try #require(try await service.subjectStatus(number).evaluationSHA256)
        let size = service.logSize
        let error = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.signEligibility, target: number, body: ["evaluationSHA256": .string(hash), "password": .string(Fixture.password)]),
                by: Fixture.user(.investigator), via: .http)
        }
        #expect(error?.kind == .malformed)
        #expect(error?.field == "meaning")
        #expect(service.logSize == size)
    }

    @Test("An admin cannot sign, even with the admin's own password")
    func adminCannotSign() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let number = try await CommandFixtures.eligible(service)
        let hash = try await service.subjectStatus(number).evaluationSHA256!
        let size = service.logSize
        let error = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.signEligibility, target: number, body: [
                    "evaluationSHA256": .string(hash), "password": .string(Fixture.adminPassword), "meaning": try await CommandFixtures.meaning(service, number),
                ]),
                by: Fixture.user(.admin), via: .http)
        }
        #expect(error?.kind == .forbidden)
        #expect(service.logSize == size)
    }

    /// The seq of the entry that recorded `input`'s current value, from the evaluation's evidence.
    static func evidenceSeq(_ value: JSONValue, input: String) -> Int64? {
        switch value {
        case .object(let members):
            if members["input"]?.stringValue == input, let seq = members["sourceSeq"]?.integerValue { return seq }
            return members.values.lazy.compactMap { evidenceSeq($0, input: input) }.first
        case .array(let elements):
            return elements.lazy.compactMap { evidenceSeq($0, input: input) }.first
        default:
            return nil
        }
    }
}

import EventLog
import Foundation
import Synchronization

@testable import ScreeningApp

/// Requests for every write command, with whatever the store must hold first for them to succeed.
enum CommandFixtures {
    static let day = 10
    static var date: String { DemoScript.date(day) }
    static let extraUser = "extra"

    private static let counter = Mutex(0)

    static func newNumber() -> String {
        "S-\(100 + counter.withLock { value in value += 1; return value })"
    }

    static let coordinator = Fixture.user(.coordinator)
    static let investigator = Fixture.user(.investigator)
    static let admin = Fixture.user(.admin)

    @discardableResult
    static func perform(_ service: ScreeningService, _ user: AuthenticatedUser, _ kind: CommandKind, _ target: String? = nil, _ body: [String: JSONValue] = [:]) async throws -> CommandOutcome {
        try await service.perform(CommandRequest(kind, target: target, body: .object(body)), by: user, via: .cli)
    }

    static func registered(_ service: ScreeningService, consent: Bool = true) async throws -> String {
        let number = newNumber()
        try await perform(service, coordinator, .register, nil, ["screeningNumber": .string(number), "screeningDate": .string(date),
                                                                 "dateOfBirth": "1980-01-01", "sex": "male"])
        if consent {
            try await perform(service, coordinator, .consent, number, ["formVersion": "ICF v2.1", "dateSigned": .string(date)])
        }
        return number
    }

    /// A consented subject with a complete, eligible work-up.
    static func eligible(_ service: ScreeningService) async throws -> String {
        let number = try await registered(service)
        for finding in DemoFindings.workUp(sex: "male", day: day) {
            var body = finding.body
            body["input"] = .string(finding.input)
            try await perform(service, finding.attested ? investigator : coordinator, finding.attested ? .attestation : .assessment, number, body)
        }
        return number
    }

    static func sign(_ service: ScreeningService, _ number: String) async throws {
        let hash = try await service.subjectStatus(number).evaluationSHA256!
        try await perform(service, investigator, .signEligibility, number, [
            "evaluationSHA256": .string(hash), "password": .string(Fixture.password), "meaning": try await meaning(service, number),
        ])
    }

    /// The signature meaning the subject's status shows.
    static func meaning(_ service: ScreeningService, _ number: String) async throws -> JSONValue {
        try await service.subjectStatus(number).jsonValue["signatureMeaning"] ?? .null
    }

    /// A request for `kind` that succeeds for a role allowed to make it, after preparing the store.
    static func request(for kind: CommandKind, by role: Role, in service: ScreeningService) async throws -> CommandRequest {
        let ownPassword = JSONValue.string(role == .admin ? Fixture.adminPassword : Fixture.password)
        switch kind {
        case .register:
            return CommandRequest(kind, body: ["screeningNumber": .string(newNumber()), "screeningDate": .string(date)])
        case .consent:
            return CommandRequest(kind, target: try await registered(service, consent: false),
                                  body: ["formVersion": "ICF v2.1", "dateSigned": .string(date)])
        case .withdrawConsent:
            return CommandRequest(kind, target: try await registered(service), body: ["dateWithdrawn": .string(date)])
        case .assessment:
            return CommandRequest(kind, target: try await registered(service),
                                  body: ["input": "ecog", "value": ["number": "1"], "observedOn": .string(date)])
        case .attestation:
            return CommandRequest(kind, target: try await registered(service),
                                  body: ["input": "survival_over_12_weeks", "value": ["yesNo": true], "observedOn": .string(date)])
        case .correction:
            let number = try await registered(service)
            let seq = try await perform(service, coordinator, .assessment, number, ["input": "ecog", "value": ["number": "1"], "observedOn": .string(date)]).recorded[0].seq
            return CommandRequest(kind, target: number, body: ["supersedes": .integer(seq), "reason": "transcription error", "input": "ecog",
                                                               "value": ["number": "2"], "observedOn": .string(date)])
        case .signEligibility:
            let number = try await eligible(service)
            let hash = try await service.subjectStatus(number).evaluationSHA256!
            return CommandRequest(kind, target: number, body: [
                "evaluationSHA256": .string(hash), "password": ownPassword, "meaning": try await meaning(service, number),
            ])
        case .enrol:
            let number = try await eligible(service)
            try await sign(service, number)
            return CommandRequest(kind, target: number)
        case .screenFail:
            return CommandRequest(kind, target: try await registered(service), body: ["category": "declined"])
        case .withdraw:
            return CommandRequest(kind, target: try await registered(service), body: ["initiatedBy": "subject"])
        case .auditReviewed:
            return CommandRequest(kind, target: try await registered(service), body: ["comment": "reviewed"])
        case .registerProtocol:
            return CommandRequest(kind, body: ["bundled": "NCT05827835-v1.1"])
        case .createUser:
            return CommandRequest(kind, body: ["id": "new.user", "name": "New User", "role": "coordinator", "password": "new-user-password"])
        case .changeRole:
            return CommandRequest(kind, target: extraUser, body: ["role": "monitor"])
        case .deactivateUser:
            return CommandRequest(kind, target: extraUser)
        case .resetPassword:
            return CommandRequest(kind, target: extraUser, body: ["password": "another-password-1"])
        case .unlockUser:
            for _ in 0..<5 { _ = try? await service.login(userID: extraUser, password: "wrong-password", via: .http) }
            return CommandRequest(kind, target: extraUser)
        }
    }

    /// A store with one account per role plus `extra` (a coordinator that account commands target).
    static func service(_ directory: TemporaryDirectory, clock: ManualClock = ManualClock()) async throws -> ScreeningService {
        let service = try await Fixture.service(directory, clock: clock)
        try await perform(service, admin, .createUser, nil, ["id": .string(extraUser), "name": "Extra Person", "role": "coordinator",
                                                             "password": .string(Fixture.temporaryPassword)])
        try await service.changePassword(
            userID: extraUser, currentPassword: Fixture.temporaryPassword, newPassword: Fixture.password, via: .cli)
        return service
    }
}

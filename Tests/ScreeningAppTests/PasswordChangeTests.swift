import EventLog
import Foundation
import Testing

@testable import ScreeningApp

@Suite("Temporary passwords and the holder's own password change")
struct PasswordChangeTests {
    @Test("An admin who resets an investigator's password cannot use it to sign (Part 11)")
    func adminResetCannotSign() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        let number = try await CommandFixtures.eligible(service)
        let status = try await service.subjectStatus(number)
        let hash = try #require(status.evaluationSHA256)
        let meaning = try #require(status.jsonValue["signatureMeaning"]?.stringValue)
        _ = try await service.perform(
            CommandRequest(.resetPassword, target: "investigator", body: ["password": "chosen-by-admin-1"]),
            by: Fixture.user(.admin), via: .http)

        // The admin can log in with the password they chose, but the session can do nothing.
        let session = try await service.login(userID: "investigator", password: "chosen-by-admin-1", via: .http)
        #expect(session.passwordChangeRequired)
        let size = service.logSize
        let signing = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.signEligibility, target: number, body: [
                    "evaluationSHA256": .string(hash), "password": "chosen-by-admin-1", "meaning": .string(meaning),
                ]), by: session.user, via: .http)
        }
        #expect(signing?.kind == .forbidden)
        #expect(signing?.code == "password.change_required")
        #expect(service.logSize == size)
        let reading = #expect(throws: AppError.self) { try service.authenticate(token: session.token) }
        #expect(reading?.code == "password.change_required")
        #expect(throws: AppError.self) { try service.authorizeRead(.screeningData, by: session.user) }
        // The session may still change the password.
        #expect(try service.authenticate(token: session.token, allowingTemporaryPassword: true).id == "investigator")
    }

    @Test("The holder changes the password with the current one; logged without a hash; sessions end")
    func changeOwnPassword() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        defer { Task { await service.close() } }
        _ = try await service.perform(
            CommandRequest(.resetPassword, target: "investigator", body: ["password": "chosen-by-admin-1"]),
            by: Fixture.user(.admin), via: .http)
        let session = try await service.login(userID: "investigator", password: "chosen-by-admin-1", via: .http)

        let wrong = await #expect(throws: AppError.self) {
            try await service.changePassword(
                userID: "investigator", currentPassword: "not-the-password", newPassword: "my-own-password-1", via: .http)
        }
        #expect(wrong?.code == "auth.bad_credentials")
        #expect(try Fixture.entries(service).last?.type == "user.login_failed")
        let unchanged = await #expect(throws: AppError.self) {
            try await service.changePassword(
                userID: "investigator", currentPassword: "chosen-by-admin-1", newPassword: "chosen-by-admin-1", via: .http)
        }
        #expect(unchanged?.field == "newPassword")
        let short = await #expect(throws: AppError.self) {
            try await service.changePassword(
                userID: "investigator", currentPassword: "chosen-by-admin-1", newPassword: "short", via: .http)
        }
        #expect(short?.code == "password.too_short")
        #expect(short?.field == "newPassword")

        try await service.changePassword(
            userID: "investigator", currentPassword: "chosen-by-admin-1", newPassword: "my-own-password-1", via: .http)
        let changed = try #require(try Fixture.entries(service).last)
        #expect(changed.type == "user.password_changed")
        #expect(changed.actor.id == "investigator")
        #expect(changed.data["userID"]?.stringValue == "investigator")
        #expect(Set(changed.data.keys) == ["userID", "via"])  // never a hash
        #expect(throws: AppError.self) { try service.authenticate(token: session.token, allowingTemporaryPassword: true) }

        // Now the investigator works and signs with their own password.
        let relogged = try await service.login(userID: "investigator", password: "my-own-password-1", via: .http)
        #expect(!relogged.passwordChangeRequired)
        #expect(try service.authenticate(token: relogged.token).id == "investigator")
        let number = try await CommandFixtures.eligible(service)
        let status = try await service.subjectStatus(number)
        _ = try await service.perform(
            CommandRequest(.signEligibility, target: number, body: [
                "evaluationSHA256": .string(status.evaluationSHA256!), "password": "my-own-password-1",
                "meaning": .string(status.jsonValue["signatureMeaning"]!.stringValue!),
            ]), by: relogged.user, via: .http)
        #expect(try Fixture.entries(service).last?.type == "eligibility.signed")
    }

    @Test("The credentials file records who set each password")
    func credentialsRecordSetter() async throws {
        let directory = TemporaryDirectory()
        let service = try await CommandFixtures.service(directory)
        let configuration = service.configuration
        _ = try await service.perform(
            CommandRequest(.resetPassword, target: "monitor", body: ["password": "chosen-by-admin-1"]),
            by: Fixture.user(.admin), via: .http)
        await service.close()
        let path = configuration.secretsDirectory.appendingPathComponent("credentials.json")
        let document = try JSONValue.parse(Array(try Data(contentsOf: path)))
        #expect(document["credentials"]?["monitor"]?["setBy"]?.stringValue == "admin")
        #expect(document["credentials"]?["investigator"]?["setBy"]?.stringValue == "self")
        #expect(document["credentials"]?["admin"]?["setBy"]?.stringValue == "self")
        // The flag survives a restart.
        let reopened = try await ScreeningService.open(configuration)
        defer { Task { await reopened.close() } }
        let session = try await reopened.login(userID: "monitor", password: "chosen-by-admin-1", via: .cli)
        #expect(session.passwordChangeRequired)
    }
}

import EventLog
import Foundation
import Testing

@testable import ScreeningApp

@Suite("Accounts, logins and sessions")
struct AccountsTests {
    @Test("Login returns a token that authenticates until it expires; logout revokes it")
    func tokenLifecycle() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        let service = try await Fixture.service(directory, clock: clock)
        defer { Task { await service.close() } }
        let session = try await service.login(userID: "coordinator", password: Fixture.password, via: .http)
        #expect(session.token.count == 43)  // 32 bytes, base64url without padding
        #expect(try service.authenticate(token: session.token).id == "coordinator")
        clock.advance(seconds: 3599)
        #expect(try service.authenticate(token: session.token).role == .coordinator)
        clock.advance(seconds: 1)
        #expect(throws: AppError.self) { try service.authenticate(token: session.token) }

        let second = try await service.login(userID: "coordinator", password: Fixture.password, via: .http)
        try await service.logout(token: second.token, via: .http)
        #expect(throws: AppError.self) { try service.authenticate(token: second.token) }
        let types = try Fixture.entries(service).map(\.type)
        #expect(types.filter { $0 == "user.login" }.count >= 2)
        #expect(types.last == "user.logout")
    }

    @Test("Five failed logins in a row lock the account; an admin unlocks it")
    func lockout() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        let service = try await Fixture.service(directory, clock: clock)
        defer { Task { await service.close() } }
        for _ in 0..<5 {
            await #expect(throws: AppError.self) {
                _ = try await service.login(userID: "monitor", password: "wrong-password", via: .http)
            }
        }
        let locked = await #expect(throws: AppError.self) {
            _ = try await service.login(userID: "monitor", password: Fixture.password, via: .http)
        }
        #expect(locked?.code == "auth.locked")
        let entries = try Fixture.entries(service)
        #expect(entries.filter { $0.type == "user.login_failed" }.count == 6)
        #expect(entries.filter { $0.type == "user.locked" }.count == 1)

        // Only an admin unlocks.
        await #expect(throws: AppError.self) {
            _ = try await service.perform(CommandRequest(.unlockUser, target: "monitor"), by: Fixture.user(.investigator), via: .cli)
        }
        _ = try await service.perform(CommandRequest(.unlockUser, target: "monitor", body: ["reason": "confirmed by phone"]), by: Fixture.user(.admin), via: .cli)
        let session = try await service.login(userID: "monitor", password: Fixture.password, via: .http)
        #expect(session.user.role == .monitor)
    }

    @Test("Unknown users and wrong passwords give the same error")
    func uniformFailure() async throws {
        let directory = TemporaryDirectory()
        let service = try await Fixture.service(directory, clock: ManualClock())
        defer { Task { await service.close() } }
        let unknown = await #expect(throws: AppError.self) {
            _ = try await service.login(userID: "nobody", password: "whatever-password", via: .http)
        }
        let wrong = await #expect(throws: AppError.self) {
            _ = try await service.login(userID: "coordinator", password: "whatever-password", via: .http)
        }
        #expect(unknown?.code == "auth.bad_credentials")
        #expect(wrong?.code == unknown?.code)
        #expect(wrong?.kind == .unauthenticated)
    }

    @Test("Role changes, deactivation and password resets are logged and take effect")
    func administration() async throws {
        let directory = TemporaryDirectory()
        let service = try await Fixture.service(directory, clock: ManualClock())
        defer { Task { await service.close() } }
        let session = try await service.login(userID: "coordinator", password: Fixture.password, via: .http)
        _ = try await service.perform(
            CommandRequest(.changeRole, target: "coordinator", body: ["role": "investigator", "reason": "promoted"]),
            by: Fixture.user(.admin), via: .cli)
        // Sessions end on a role change.
        #expect(throws: AppError.self) { try service.authenticate(token: session.token) }
        _ = try await service.perform(
            CommandRequest(.resetPassword, target: "coordinator", body: ["password": "another-password"]),
            by: Fixture.user(.admin), via: .cli)
        await #expect(throws: AppError.self) {
            _ = try await service.login(userID: "coordinator", password: Fixture.password, via: .http)
        }
        let relogged = try await service.login(userID: "coordinator", password: "another-password", via: .http)
        #expect(relogged.user.role == .investigator)
        _ = try await service.perform(CommandRequest(.deactivateUser, target: "coordinator"), by: Fixture.user(.admin), via: .cli)
        #expect(throws: AppError.self) { try service.authenticate(token: relogged.token) }
        // Ids are never reused.
        let reuse = await #expect(throws: AppError.self) {
            _ = try await service.perform(
                CommandRequest(.createUser, body: ["id": "coordinator", "name": "Someone Else", "role": "coordinator", "password": "long-enough-pw"]),
                by: Fixture.user(.admin), via: .cli)
        }
        #expect(reuse?.kind == .conflict)
        let types = try Fixture.entries(service).map(\.type)
        #expect(types.contains("user.role_changed"))
        #expect(types.contains("user.password_reset"))
        #expect(types.contains("user.deactivated"))
        #expect(service.accounts().first { $0.id == "coordinator" }?.active == false)
    }

    @Test("Credentials live in the secrets directory with mode 0600, never in the store or the log")
    func credentialsFile() async throws {
        let directory = TemporaryDirectory()
        let service = try await Fixture.service(directory, clock: ManualClock())
        let configuration = service.configuration
        await service.close()
        let path = configuration.secretsDirectory.appendingPathComponent("credentials.json").path
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(!configuration.secretsDirectory.path.hasPrefix(configuration.storeDirectory.path + "/"))
        let storeFiles = try FileManager.default.subpathsOfDirectory(atPath: configuration.storeDirectory.path)
        #expect(!storeFiles.contains { $0.contains("credentials") })
        let log = try String(contentsOf: configuration.storeDirectory.appendingPathComponent("events.jsonl"), encoding: .utf8)
        #expect(!log.contains(Fixture.password))
        #expect(!log.contains("pbkdf2"))
        // The accounts and their passwords survive a restart.
        let reopened = try await ScreeningService.open(configuration)
        defer { Task { await reopened.close() } }
        #expect(try await reopened.login(userID: "monitor", password: Fixture.password, via: .cli).user.role == .monitor)
    }
}

import EventLog
import Foundation
import Synchronization
import Testing

@testable import ScreeningApp

@Suite("Credentials change only together with their log entry")
struct CredentialDurabilityTests {
    @Test("a decision that stages nothing (an idempotent replay) runs no credentials write")
    func replayWritesNoCredentials() async throws {
        let directory = TemporaryDirectory()
        let service = try await Fixture.service(directory, clock: ManualClock())
        let ran = Mutex(false)
        _ = try await service.commit({ _, _ throws(AppError) in Decision(drafts: [], result: ()) }, afterStage: { _ throws(AppError) in
            ran.withLock { $0 = true }
        })
        #expect(ran.withLock { $0 } == false)
        await service.close()
    }

    @Test("a verifier whose batch never reached the log is dropped on open; the one it replaced is back")
    func undurableVerifierDropped() async throws {
        let directory = TemporaryDirectory()
        let clock = ManualClock()
        let service = try await Fixture.service(directory, clock: clock)
        _ = try await service.perform(
            CommandRequest(.resetPassword, target: "coordinator", body: ["password": "second-password"]),
            by: Fixture.user(.admin), via: .cli)
        let size = service.logSize
        await service.close()

        // As if a later reset had written the file and then its batch had failed.
        let configuration = Fixture.configuration(directory, clock: clock)
        let store = try CredentialStore.load(secretsDirectory: configuration.secretsDirectory)
        try store.store(PasswordHash.derive(password: "lost-password", iterations: 1_000, setBy: .admin), for: "coordinator", seq: size)
        try store.store(PasswordHash.derive(password: "ghost-password", iterations: 1_000, setBy: .admin), for: "ghost", seq: size + 1)

        let reopened = try await ScreeningService.open(configuration)
        await #expect(throws: AppError.self) {
            _ = try await reopened.login(userID: "coordinator", password: "lost-password", via: .cli)
        }
        _ = try await reopened.login(userID: "coordinator", password: "second-password", via: .cli)
        _ = try await reopened.login(userID: "admin", password: Fixture.adminPassword, via: .cli)
        await reopened.close()
        // The file itself was settled: the dropped verifiers are gone for good.
        let settled = try CredentialStore.load(secretsDirectory: configuration.secretsDirectory)
        #expect(settled.hash(for: "ghost") == nil)
        #expect(settled.hash(for: "coordinator")?.matches("second-password") == true)
    }
}

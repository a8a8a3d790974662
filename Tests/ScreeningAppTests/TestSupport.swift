import EventLog
import Foundation
import Synchronization

@testable import ScreeningApp

/// A clock the test moves by hand (UTC microseconds).
final class ManualClock: Sendable {
    private let micros: Mutex<Int64>

    init(_ start: Timestamp = Timestamp(microsecondsSinceEpoch: 1_795_000_000_000_000)) {
        micros = Mutex(start.microsecondsSinceEpoch)
    }

    var now: Timestamp { Timestamp(microsecondsSinceEpoch: micros.withLock { $0 }) }

    func advance(seconds: Int64) {
        micros.withLock { $0 += seconds * 1_000_000 }
    }
}

/// A fresh temporary directory, removed when the test's `TemporaryDirectory` is released.
final class TemporaryDirectory: Sendable {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("screening-app-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

enum Fixture {
    static let adminPassword = "admin-password-1"
    static let password = "user-password-1"

    static func configuration(_ directory: TemporaryDirectory, clock: ManualClock) -> AppConfiguration {
        AppConfiguration(
            storeDirectory: directory.url.appendingPathComponent("eventstore"),
            passwordIterations: 1_000, allowWeakPasswordHashing: true, tokenLifetime: .seconds(3600), now: { clock.now })
    }

    /// A store holding the demo's history (`DemoScenario`), its service still open, and the
    /// configuration to reopen it with.
    static func demo() async throws -> (service: ScreeningService, configuration: AppConfiguration, directory: TemporaryDirectory) {
        let directory = TemporaryDirectory()
        let clock = DemoClock(start: Timestamp(microsecondsSinceEpoch: 0))
        let configuration = AppConfiguration(
            storeDirectory: directory.url.appendingPathComponent("eventstore"), passwordIterations: 1_000,
            allowWeakPasswordHashing: true, now: { clock.now })
        let (service, _) = try await DemoScenario.run(configuration, clock: clock)
        return (service, configuration, directory)
    }

    /// The password the admin gives a new account, before its holder changes it to `password`.
    static let temporaryPassword = "temporary-password-1"

    /// A new store with an admin and one account per role (ids = role names).
    static func service(_ directory: TemporaryDirectory, clock: ManualClock) async throws -> ScreeningService {
        let service = try await ScreeningService.create(
            configuration(directory, clock: clock), admin: NewAccount(id: "admin", name: "Ada Admin", role: .admin),
            password: adminPassword)
        let admin = try await service.login(userID: "admin", password: adminPassword, via: .cli)
        for role in [Role.coordinator, .investigator, .monitor] {
            _ = try await service.perform(
                CommandRequest(.createUser, body: ["id": .string(role.rawValue), "name": .string("Test \(role.rawValue)"),
                                                   "role": .string(role.rawValue), "password": .string(temporaryPassword)]),
                by: admin.user, via: .cli)
            // An admin-set password is temporary: each holder sets their own before working.
            try await service.changePassword(
                userID: role.rawValue, currentPassword: temporaryPassword, newPassword: password, via: .cli)
        }
        return service
    }

    static func user(_ role: Role) -> AuthenticatedUser {
        role == .admin
            ? AuthenticatedUser(id: "admin", name: "Ada Admin", role: .admin)
            : AuthenticatedUser(id: role.rawValue, name: "Test \(role.rawValue)", role: role)
    }

    static func entries(_ service: ScreeningService) throws -> [LogEntry] {
        let cursor = try service.logReader.entries()
        return try cursor.collect()
    }
}

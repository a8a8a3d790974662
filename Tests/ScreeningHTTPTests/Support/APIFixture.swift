import EventLog
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import ScreeningApp
import ScreeningHTTP

/// A fresh store created through `ScreeningService`, with one account per role, served by the
/// application `screening serve` builds (`buildApplication`), driven through the real router.
struct APIFixture: Sendable {
    /// The temporary directory holding the store and its secrets.
    let directory: URL
    /// The service over the store.
    let service: ScreeningService
    /// The HTTP configuration the application is built with.
    let configuration: HTTPConfiguration

    /// Every account's password (synthetic).
    static let password = "synthetic-pass-phrase-42"

    /// The accounts created in every fixture, one per role.
    static let accounts: [(id: String, name: String, role: Role)] = [
        ("admin", "Ada Admin", .admin),
        ("coord", "Cora Coordinator", .coordinator),
        ("inv", "Ivan Investigator", .investigator),
        ("mon", "Mona Monitor", .monitor),
    ]

    /// The user id of the account with `role`.
    static func userID(for role: Role) -> String {
        accounts.first { $0.role == role }!.id
    }

    /// Creates a store with the four accounts.
    static func make(
        maxBodyBytes: Int = HTTPConfiguration.defaultMaxBodyBytes, logger: Logger? = nil
    ) async throws -> APIFixture {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("screening-http-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let configuration = AppConfiguration(
            storeDirectory: directory.appendingPathComponent("store", isDirectory: true),
            passwordIterations: 1_000, allowWeakPasswordHashing: true, now: { [clock = StepClock()] in clock.now() })
        let admin = accounts[0]
        let service = try await ScreeningService.create(
            configuration, admin: NewAccount(id: admin.id, name: admin.name, role: admin.role), password: password)
        let session = try await service.login(userID: admin.id, password: password, via: .cli)
        for account in accounts.dropFirst() {
            _ = try await service.perform(
                CommandRequest(
                    .createUser,
                    body: [
                        "id": .string(account.id), "name": .string(account.name),
                        "role": .string(account.role.rawValue), "password": .string("temporary-" + password),
                    ]),
                by: session.user, via: .cli)
            // An admin-set password is temporary: each holder sets their own before working.
            try await service.changePassword(
                userID: account.id, currentPassword: "temporary-" + password, newPassword: password, via: .cli)
        }
        var http = HTTPConfiguration(port: 0, maxBodyBytes: maxBodyBytes)
        if let logger { http.logger = logger }
        return APIFixture(directory: directory, service: service, configuration: http)
    }

    /// Runs `test` against the application built exactly as `screening serve` builds it, then
    /// closes the service and removes the store.
    static func run<Value: Sendable>(
        maxBodyBytes: Int = HTTPConfiguration.defaultMaxBodyBytes, logger: Logger? = nil,
        _ test: @escaping @Sendable (APIClient, APIFixture) async throws -> Value
    ) async throws -> Value {
        let fixture = try await make(maxBodyBytes: maxBodyBytes, logger: logger)
        do {
            let value = try await fixture.withClient { client in try await test(client, fixture) }
            await fixture.close()
            return value
        } catch {
            await fixture.close()
            throw error
        }
    }

    /// Runs `body` with a client of the router of `buildApplication(service:configuration:)`.
    func withClient<Value: Sendable>(_ body: @escaping @Sendable (APIClient) async throws -> Value) async throws
        -> Value
    {
        let app = buildApplication(service: service, configuration: configuration)
        return try await app.test(.router) { client in
            try await body(APIClient(client: client))
        }
    }

    /// The number of entries in the log: the size of the latest checkpoint, which the writer
    /// updates before an append returns.
    var logSize: Int64 { (try? service.logReader.acknowledgedSize()) ?? -1 }

    /// The store directory.
    var storeDirectory: URL { service.configuration.storeDirectory }

    /// Closes the service and deletes the store and its secrets.
    func close() async {
        await service.close()
        try? FileManager.default.removeItem(at: directory)
    }
}

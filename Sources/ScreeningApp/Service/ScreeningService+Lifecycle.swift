import EventLog
import Foundation
import LogCrypto
import Logging

extension ScreeningService {
    /// Creates a new store (signing key, `log.created`), its first administrator and the bundled
    /// protocol definition, and opens it. The password is hashed into the secrets directory.
    ///
    /// Refuses (`conflict`, `store.exists`) if the store directory already holds a log.
    public static func create(
        _ configuration: AppConfiguration, admin: NewAccount, password: String, via: Interface = .cli
    ) async throws(AppError) -> ScreeningService {
        try await createStore(configuration, admin: admin, password: password, via: via)
    }

    /// Opens an existing store: loads the signing key and credentials, and folds the log into the
    /// service's state (accounts, idempotency keys, screening state).
    public static func open(_ configuration: AppConfiguration) async throws(AppError) -> ScreeningService {
        try await openStore(configuration)
    }

    /// Opens a store for reading only, without its signing key or lock (so it works while
    /// `screening serve` holds the store): the state is folded from the acknowledged log at
    /// opening; writes and logins fail with `unavailable` (`store.read_only`).
    public static func openReadOnly(_ configuration: AppConfiguration) async throws(AppError) -> ScreeningService {
        try await openStoreReadOnly(configuration)
    }

    /// Whether writes are possible (false for `openReadOnly`).
    public var isWritable: Bool { writer != nil }

    /// Closes the log writer. The service must not be used afterwards.
    public func close() async {
        await writer?.close()
    }
}

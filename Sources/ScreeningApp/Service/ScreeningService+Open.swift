import EventLog
import Foundation
import LogCrypto
import Logging
import ScreeningDomain

extension ScreeningService {
    static let minimumPasswordLength = 10

    static func createStore(
        _ configuration: AppConfiguration, admin: NewAccount, password: String, via: Interface
    ) async throws(AppError) -> ScreeningService {
        let logger = Logger(label: "screening.app")
        try configuration.validate()
        guard AccountEvent.isValidUserID(admin.id) else {
            throw .invalid("user.id_invalid", field: "id", "must be 1-64 of a-z 0-9 . _ -, starting with a letter or digit")
        }
        try validateName(admin.name)
        guard admin.role == .admin else {
            throw .invalid("user.role_invalid", field: "role", "the first account must be an admin")
        }
        try validatePassword(password)
        let location = StoreLocation(store: configuration.storeDirectory, secrets: configuration.secretsDirectory)
        let adminActor = Actor(id: admin.id, name: admin.name, role: Role.admin.rawValue)
        let writer: LogWriter
        do {
            let key = try location.createSigningKey()
            writer = try await LogWriter.create(
                at: location, origin: configuration.origin, signingKey: key, creator: adminActor,
                clock: ClockAdapter(read: configuration.now))
        } catch {
            throw storeError(error, action: "create the store")
        }
        let credentials = try CredentialStore.load(secretsDirectory: configuration.secretsDirectory)
        // The first admin chooses their own password at `init`.
        let hash = PasswordHash.derive(password: password, iterations: configuration.passwordIterations, setBy: .user)
        let service = ScreeningService(
            configuration: configuration, writer: writer, verifierKey: writer.verifierKey,
            state: try await foldLog(location, site: configuration.site), credentials: credentials, logger: logger)
        try await service.bootstrap(admin: admin, hash: hash, actor: adminActor, via: via)
        logger.info("store created", metadata: ["entries": "\(service.logSize)"])
        return service
    }

    static func openStore(_ configuration: AppConfiguration) async throws(AppError) -> ScreeningService {
        let logger = Logger(label: "screening.app")
        try configuration.validate()
        let location = StoreLocation(store: configuration.storeDirectory, secrets: configuration.secretsDirectory)
        let writer: LogWriter
        do {
            let key = try location.loadSigningKey()
            writer = try await LogWriter.open(at: location, signingKey: key, clock: ClockAdapter(read: configuration.now))
        } catch {
            throw storeError(error, action: "open the store")
        }
        let credentials = try CredentialStore.load(secretsDirectory: configuration.secretsDirectory)
        let state: AppState
        do {
            state = try await foldLog(location, site: configuration.site)
            try credentials.settle(logSize: state.lastSeq + 1, persist: true)
        } catch {
            await writer.close()
            throw error
        }
        logger.info("store opened", metadata: ["seq": "\(state.lastSeq)"])
        return ScreeningService(
            configuration: configuration, writer: writer, verifierKey: writer.verifierKey, state: state,
            credentials: credentials, logger: logger)
    }

    static func openStoreReadOnly(_ configuration: AppConfiguration) async throws(AppError) -> ScreeningService {
        let logger = Logger(label: "screening.app")
        let location = StoreLocation(store: configuration.storeDirectory, secrets: configuration.secretsDirectory)
        let state = try await foldLog(location, site: configuration.site)
        guard let keyText = state.verifierKeyText, let key = try? NoteVerifierKey(parsing: keyText) else {
            throw .unavailable("store.no_log", "the store has no readable log.created entry")
        }
        let credentials = try CredentialStore.load(secretsDirectory: configuration.secretsDirectory)
        try credentials.settle(logSize: state.lastSeq + 1, persist: false)
        return ScreeningService(
            configuration: configuration, writer: nil, verifierKey: key, state: state,
            credentials: credentials, logger: logger)
    }

    /// Reads the whole log into a fresh state: every entry's envelope, the payloads of account,
    /// protocol and log entries, and no screening payload (subjects are folded on first use, see
    /// `loadSubject`). The idempotency index comes from a second pass that reads only each keyed
    /// request's `data.request`; it is the costlier pass (about three times the envelope pass per
    /// entry), so it is split in two: the later three quarters of the log on another core while
    /// this one reads the envelopes and then the first quarter. The two parts are looked up
    /// together.
    static func foldLog(_ location: StoreLocation, site: SiteCalendar) async throws(AppError) -> AppState {
        let reader = LogReader(store: location)
        let size: Int64
        do {
            size = try reader.acknowledgedSize()
        } catch {
            throw storeError(error, action: "read the log")
        }
        let split = size / 4
        async let later = Result { () throws(AppError) in
            try keyedRequests(reader, from: split, through: size - 1, room: split..<size)
        }
        var state = AppState(site: site)
        do {
            try reader.forEachOutline(through: size - 1) { outline in try state.evolve(outline: outline) }
        } catch {
            _ = await later
            throw storeError(error, action: "read the log")
        }
        let earlier: IdempotencyIndex
        do throws(AppError) {
            earlier = try keyedRequests(reader, from: 0, through: split - 1, room: 0..<split)
        } catch {
            _ = await later
            throw error
        }
        var index = try await later.get()
        index.prepend(earlier)
        state.idempotency = index
        return state
    }

    /// The idempotency index of the entries with seqs `from...through`, with room for the keyed
    /// requests among the seqs `room`.
    private static func keyedRequests(_ reader: LogReader, from: Int64, through: Int64, room: Range<Int64>) throws(AppError)
        -> IdempotencyIndex
    {
        var index = IdempotencyIndex()
        // At most one keyed request per 600 bytes of log: growing the index step by step would
        // rehash it a dozen times on a large log.
        let logBytes = (try? FileManager.default.attributesOfItem(atPath: reader.location.eventsURL.path)[.size] as? Int) ?? 0
        let size = max(1, (try? reader.acknowledgedSize()) ?? 1)
        index.reserve(Int(Double(logBytes / 600) * Double(room.count) / Double(size)))
        guard from <= through else { return index }
        do {
            try reader.forEachOutline(from: from, through: through) { outline in
                if let fields = try outline.dataMemberStrings("request", fields: IdempotencyIndex.requestFields) {
                    index.evolve(
                        key: fields[0], fingerprint: fields[1], command: fields[2], userID: try outline.actorID(),
                        seq: outline.seq)
                }
            }
        } catch {
            throw storeError(error, action: "read the log")
        }
        return index
    }

    static func validatePassword(_ password: String, field: String = "password") throws(AppError) {
        if password.count < minimumPasswordLength {
            throw .invalid("password.too_short", field: field, "must be at least \(minimumPasswordLength) characters")
        }
        if password.utf8.count > 1024 {
            throw .invalid("password.too_long", field: field, "must be at most 1024 bytes")
        }
    }

    static func validateName(_ name: String, field: String = "name") throws(AppError) {
        if name.allSatisfy(\.isWhitespace) { throw .invalid("field.empty", field: field, "must not be empty") }
        if name.count > 128 { throw .invalid("field.too_long", field: field, "must be at most 128 characters") }
    }

    /// Maps a store error to an `AppError` (never with event data: store errors carry none).
    static func storeError(_ error: any Error, action: String) -> AppError {
        if let error = error as? AppError { return error }
        if let error = error as? LogStoreError {
            switch error.code {
            case LogStoreError.existsCode:
                return .conflict("store.exists", "cannot \(action): \(error.reason)")
            case LogStoreError.notFoundCode:
                return .notFound("store.not_found", "cannot \(action): \(error.reason)")
            case LogStoreError.invalidDraftCode:
                return .invalid("draft.invalid", field: error.location, error.reason)
            default:
                let place = error.location.map { " (\($0))" } ?? ""
                return .unavailable(error.code, "cannot \(action): \(error.reason)\(place)")
            }
        }
        return .unavailable("store.io", "cannot \(action): \(error)")
    }
}

public import EventLog
import Foundation
import LogCrypto
import Logging
import Synchronization

/// The application layer both shells use: accounts, sessions, the one command path, idempotency,
/// queries and verification over one store.
///
/// Every write goes authenticate -> authorise role -> decide against the current state ->
/// append atomically through the log writer's `transact` (the decision runs inside it, under the
/// state lock, so concurrent requests cannot race) -> return once the entries are durable.
public final class ScreeningService: Sendable {
    /// The configuration the service was opened with.
    public let configuration: AppConfiguration
    /// The log's writer; nil for a read-only service (`openReadOnly`), which refuses writes.
    let writer: LogWriter?
    /// The key checkpoints are signed with (C2SP note verifier key), pinned by `verify`.
    let verifierKey: NoteVerifierKey
    let state: Mutex<AppState>
    let credentials: CredentialStore
    let sessions: SessionTable
    let logger: Logger
    let metrics: AppMetrics
    /// Current subject views, until the subject's next entry or protocol version.
    let subjectViews = SubjectViewCache()

    init(
        configuration: AppConfiguration, writer: LogWriter?, verifierKey: NoteVerifierKey, state: AppState,
        credentials: CredentialStore, logger: Logger
    ) {
        self.configuration = configuration
        self.writer = writer
        self.verifierKey = verifierKey
        self.state = Mutex(state)
        self.credentials = credentials
        self.sessions = SessionTable()
        self.logger = logger
        self.metrics = AppMetrics()
    }

    /// The number of entries in the log folded so far (the last seq + 1; `log.created` is seq 0).
    public var logSize: Int64 {
        state.withLock { $0.lastSeq + 1 }
    }

    /// A reader over the store, for streaming raw lines to auditors. With a writer, it sees every
    /// entry the writer acknowledged (the `checkpoint` file is replaced just after).
    public var logReader: LogReader {
        writer?.reader ?? LogReader(store: storeLocation)
    }

    var storeLocation: StoreLocation {
        StoreLocation(store: configuration.storeDirectory, secrets: configuration.secretsDirectory)
    }
}

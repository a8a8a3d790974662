public import Foundation

/// Where a log lives: the store directory (what auditors receive) and the secrets directory
/// (the writer's Ed25519 private key), which is always outside the store.
///
/// Store layout (see docs/format.md):
/// - `events.jsonl` - one JCS event object per line, each ending in "\n".
/// - `checkpoint` - the latest signed checkpoint (C2SP tlog-checkpoint in a C2SP signed note).
/// - `checkpoints.jsonl` - every checkpoint ever issued, in order, one JCS `{"note": ...}` per line.
/// - `recovered/` - bytes set aside by crash recovery, kept exactly.
/// - `.lock` - the writer's lock file (flock(2), exclusive, non-blocking).
///
/// The private key is `signing-key.pem` (PKCS#8 PEM, mode 0600) in the secrets directory
/// (mode 0700), by default the store path with `.secrets` appended: `./eventstore` keeps its key
/// in `./eventstore.secrets/signing-key.pem`. The secrets directory must not lie inside the store.
public struct StoreLocation: Sendable, Hashable {
    /// The store directory.
    public var storeURL: URL
    /// The directory holding the signing key; never inside `storeURL`.
    public var secretsURL: URL

    /// The default store directory, `./eventstore`, relative to the working directory.
    public static let defaultStorePath = "eventstore"

    /// A store at `store`, with its secrets in `secrets` or, by default, beside it in
    /// `<store>.secrets`.
    public init(store: URL, secrets: URL? = nil) {
        self.storeURL = store.standardizedFileURL
        self.secretsURL =
            (secrets ?? URL(fileURLWithPath: store.standardizedFileURL.path + ".secrets")).standardizedFileURL
    }

    /// A store at the file-system path `storePath` (default `./eventstore`), with its secrets in
    /// `secretsPath` or, by default, `<storePath>.secrets`.
    public init(storePath: String = StoreLocation.defaultStorePath, secretsPath: String? = nil) {
        let store = URL(fileURLWithPath: POSIXFile.absolutePath(storePath))
        self.init(store: store, secrets: secretsPath.map { URL(fileURLWithPath: POSIXFile.absolutePath($0)) })
    }
}

extension StoreLocation {
    /// The file name of the event log inside the store.
    public static let eventsFileName = "events.jsonl"
    /// The file name of the latest checkpoint inside the store.
    public static let checkpointFileName = "checkpoint"
    /// The file name of the checkpoint history inside the store.
    public static let checkpointHistoryFileName = "checkpoints.jsonl"
    /// The directory inside the store where crash recovery sets bytes aside.
    public static let recoveredDirectoryName = "recovered"
    /// The lock file inside the store.
    public static let lockFileName = ".lock"
    /// The private key's file name inside the secrets directory.
    public static let signingKeyFileName = "signing-key.pem"
    /// The file in the secrets directory where the writer remembers the latest checkpoint it
    /// published (a signed note, not secret), so that open() detects a store rolled back.
    public static let lastCheckpointFileName = "last-checkpoint"

    /// `events.jsonl`.
    public var eventsURL: URL { storeURL.appendingPathComponent(Self.eventsFileName) }
    /// `checkpoint`.
    public var checkpointURL: URL { storeURL.appendingPathComponent(Self.checkpointFileName) }
    /// `checkpoints.jsonl`.
    public var checkpointHistoryURL: URL { storeURL.appendingPathComponent(Self.checkpointHistoryFileName) }
    /// `recovered/`.
    public var recoveredURL: URL { storeURL.appendingPathComponent(Self.recoveredDirectoryName, isDirectory: true) }
    /// `.lock`.
    public var lockURL: URL { storeURL.appendingPathComponent(Self.lockFileName) }
    /// `signing-key.pem` in the secrets directory.
    public var signingKeyURL: URL { secretsURL.appendingPathComponent(Self.signingKeyFileName) }
    /// `last-checkpoint` in the secrets directory.
    public var lastCheckpointURL: URL { secretsURL.appendingPathComponent(Self.lastCheckpointFileName) }
    /// The file next to `last-checkpoint` where the writer remembers where the log stood at that
    /// checkpoint, so that open() need not reread the log before it (`CheckpointMemory`).
    public static let resumePointFileName = "last-checkpoint.resume"
    /// `last-checkpoint.resume` in the secrets directory.
    var resumePointPath: String { secretsURL.appendingPathComponent(Self.resumePointFileName).path }

    var storePath: String { storeURL.path }
    var eventsPath: String { eventsURL.path }
    var checkpointPath: String { checkpointURL.path }
    var checkpointHistoryPath: String { checkpointHistoryURL.path }
    var recoveredPath: String { recoveredURL.path }

    /// Throws unless the secrets directory lies outside the store directory. Compares the paths
    /// with symbolic links resolved (of the longest existing ancestor when a directory does not
    /// exist yet), so a link cannot place the secrets inside the store.
    func checkSecretsOutsideStore() throws {
        let store = POSIXFile.resolvedPath(storeURL.path)
        let secrets = POSIXFile.resolvedPath(secretsURL.path)
        if secrets == store || secrets.hasPrefix(store == "/" ? "/" : store + "/") {
            throw LogStoreError(
                code: LogStoreError.locationCode,
                reason: "the secrets directory must be outside the store directory \(store), which auditors receive",
                location: secrets
            )
        }
    }
}

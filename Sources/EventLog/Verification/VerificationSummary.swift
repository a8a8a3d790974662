public import LogCrypto

/// What verification established about a store, complete when intact, up to the failure otherwise.
public struct VerificationSummary: Sendable, Hashable {
    /// The store directory, as given.
    public var store: String
    /// Whether the auditor supplied the verifier key (`--key`) rather than trusting `log.created`.
    public var keyPinned: Bool
    /// The verifier key signatures were checked against (C2SP note verifier key form), once known.
    public var verifierKey: String?
    /// The log's origin from `log.created`, once known.
    public var origin: String?
    /// The number of entries verified: the whole log when intact.
    public var entries: Int64 = 0
    /// The number of distinct `subject` values among the verified entries.
    public var subjects: Int = 0
    /// Whether `subjects` is exact; beyond 131,072 distinct values it is an estimate (about 0.8%
    /// standard error), so that memory stays bounded.
    public var subjectsExact = true
    /// `at` of the first verified entry (UTC).
    public var firstAt: Timestamp?
    /// `at` of the last verified entry (UTC).
    public var lastAt: Timestamp?
    /// The entry hash of the last verified entry (SHA-256 of 0x00 and the line).
    public var headHash: SHA256Digest?
    /// The RFC 6962 Merkle root of the verified entries.
    public var root: SHA256Digest?
    /// The size of the latest checkpoint in checkpoints.jsonl whose signature verified.
    public var checkpointSize: Int64?
    /// How many checkpoints in checkpoints.jsonl were verified (signature and root).
    public var checkpointsVerified: Int = 0
    /// The size of the auditor's saved checkpoint, once the log was proven to extend it.
    public var savedCheckpointSize: Int64?
    /// Files in the store's `recovered/` directory: bytes crash recovery set aside, not part of the log.
    public var recovered: [RecoveredFile] = []
    /// Findings that do not make the store broken, such as a recovered file no `log.recovered`
    /// entry names. Collected only when every check ran, so empty when the store is broken.
    public var warnings: [VerificationWarning] = []
    /// The bytes of events.jsonl read.
    public var bytesRead: Int64 = 0
    /// How long verification took.
    public var elapsed: Duration = .zero

    /// Creates an empty summary for `store`.
    public init(store: String, keyPinned: Bool) {
        self.store = store
        self.keyPinned = keyPinned
    }
}

/// A file in a store's `recovered/` directory.
public struct RecoveredFile: Sendable, Hashable {
    /// The path relative to the store directory, e.g. `recovered/20260101T000000.000000Z-from-seq-4.jsonl`.
    public var path: String
    /// The file's size in bytes.
    public var byteCount: Int64
    /// The seq of the `log.recovered` entry whose recorded size and SHA-256 the file matched;
    /// `nil` if no entry names it, or if verification stopped before checking it.
    public var recordedBy: Int64?

    /// Creates a description of a recovered file.
    public init(path: String, byteCount: Int64, recordedBy: Int64? = nil) {
        self.path = path
        self.byteCount = byteCount
        self.recordedBy = recordedBy
    }
}

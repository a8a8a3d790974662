/// Which rule a store broke: a stable code for programs (`rawValue`), one per check `verify` makes.
///
/// The codes are part of the `--json` output and are never renamed; docs/format.md lists them.
public enum VerificationCheck: String, Sendable, Hashable, CaseIterable {
    /// events.jsonl has no complete line, so no `log.created` entry.
    case logEmpty = "log.empty"
    /// events.jsonl ends with bytes not terminated by "\n".
    case logPartialLine = "log.partialLine"
    /// Entries follow the latest checkpoint: nothing signed covers them.
    case logUnsignedTail = "log.unsignedTail"
    /// The log has fewer entries than a checkpoint in checkpoints.jsonl covers.
    case logTruncated = "log.truncated"

    /// A line is not the RFC 8785 canonical encoding of a JSON object format v1 allows.
    case entryEncoding = "entry.encoding"
    /// A field is missing, unknown, or of the wrong type or shape.
    case entryField = "entry.field"
    /// `v` is not 1.
    case entryVersion = "entry.version"
    /// `seq` is not the line's position (0 on the first line, then +1).
    case entrySeq = "entry.seq"
    /// `prev` is not the entry hash of the previous line (64 zeros on the first).
    case entryPrev = "entry.prev"
    /// `at` is not a UTC timestamp written exactly `YYYY-MM-DDTHH:MM:SS.ffffffZ`.
    case entryTimestamp = "entry.at"
    /// `at` is earlier than the previous entry's.
    case entryTimeOrder = "entry.timeOrder"
    /// `type` is not a dotted event name.
    case entryType = "entry.type"
    /// The first entry is not a well-formed `log.created` (origin, verifier key named after it,
    /// `formatVersion` 1 when present), or `log.created` appears later.
    case entryLogCreated = "entry.logCreated"

    /// The pinned verifier key differs from the one `log.created` records.
    case keyMismatch = "key.mismatch"

    /// The `checkpoint` file is missing.
    case checkpointMissing = "checkpoint.missing"
    /// The `checkpoint` file differs from the last note in checkpoints.jsonl.
    case checkpointDiffers = "checkpoint.differs"
    /// checkpoints.jsonl is missing or has no checkpoint.
    case checkpointsMissing = "checkpoints.missing"
    /// A checkpoints.jsonl line is not the canonical `{"note":"..."}` object, or is unterminated.
    case checkpointsEncoding = "checkpoints.encoding"
    /// A checkpoint note is not signed by the trusted key, or its signature is invalid.
    case checkpointsSignature = "checkpoints.signature"
    /// A checkpoint's body is not a C2SP checkpoint, or names another origin.
    case checkpointsBody = "checkpoints.body"
    /// A checkpoint's size is smaller than the one before it.
    case checkpointsOrder = "checkpoints.order"
    /// A checkpoint's root differs from the Merkle root of the log prefix of its size.
    case checkpointsRoot = "checkpoints.root"

    /// The saved checkpoint is not signed by the trusted key, or names another origin.
    case savedSignature = "saved.signature"
    /// The saved checkpoint covers more entries than the log has: the log was rolled back.
    case savedBeyondLog = "saved.beyondLog"
    /// The saved checkpoint's root differs from the Merkle root of the log prefix of its size.
    case savedRoot = "saved.root"

    /// A `log.recovered` entry does not name its set-aside files as docs/format.md section 8 says:
    /// a path `recovered/<name>`, a byte count and a SHA-256 for each.
    case recoveredEntry = "recovered.entry"
    /// A file in `recovered/` has another size than the `log.recovered` entry naming it records.
    case recoveredBytes = "recovered.bytes"
    /// A file in `recovered/` has another SHA-256 than the `log.recovered` entry naming it records.
    case recoveredSHA256 = "recovered.sha256"
}

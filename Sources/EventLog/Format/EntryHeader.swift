public import LogCrypto

/// The fields of an entry that a verifier checks on every line (chain position and time),
/// read by `LogEntry.scanCanonicalLine(_:)` without building the entry.
public struct EntryHeader: Sendable, Hashable {
    /// The entry's position in the log.
    public let seq: Int64
    /// The previous entry's hash as the line states it.
    public let prev: SHA256Digest
    /// When the entry was recorded (UTC).
    public let at: Timestamp

    /// Creates a header.
    public init(seq: Int64, prev: SHA256Digest, at: Timestamp) {
        self.seq = seq
        self.prev = prev
        self.at = at
    }
}

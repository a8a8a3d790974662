public import LogCrypto

/// One event of the log, format v1: one line of JSONL, serialised with RFC 8785 (JCS).
///
/// The line is the JCS encoding of the event object `{"v":1,"seq":…,"prev":…,"at":…,"type":…,
/// "actor":{…},"data":{…}}` plus optional `"subject"` and `"reason"` (omitted when absent, never
/// `null`). The entry hash is the RFC 6962 leaf hash of the line without its `"\n"`.
public struct LogEntry: Sendable, Hashable {
    /// The value of `"v"` that this library writes and reads.
    public static let formatVersion = 1

    /// The position in the log: 0 for the first entry, then +1 per entry.
    public var seq: Int64
    /// The entry hash of the previous entry; `SHA256Digest.zero` for seq 0.
    public var prev: SHA256Digest
    /// When the writer recorded the entry (UTC, microseconds).
    public var at: Timestamp
    /// The event type, a dotted name such as `subject.screened`.
    public var type: String
    /// Who caused the event.
    public var actor: Actor
    /// The event's payload (integers within ±(2^53−1); decimals as strings).
    public var data: [String: JSONValue]
    /// The screening number the event concerns, if any.
    public var subject: String?
    /// Why the change was made, if given (required by the domain for changes after first entry).
    public var reason: String?

    /// Creates an entry. Call `checkFormat()` before writing it: this initialiser does not validate.
    public init(
        seq: Int64, prev: SHA256Digest, at: Timestamp, type: String, actor: Actor,
        data: [String: JSONValue], subject: String? = nil, reason: String? = nil
    ) {
        self.seq = seq
        self.prev = prev
        self.at = at
        self.type = type
        self.actor = actor
        self.data = data
        self.subject = subject
        self.reason = reason
    }
}

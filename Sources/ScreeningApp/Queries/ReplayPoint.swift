public import EventLog

/// The point in transaction time a replay used: the instant and the last entry considered.
public struct ReplayPoint: Sendable, Hashable {
    /// What the caller asked for, as given (`2026-11-15`, or an RFC 3339 instant).
    public var requested: String
    /// The instant used (UTC): a bare date means the end of that day (23:59:59.999999) in the site's zone.
    public var instant: Timestamp
    /// The seq of the last entry with `at` <= `instant`, or -1 when no entry had been recorded by then.
    public var lastSeq: Int64

    /// Creates a replay point.
    public init(requested: String, instant: Timestamp, lastSeq: Int64) {
        self.requested = requested
        self.instant = instant
        self.lastSeq = lastSeq
    }

    /// `{"requested", "instant", "lastSeq"}`.
    public var jsonValue: JSONValue {
        ["requested": .string(requested), "instant": .string(instant.formatted), "lastSeq": .integer(lastSeq)]
    }
}

public import EventLog

/// What a write did, once its entries are durable: the entries appended and a result body.
///
/// A retried request (same user, same `Idempotency-Key`, same fingerprint) gets the same
/// outcome again, with `replayed == true` and nothing appended.
public struct CommandOutcome: Sendable, Hashable {
    /// One appended entry, as the caller needs to cite it.
    public struct Recorded: Sendable, Hashable {
        /// The entry's position in the log (0-based; `log.created` is 0).
        public var seq: Int64
        /// The event type, e.g. `assessment.recorded`.
        public var type: String
        /// The instant the writer stamped (UTC).
        public var at: Timestamp
        /// The subject (screening number) or user id the entry is about, if any.
        public var subject: String?

        /// Creates a recorded-entry value.
        public init(seq: Int64, type: String, at: Timestamp, subject: String?) {
            self.seq = seq
            self.type = type
            self.at = at
            self.subject = subject
        }
    }

    /// Which command produced this.
    public var kind: CommandKind
    /// The entries appended, in log order (at least one).
    public var recorded: [Recorded]
    /// True when this is the stored answer to a retried request: nothing new was appended.
    public var replayed: Bool

    /// Creates an outcome.
    public init(kind: CommandKind, recorded: [Recorded], replayed: Bool) {
        self.kind = kind
        self.recorded = recorded
        self.replayed = replayed
    }

    /// The outcome as JSON: `{"command", "replayed", "subject"?, "entries": [{"seq", "type", "at", "subject"?}]}`.
    public var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "command": .string(kind.rawValue),
            "replayed": .bool(replayed),
            "entries": .array(recorded.map { entry in
                var member: [String: JSONValue] = [
                    "seq": .integer(entry.seq), "type": .string(entry.type), "at": .string(entry.at.formatted),
                ]
                if let subject = entry.subject { member["subject"] = .string(subject) }
                return .object(member)
            }),
        ]
        if let subject = recorded.first?.subject { object["subject"] = .string(subject) }
        return .object(object)
    }
}

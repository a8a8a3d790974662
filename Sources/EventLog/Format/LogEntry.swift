public import LogCrypto

/// One event of the log, format v1: one line of JSONL, serialised with RFC 8785 (JCS).
///
/// The line is the JCS encoding of the event object `{"v":1,"seq":…,"prev":…,"at":…,"type":…,
/// "actor":{…},"data":{…}}` plus optional `"subject"` and `"reason"` (omitted when absent, never
/// `null`). The entry hash is the RFC 6962 leaf hash of the line without its `"\n"`.
public struct LogEntry: Sendable {
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
    ///
    /// An entry read by `LogEntryDecoder` keeps its payload as validated bytes (`rawData`) and
    /// builds this dictionary on each read; readers on a hot path use `rawData` instead.
    public var data: [String: JSONValue] {
        get {
            switch payload {
            case .parsed(let members): members
            case .raw(let object): object.members
            }
        }
        set { payload = .parsed(newValue) }
    }
    /// The payload as stored: a dictionary, or the validated bytes of the line's `data` object.
    var payload: Payload
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
        self.payload = .parsed(data)
        self.subject = subject
        self.reason = reason
    }
}

extension LogEntry {
    /// An entry with its payload as stored (not validated).
    init(
        seq: Int64, prev: SHA256Digest, at: Timestamp, type: String, actor: Actor, payload: Payload,
        subject: String?, reason: String?
    ) {
        self.seq = seq
        self.prev = prev
        self.at = at
        self.type = type
        self.actor = actor
        self.payload = payload
        self.subject = subject
        self.reason = reason
    }

    /// How an entry holds its payload.
    enum Payload: Sendable {
        case parsed([String: JSONValue])
        case raw(RawJSONObject)
    }

    /// The payload's validated bytes when the entry was decoded from a line by the fast path;
    /// nil when it holds a dictionary (built in code, or read from a line the fast path declined).
    public var rawData: RawJSONObject? {
        if case .raw(let object) = payload { return object }
        return nil
    }

    /// The entry without the payload members named in `names`; a payload held as bytes stays
    /// bytes (the members are cut out, nothing is parsed).
    public func removingDataMembers(_ names: Set<String>) -> LogEntry {
        var copy = self
        switch payload {
        case .parsed(var members):
            guard names.contains(where: { members[$0] != nil }) else { return self }
            for name in names { members.removeValue(forKey: name) }
            copy.payload = .parsed(members)
        case .raw(let object):
            copy.payload = .raw(object.removingMembers(names))
        }
        return copy
    }

    /// The payload member `key`, parsing only that member when the payload is held as bytes.
    public func dataMember(_ key: String) -> JSONValue? {
        switch payload {
        case .parsed(let members): members[key]
        case .raw(let object): object.member(key)
        }
    }
}

extension LogEntry: Hashable {
    /// Equal when every field is equal, the payload compared as values (however it is held).
    public static func == (lhs: LogEntry, rhs: LogEntry) -> Bool {
        lhs.seq == rhs.seq && lhs.prev == rhs.prev && lhs.at == rhs.at && lhs.type == rhs.type
            && lhs.actor == rhs.actor && lhs.subject == rhs.subject && lhs.reason == rhs.reason
            && lhs.data == rhs.data
    }

    /// Hashes every field, the payload as a value.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(seq)
        hasher.combine(prev)
        hasher.combine(at)
        hasher.combine(type)
        hasher.combine(actor)
        hasher.combine(data)
        hasher.combine(subject)
        hasher.combine(reason)
    }
}

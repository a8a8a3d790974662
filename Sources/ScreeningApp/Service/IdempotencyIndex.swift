import EventLog
import LogCrypto

/// Requests already performed with an `Idempotency-Key`, per user, rebuilt from the log on open:
/// each entry a keyed request produced carries `data.request = {"idempotencyKey", "sha256", "command"}`.
///
/// Compact, because a busy site's log holds one record per keyed request: a record is a fixed
/// size value (no allocation) naming the request's entries by seq, and the (user, key) pair is
/// held as its SHA-256. The entries' types and times are read back from the log when a retry is
/// answered.
struct IdempotencyIndex: Sendable, Hashable {
    /// SHA-256(user id || 0x00 || key): the user's key, fixed size.
    struct Key: Sendable, Hashable {
        var digest: SHA256Digest

        init(userID: String, idempotencyKey: String) {
            var bytes = Array(userID.utf8)
            bytes.append(0)
            bytes += idempotencyKey.utf8
            digest = SHA256.hash(bytes)
        }
    }

    /// One keyed request: what it asked (fingerprint, command) and the entries it appended
    /// (consecutive seqs: a request appends in one transaction).
    struct Record: Sendable, Hashable {
        var fingerprint: SHA256Digest
        var kind: CommandKind
        var firstSeq: Int64
        var count: Int

        /// Adds `seq` if it is the next one of the run; ignores any other.
        mutating func extend(with seq: Int64) {
            if seq == firstSeq + Int64(count) { count += 1 }
        }

        /// The seqs of the request's entries.
        var seqs: ClosedRange<Int64> { firstSeq...(firstSeq + Int64(count) - 1) }
    }

    /// Records built apart from the entries before `records`' (open indexes the log in two parts
    /// on two cores); looked up together, as if one index, so they are never merged.
    private var earlier: [Key: Record] = [:]
    /// Records of the later entries, and of every entry appended since open.
    private(set) var records: [Key: Record] = [:]

    /// The longest key accepted (characters).
    static let maxKeyLength = 255

    func record(userID: String, key: String) -> Record? {
        let index = Key(userID: userID, idempotencyKey: key)
        return Self.combined(earlier: earlier[index], later: records[index])
    }

    /// The record of a key seen in two consecutive parts of the log: one run if the later part's
    /// run continues the earlier one, else the earlier record (the later entries would have been
    /// ignored, as ``Record/extend(with:)`` ignores them).
    private static func combined(earlier: Record?, later: Record?) -> Record? {
        guard let earlier else { return later }
        guard let later, earlier.firstSeq + Int64(earlier.count) == later.firstSeq else { return earlier }
        return Record(
            fingerprint: earlier.fingerprint, kind: earlier.kind, firstSeq: earlier.firstSeq, count: earlier.count + later.count)
    }

    /// The number of distinct keyed requests.
    var count: Int {
        records.count + earlier.keys.filter { records[$0] == nil }.count
    }

    /// Makes room for about `count` records (open estimates it from the log's size).
    mutating func reserve(_ count: Int) {
        records.reserveCapacity(count)
    }

    /// The `data.request` member for entries produced by a keyed request.
    static func requestMember(key: String, fingerprint: String, kind: CommandKind) -> JSONValue {
        ["idempotencyKey": .string(key), "sha256": .string(fingerprint), "command": .string(kind.rawValue)]
    }

    /// Applies one entry: remembers it under its request's key if it carries one.
    mutating func evolve(_ entry: LogEntry) {
        guard let request = entry.dataMember("request") else { return }
        evolve(request: request, userID: entry.actor.id, seq: entry.seq)
    }

    /// Applies the `data.request` member of entry `seq` by `userID`. A seq that does not extend
    /// the key's run of entries is ignored (the writer never produces one: a retry appends nothing).
    mutating func evolve(request: JSONValue, userID: String, seq: Int64) {
        evolve(
            key: request["idempotencyKey"]?.stringValue, fingerprint: request["sha256"]?.stringValue,
            command: request["command"]?.stringValue, userID: userID, seq: seq)
    }

    /// The fields of a `data.request` member, as `evolve(request:userID:seq:)`.
    mutating func evolve(key: String?, fingerprint: String?, command: String?, userID: String, seq: Int64) {
        guard let key, let fingerprint = fingerprint.flatMap(SHA256Digest.init(hex:)),
            let kind = command.flatMap(CommandKind.init(rawValue:))
        else { return }
        // One hash lookup: a new key starts as an empty run at `seq`, which `seq` then extends.
        records[Key(userID: userID, idempotencyKey: key), default: Record(fingerprint: fingerprint, kind: kind, firstSeq: seq, count: 0)]
            .extend(with: seq)
    }

    /// Takes `earlier`, the index of the entries just before this index's, as if its entries
    /// had been applied first; this index must not have taken another earlier part.
    mutating func prepend(_ earlier: IdempotencyIndex) {
        precondition(self.earlier.isEmpty && earlier.earlier.isEmpty, "an index takes one earlier part")
        self.earlier = earlier.records
    }

    /// The members of `data.request`, in the order `evolve(key:fingerprint:command:userID:seq:)` takes them.
    static let requestFields = ["idempotencyKey", "sha256", "command"]

    /// Throws unless `key` is 1-255 visible ASCII characters.
    static func validate(_ key: String) throws(AppError) {
        let ok = !key.isEmpty && key.utf8.count <= maxKeyLength && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        if !ok {
            throw .malformed("idempotency.key_invalid", field: "Idempotency-Key", "must be 1-255 visible ASCII characters")
        }
    }
}

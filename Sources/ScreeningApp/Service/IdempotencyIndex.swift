public import EventLog

/// Requests already performed with an `Idempotency-Key`, per user, rebuilt from the log on open:
/// each entry a keyed request produced carries `data.request = {"idempotencyKey", "sha256", "command"}`.
struct IdempotencyIndex: Sendable, Hashable {
    struct Key: Sendable, Hashable {
        var userID: String
        var idempotencyKey: String
    }

    struct Record: Sendable, Hashable {
        var fingerprint: String
        var kind: CommandKind
        var recorded: [CommandOutcome.Recorded]
    }

    private(set) var records: [Key: Record] = [:]

    /// The longest key accepted (characters).
    static let maxKeyLength = 255

    func record(userID: String, key: String) -> Record? {
        records[Key(userID: userID, idempotencyKey: key)]
    }

    /// The `data.request` member for entries produced by a keyed request.
    static func requestMember(key: String, fingerprint: String, kind: CommandKind) -> JSONValue {
        ["idempotencyKey": .string(key), "sha256": .string(fingerprint), "command": .string(kind.rawValue)]
    }

    /// Applies one entry: remembers it under its request's key if it carries one.
    mutating func evolve(_ entry: LogEntry) {
        guard let request = entry.data["request"] else { return }
        evolve(
            request: request, userID: entry.actor.id,
            recorded: CommandOutcome.Recorded(seq: entry.seq, type: entry.type, at: entry.at, subject: entry.subject))
    }

    /// Applies the `data.request` member of an entry by `userID` (whose envelope is `recorded`).
    mutating func evolve(request: JSONValue, userID: String, recorded: CommandOutcome.Recorded) {
        guard let key = request["idempotencyKey"]?.stringValue, let fingerprint = request["sha256"]?.stringValue,
            let kind = request["command"]?.stringValue.flatMap(CommandKind.init(rawValue:))
        else { return }
        let index = Key(userID: userID, idempotencyKey: key)
        if records[index] == nil {
            records[index] = Record(fingerprint: fingerprint, kind: kind, recorded: [recorded])
        } else {
            records[index]?.recorded.append(recorded)
        }
    }

    /// Throws unless `key` is 1-255 visible ASCII characters.
    static func validate(_ key: String) throws(AppError) {
        let ok = !key.isEmpty && key.utf8.count <= maxKeyLength && key.utf8.allSatisfy { (0x21...0x7E).contains($0) }
        if !ok {
            throw .malformed("idempotency.key_invalid", field: "Idempotency-Key", "must be 1-255 visible ASCII characters")
        }
    }
}

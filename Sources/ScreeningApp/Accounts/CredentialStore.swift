import EventLog
import Foundation
import Synchronization

/// Password verifiers, kept in `<secrets>/credentials.json` (mode 0600, replaced atomically):
/// never in the store directory and never in the log.
///
/// Each verifier carries the seq of the batch whose `user.created` / `user.password_reset` set
/// it, and the verifier it replaced. The file is written before that batch is durable, so on
/// open a verifier whose seq is not in the log (the batch failed) is dropped in favour of the
/// one it replaced: a password changes only together with its log entry.
///
/// File shape: `{"version": 1, "credentials": {"<userID>": {"algorithm": "pbkdf2-sha256",
/// "iterations": N, "salt": base64, "hash": base64, "seq": S, "previous": {...}}}}`
/// (`seq` absent on verifiers written before it existed: those are trusted), plus
/// `"setBy": "self" | "admin"`: who chose the password. An entry without it counts as
/// admin-set, so its holder must change it before working.
final class CredentialStore: Sendable {
    static let fileName = "credentials.json"

    /// One verifier and the seq of the log entry that set it.
    struct Record: Sendable, Hashable {
        var hash: PasswordHash
        var seq: Int64?
    }

    /// A user's current verifier and, while it may not be durable yet, the one it replaced.
    struct Slot: Sendable, Hashable {
        var current: Record
        var previous: Record?
    }

    let path: String
    private let slots: Mutex<[String: Slot]>

    private init(path: String, slots: [String: Slot]) {
        self.path = path
        self.slots = Mutex(slots)
    }

    /// Loads the credentials file in `secretsDirectory` (empty if absent).
    static func load(secretsDirectory: URL) throws(AppError) -> CredentialStore {
        let path = secretsDirectory.appendingPathComponent(fileName).path
        let bytes: [UInt8]?
        do {
            bytes = try PrivateFile.readAll(path)
        } catch {
            throw .unavailable("credentials.unreadable", "the credentials file cannot be read: \(error)")
        }
        guard let bytes else { return CredentialStore(path: path, slots: [:]) }
        if let mode = PrivateFile.permissions(of: path), mode & 0o077 != 0 {
            throw .unavailable(
                "credentials.permissions",
                "the credentials file has mode \(String(mode, radix: 8)); it must be 0600 (chmod 600)")
        }
        return CredentialStore(path: path, slots: try decode(bytes))
    }

    /// The verifier for `userID`, if one is stored.
    func hash(for userID: String) -> PasswordHash? {
        slots.withLock { $0[userID]?.current.hash }
    }

    /// Stores `hash` for `userID`, set by the log entry at `seq`, and rewrites the file
    /// atomically before returning; the replaced verifier is kept until `discard(from:)`.
    func store(_ hash: PasswordHash, for userID: String, seq: Int64) throws(AppError) {
        try update { slots in
            slots[userID] = Slot(current: Record(hash: hash, seq: seq), previous: slots[userID]?.current)
        }
    }

    /// Drops every verifier set by a log entry at or beyond `logSize` (a batch that never became
    /// durable), restoring the one it replaced, and forgets replaced verifiers otherwise; rewrites
    /// the file if `persist` and anything changed. Call once the log has been read, before writing.
    func settle(logSize: Int64, persist: Bool) throws(AppError) {
        try update(persist: persist) { slots in
            for (id, slot) in slots {
                if let seq = slot.current.seq, seq >= logSize {
                    if let previous = slot.previous, (previous.seq ?? -1) < logSize {
                        slots[id] = Slot(current: previous, previous: nil)
                    } else {
                        slots[id] = nil
                    }
                } else if slot.previous != nil {
                    slots[id]?.previous = nil
                }
            }
        }
    }

    private func update(persist: Bool = true, _ change: (inout [String: Slot]) -> Void) throws(AppError) {
        let result: Result<Void, AppError> = slots.withLock { slots in
            var updated = slots
            change(&updated)
            guard updated != slots else { return .success(()) }
            if persist {
                do {
                    try PrivateFile.ensureDirectory(PrivateFile.parentPath(of: path))
                    try PrivateFile.replace(path, with: Self.encode(updated))
                } catch {
                    return .failure(.unavailable("credentials.unwritable", "the credentials file cannot be written: \(error)"))
                }
            }
            slots = updated
            return .success(())
        }
        try result.get()
    }

    private static func encode(_ slots: [String: Slot]) -> [UInt8] {
        var members: [String: JSONValue] = [:]
        for (id, slot) in slots {
            var member = encode(slot.current)
            if let previous = slot.previous { member["previous"] = .object(encode(previous)) }
            members[id] = .object(member)
        }
        var bytes = JSONValue.object(["version": 1, "credentials": .object(members)]).canonicalBytes()
        bytes.append(0x0A)
        return bytes
    }

    private static func encode(_ record: Record) -> [String: JSONValue] {
        var member: [String: JSONValue] = [
            "algorithm": .string(PasswordHash.algorithm),
            "iterations": .integer(Int64(record.hash.iterations)),
            "salt": .string(Data(record.hash.salt).base64EncodedString()),
            "hash": .string(Data(record.hash.hash).base64EncodedString()),
        ]
        if let seq = record.seq { member["seq"] = .integer(seq) }
        member["setBy"] = .string(record.hash.setBy.rawValue)
        return member
    }

    private static func decode(_ bytes: [UInt8]) throws(AppError) -> [String: Slot] {
        guard let document = try? JSONValue.parse(bytes), document["version"]?.integerValue == 1,
            let members = document["credentials"]?.objectValue
        else { throw corrupt }
        var slots: [String: Slot] = [:]
        for (id, member) in members {
            let previous = try member["previous"].map { member throws(AppError) in try decodeRecord(member) }
            slots[id] = Slot(current: try decodeRecord(member), previous: previous)
        }
        return slots
    }

    private static func decodeRecord(_ member: JSONValue) throws(AppError) -> Record {
        guard member["algorithm"]?.stringValue == PasswordHash.algorithm,
            let iterations = member["iterations"]?.integerValue,
            let salt = member["salt"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
            let hash = member["hash"]?.stringValue.flatMap({ Data(base64Encoded: $0) })
        else { throw corrupt }
        guard (1...Int64(Int32.max)).contains(iterations), (1...1024).contains(hash.count) else {
            throw .unavailable(
                "credentials.corrupt",
                "the credentials file holds a verifier with iterations outside 1...\(Int32.max) or an empty hash")
        }
        var seq: Int64?
        if let value = member["seq"] {
            guard let number = value.integerValue, number >= 0 else { throw corrupt }
            seq = number
        }
        let setBy: PasswordHash.Setter
        if let text = member["setBy"]?.stringValue {
            guard let parsed = PasswordHash.Setter(rawValue: text) else { throw corrupt }
            setBy = parsed
        } else {
            setBy = .admin
        }
        return Record(
            hash: PasswordHash(iterations: Int(iterations), salt: Array(salt), hash: Array(hash), setBy: setBy),
            seq: seq)
    }

    private static var corrupt: AppError {
        .unavailable("credentials.corrupt", "the credentials file is not in the expected format")
    }
}

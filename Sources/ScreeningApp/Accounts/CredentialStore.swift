import EventLog
import Foundation
import Synchronization

/// Password verifiers, kept in `<secrets>/credentials.json` (mode 0600, replaced atomically):
/// never in the store directory and never in the log.
///
/// File shape: `{"version": 1, "credentials": {"<userID>": {"algorithm": "pbkdf2-sha256",
/// "iterations": N, "salt": base64, "hash": base64, "setBy": "self" | "admin"}}}`.
/// `setBy` says who chose the password; an entry without it (older files) counts as admin-set,
/// so its holder must change it before working.
final class CredentialStore: Sendable {
    static let fileName = "credentials.json"

    let path: String
    private let hashes: Mutex<[String: PasswordHash]>

    private init(path: String, hashes: [String: PasswordHash]) {
        self.path = path
        self.hashes = Mutex(hashes)
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
        guard let bytes else { return CredentialStore(path: path, hashes: [:]) }
        if let mode = PrivateFile.permissions(of: path), mode & 0o077 != 0 {
            throw .unavailable(
                "credentials.permissions",
                "the credentials file has mode \(String(mode, radix: 8)); it must be 0600 (chmod 600)")
        }
        return CredentialStore(path: path, hashes: try decode(bytes))
    }

    /// The verifier for `userID`, if one is stored.
    func hash(for userID: String) -> PasswordHash? {
        hashes.withLock { $0[userID] }
    }

    /// Stores `hash` for `userID` and rewrites the file atomically before returning.
    func store(_ hash: PasswordHash, for userID: String) throws(AppError) {
        let result: Result<Void, AppError> = hashes.withLock { hashes in
            var updated = hashes
            updated[userID] = hash
            do {
                try PrivateFile.ensureDirectory(PrivateFile.parentPath(of: path))
                try PrivateFile.replace(path, with: Self.encode(updated))
            } catch {
                return .failure(.unavailable("credentials.unwritable", "the credentials file cannot be written: \(error)"))
            }
            hashes = updated
            return .success(())
        }
        try result.get()
    }

    private static func encode(_ hashes: [String: PasswordHash]) -> [UInt8] {
        var members: [String: JSONValue] = [:]
        for (id, hash) in hashes {
            members[id] = [
                "algorithm": .string(PasswordHash.algorithm),
                "iterations": .integer(Int64(hash.iterations)),
                "salt": .string(Data(hash.salt).base64EncodedString()),
                "hash": .string(Data(hash.hash).base64EncodedString()),
                "setBy": .string(hash.setBy.rawValue),
            ]
        }
        var bytes = JSONValue.object(["version": 1, "credentials": .object(members)]).canonicalBytes()
        bytes.append(0x0A)
        return bytes
    }

    private static func decode(_ bytes: [UInt8]) throws(AppError) -> [String: PasswordHash] {
        let corrupt = AppError.unavailable("credentials.corrupt", "the credentials file is not in the expected format")
        guard let document = try? JSONValue.parse(bytes), document["version"]?.integerValue == 1,
            let members = document["credentials"]?.objectValue
        else { throw corrupt }
        var hashes: [String: PasswordHash] = [:]
        for (id, member) in members {
            guard member["algorithm"]?.stringValue == PasswordHash.algorithm,
                let iterations = member["iterations"]?.integerValue, iterations > 0,
                let salt = member["salt"]?.stringValue.flatMap({ Data(base64Encoded: $0) }),
                let hash = member["hash"]?.stringValue.flatMap({ Data(base64Encoded: $0) })
            else { throw corrupt }
            let setBy: PasswordHash.Setter
            if let text = member["setBy"]?.stringValue {
                guard let parsed = PasswordHash.Setter(rawValue: text) else { throw corrupt }
                setBy = parsed
            } else {
                setBy = .admin
            }
            hashes[id] = PasswordHash(iterations: Int(iterations), salt: Array(salt), hash: Array(hash), setBy: setBy)
        }
        return hashes
    }
}

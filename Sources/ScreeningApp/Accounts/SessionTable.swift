import EventLog
import Foundation
import LogCrypto
import Synchronization

/// Live bearer tokens, by the SHA-256 of the token (the token itself is never kept).
/// In memory only: a restart ends every session.
final class SessionTable: Sendable {
    struct Record: Sendable {
        var userID: String
        var expiresAt: Timestamp
    }

    private let records = Mutex<[SHA256Digest: Record]>([:])

    /// A new random token (32 bytes, base64url without padding, RFC 4648 section 5).
    static func newToken() -> String {
        Data(SecureRandom.bytes(count: 32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    func insert(token: String, record: Record) {
        records.withLock { $0[SHA256.hash(token)] = record }
    }

    /// The live record for `token` at `now`; expired records are dropped.
    func record(for token: String, now: Timestamp) -> Record? {
        let key = SHA256.hash(token)
        return records.withLock { records in
            guard let record = records[key] else { return nil }
            if record.expiresAt <= now {
                records.removeValue(forKey: key)
                return nil
            }
            return record
        }
    }

    /// Removes `token`; returns its record if it was live.
    @discardableResult
    func remove(token: String) -> Record? {
        records.withLock { $0.removeValue(forKey: SHA256.hash(token)) }
    }

    /// Ends every session of `userID` (deactivation, password reset, role change).
    func removeAll(for userID: String) {
        records.withLock { records in records = records.filter { $0.value.userID != userID } }
    }
}

import LogCrypto

/// A stored password verifier: PBKDF2-HMAC-SHA256 with its own salt and iteration count
/// (so the count can be raised later without invalidating older hashes), and who set it.
struct PasswordHash: Sendable, Hashable {
    /// Who chose a password. One set by an administrator (account creation, reset) is temporary:
    /// its holder may only change it, and may never sign with it (Part 11: no signing for others).
    enum Setter: String, Sendable, Hashable {
        /// The account holder, who proved the previous password (or chose the first admin's at `init`).
        case user = "self"
        /// An administrator; the holder must change it before doing anything else.
        case admin
    }

    static let algorithm = "pbkdf2-sha256"
    static let saltLength = 16
    static let keyLength = 32

    var iterations: Int
    var salt: [UInt8]
    var hash: [UInt8]
    var setBy: Setter

    /// Derives a new verifier for `password` with a fresh random salt.
    static func derive(password: String, iterations: Int, setBy: Setter) -> PasswordHash {
        let salt = SecureRandom.bytes(count: saltLength)
        let hash = PasswordKDF.pbkdf2SHA256(
            password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: keyLength)
        return PasswordHash(iterations: iterations, salt: salt, hash: hash, setBy: setBy)
    }

    /// Whether the holder set this password themselves (an admin-set one is temporary).
    var isOwn: Bool { setBy == .user }

    /// Whether `password` matches, compared in constant time.
    func matches(_ password: String) -> Bool {
        let candidate = PasswordKDF.pbkdf2SHA256(
            password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: hash.count)
        return ConstantTime.equals(candidate, hash)
    }
}

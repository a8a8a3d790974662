import LogCrypto

/// A stored password verifier: PBKDF2-HMAC-SHA256 with its own salt and iteration count
/// (so the count can be raised later without invalidating older hashes).
struct PasswordHash: Sendable, Hashable {
    static let algorithm = "pbkdf2-sha256"
    static let saltLength = 16
    static let keyLength = 32

    var iterations: Int
    var salt: [UInt8]
    var hash: [UInt8]

    /// Derives a new verifier for `password` with a fresh random salt.
    static func derive(password: String, iterations: Int) -> PasswordHash {
        let salt = SecureRandom.bytes(count: saltLength)
        let hash = PasswordKDF.pbkdf2SHA256(
            password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: keyLength)
        return PasswordHash(iterations: iterations, salt: salt, hash: hash)
    }

    /// Whether `password` matches, compared in constant time.
    func matches(_ password: String) -> Bool {
        let candidate = PasswordKDF.pbkdf2SHA256(
            password: Array(password.utf8), salt: salt, iterations: iterations, keyLength: hash.count)
        return ConstantTime.equals(candidate, hash)
    }
}

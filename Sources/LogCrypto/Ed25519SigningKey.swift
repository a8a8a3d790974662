/// An Ed25519 private key (RFC 8032) for signing checkpoints.
public struct Ed25519SigningKey: Sendable {
    let key: EVPKey

    /// The matching public key.
    public let verifyingKey: Ed25519VerifyingKey

    private init(key: EVPKey) {
        self.key = key
        // The public half of a private key is always a valid public key.
        self.verifyingKey = try! Ed25519VerifyingKey(rawRepresentation: key.rawPublicKey)
    }

    /// A new key from 32 bytes of `SecureRandom`.
    public static func generate() -> Ed25519SigningKey {
        // 32 random bytes are always a valid Ed25519 secret.
        try! Ed25519SigningKey(seed: SecureRandom.bytes(count: 32))
    }

    /// The key whose RFC 8032 private key (the 32-byte secret, section 5.1.5) is `seed`.
    public init(seed: [UInt8]) throws(CryptoError) {
        self.init(key: try EVPKey.ed25519Private(seed: seed))
    }

    /// Reads an unencrypted PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`), as written by
    /// `openssl genpkey -algorithm ed25519`. Throws for other key types and encrypted PEM.
    public init(pkcs8PEM: String) throws(CryptoError) {
        self.init(key: try EVPKey.readPrivatePEM(pkcs8PEM))
    }

    /// The key as unencrypted PKCS#8 PEM, readable by `openssl pkey`. Secret: store it with care.
    public var pkcs8PEM: String { key.privatePEM }

    /// The 64-byte Ed25519 signature (RFC 8032 section 5.1.6) over `message`.
    public func signature(for message: [UInt8]) -> [UInt8] {
        key.sign(message)
    }
}

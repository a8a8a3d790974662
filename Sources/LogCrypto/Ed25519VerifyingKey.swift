/// An Ed25519 public key (RFC 8032) for checking checkpoint signatures.
public struct Ed25519VerifyingKey: Sendable {
    let key: EVPKey

    /// The 32-byte public key encoding (RFC 8032 section 5.1.5).
    public let rawRepresentation: [UInt8]

    private init(key: EVPKey) {
        self.key = key
        self.rawRepresentation = key.rawPublicKey
    }

    /// The public key whose 32-byte encoding is `rawRepresentation`.
    public init(rawRepresentation: [UInt8]) throws(CryptoError) {
        self.init(key: try EVPKey.ed25519Public(raw: rawRepresentation))
    }

    /// Reads a SubjectPublicKeyInfo PEM public key (`-----BEGIN PUBLIC KEY-----`), as written by
    /// `openssl pkey -pubout`. Throws for other key types.
    public init(spkiPEM: String) throws(CryptoError) {
        self.init(key: try EVPKey.readPublicPEM(spkiPEM))
    }

    /// The key as SubjectPublicKeyInfo PEM, readable by `openssl pkey -pubin`.
    public var spkiPEM: String { key.publicPEM }

    /// Whether `signature` is a valid Ed25519 signature (RFC 8032 section 5.1.7) over `message`.
    /// A wrong or malformed signature is `false`, never an error.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        key.verify(signature, for: message)
    }
}

extension Ed25519VerifyingKey: Hashable {
    /// Keys are equal when their 32-byte encodings are.
    public static func == (lhs: Ed25519VerifyingKey, rhs: Ed25519VerifyingKey) -> Bool {
        lhs.rawRepresentation == rhs.rawRepresentation
    }

    /// Hashes the 32-byte encoding.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawRepresentation)
    }
}

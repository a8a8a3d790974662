public import LogCrypto

/// A C2SP signed-note verifier key (https://c2sp.org/signed-note) for Ed25519 (type 0x01):
/// the key name, its 4-byte key ID and the public key.
///
/// Its text form `<name>+<8 hex digits of key ID>+<base64(0x01 || public key)>` is the one
/// Go's `golang.org/x/mod/sumdb/note` reads, so third-party tools can check our checkpoints.
public struct NoteVerifierKey: Sendable, Hashable {
    /// The signature type byte of Ed25519 in signed notes.
    static let ed25519Type: UInt8 = 0x01

    /// The key name (non-empty, no Unicode spaces, no `+`); for a log, its origin.
    public let name: String
    /// SHA-256(name || 0x0A || 0x01 || public key)[:4], which prefixes each signature.
    public let keyID: [UInt8]
    /// The Ed25519 public key.
    public let publicKey: Ed25519VerifyingKey

    /// The verifier key for `publicKey` under `name`. `name` must be a valid key name
    /// (non-empty, no Unicode spaces or `+`); anything else is a programming error and traps.
    public init(name: String, publicKey: Ed25519VerifyingKey) {
        precondition(Self.isValidKeyName(name), "invalid signed-note key name (empty, or contains a space or '+')")
        self.name = name
        self.publicKey = publicKey
        var input = Array(name.utf8)
        input.append(0x0A)
        input.append(Self.ed25519Type)
        input.append(contentsOf: publicKey.rawRepresentation)
        self.keyID = Array(SHA256.hash(input).bytes.prefix(4))
    }

    /// Parses `<name>+<8 hex key ID>+<base64(0x01 || 32-byte public key)>`, checking the key ID
    /// against the name and key.
    public init(parsing text: String) throws(NoteError) {
        let parts = text.split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw NoteError(code: "verifierKey.format", reason: "expected <name>+<key ID>+<key>")
        }
        let name = String(parts[0])
        guard Self.isValidKeyName(name) else {
            throw NoteError(code: "verifierKey.name", reason: "the key name is empty or contains a space")
        }
        guard parts[1].utf8.count == 8, parts[1].utf8.allSatisfy({ ASCII.lowercaseHexValue($0) != nil }) else {
            throw NoteError(code: "verifierKey.keyID", reason: "the key ID must be 8 lowercase hex digits")
        }
        guard let keyBytes = Base64.decode(parts[2]), keyBytes.count == 33, keyBytes[0] == Self.ed25519Type else {
            throw NoteError(
                code: "verifierKey.key", reason: "the key must be the base64 of 0x01 and a 32-byte Ed25519 key")
        }
        let publicKey: Ed25519VerifyingKey
        do {
            publicKey = try Ed25519VerifyingKey(rawRepresentation: Array(keyBytes[1...]))
        } catch {
            throw NoteError(code: "verifierKey.key", reason: error.reason)
        }
        self.init(name: name, publicKey: publicKey)
        guard ASCII.lowercaseHex(keyID) == parts[1] else {
            throw NoteError(code: "verifierKey.keyID", reason: "the key ID does not match the name and key")
        }
    }

    /// The text form `<name>+<8 hex key ID>+<base64(0x01 || public key)>`.
    public var stringValue: String {
        "\(name)+\(ASCII.lowercaseHex(keyID))+\(Base64.encode([Self.ed25519Type] + publicKey.rawRepresentation))"
    }

    /// Whether `name` may name a key: non-empty, no Unicode white space, no `+`
    /// (C2SP signed-note, "Format").
    static func isValidKeyName(_ name: String) -> Bool {
        !name.isEmpty && !name.unicodeScalars.contains { $0 == "+" || $0.properties.isWhitespace }
    }
}

public import LogCrypto

/// Signs note texts (such as checkpoint bodies) as C2SP signed notes with one Ed25519 key.
public struct NoteSigner: Sendable {
    /// The key name written in signature lines.
    public let name: String
    private let key: Ed25519SigningKey

    /// The verifier key matching this signer; publish its `stringValue` to auditors.
    public let verifierKey: NoteVerifierKey

    /// A signer named `name` (a valid key name: non-empty, no spaces or `+`; traps otherwise).
    public init(name: String, key: Ed25519SigningKey) {
        self.name = name
        self.key = key
        self.verifierKey = NoteVerifierKey(name: name, publicKey: key.verifyingKey)
    }

    /// The signed note: `body`, a blank line, and `— <name> <base64(key ID || signature)>\n`,
    /// the Ed25519 signature being over the bytes of `body`.
    ///
    /// `body` must be non-empty, end with `"\n"` and contain no control characters other than
    /// newline (C2SP signed-note, "Format"); violating this is a programming error and traps.
    public func sign(body: String) -> String {
        precondition(SignedNote.isValidText(body), "a note body must be non-empty, end in a newline and have no control characters")
        let signature = key.signature(for: Array(body.utf8))
        return body + "\n" + SignedNote.signatureLinePrefix + name + " "
            + Base64.encode(verifierKey.keyID + signature) + "\n"
    }
}

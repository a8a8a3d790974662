/// The outcome of checking a signed note against one verifier key. Data, not an error:
/// a bad signature is an answer a verifier reports.
public enum NoteOpening: Sendable, Equatable {
    /// A signature by the key verified; `body` is the signed text (ending in `"\n"`).
    case verified(body: String)
    /// The text is not a well-formed signed note; the reason says what is wrong.
    case malformed(String)
    /// No signature line carries the key's name and key ID.
    case noSignatureByKey
    /// A signature line names the key but its signature does not verify over the body.
    case badSignature
}

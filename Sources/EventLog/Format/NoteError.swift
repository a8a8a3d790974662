/// Why a checkpoint body or a note verifier key could not be parsed.
public struct NoteError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code such as `checkpoint.size` or `verifierKey.keyID`.
    public let code: String
    /// A human explanation.
    public let reason: String

    /// Creates an error.
    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `"<code>: <reason>"`.
    public var description: String { "\(code): \(reason)" }
}

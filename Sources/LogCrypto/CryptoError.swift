/// A failure in the cryptographic layer: bad key material, malformed PEM, or a libcrypto error.
///
/// Never carries secret material; `reason` names what was wrong, not the bytes involved.
public struct CryptoError: Error, Sendable, CustomStringConvertible {
    /// A stable, machine-readable code such as `key.length` or `pem.unreadable`.
    public let code: String
    /// A human-readable explanation.
    public let reason: String

    /// Creates an error with a stable code and a human reason.
    public init(code: String, reason: String) {
        self.code = code
        self.reason = reason
    }

    /// `"<code>: <reason>"`.
    public var description: String { "\(code): \(reason)" }
}

/// Why verification could not run at all: a missing or unreadable store or input, or bad usage.
///
/// Integrity problems are never thrown; they are `VerificationReport.broken`.
public struct VerificationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `store.missing`, `store.unreadable`, `input.unreadable`, `key.invalid` or
    /// `saved.invalid` (the saved checkpoint file is not a signed note).
    public var code: String
    /// A human explanation.
    public var reason: String
    /// The file or directory concerned, if any.
    public var path: String?

    /// Creates an error.
    public init(code: String, reason: String, path: String? = nil) {
        self.code = code
        self.reason = reason
        self.path = path
    }

    /// `"<code>: <reason> (<path>)"`.
    public var description: String {
        path.map { "\(code): \(reason) (\($0))" } ?? "\(code): \(reason)"
    }
}

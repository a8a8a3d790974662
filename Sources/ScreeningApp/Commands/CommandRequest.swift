public import EventLog
public import LogCrypto

/// A write as a shell received it: which command, on which subject or user, with a JSON body.
///
/// The application validates the body (naming the offending field in `AppError.field`) and
/// turns it into a domain command; both shells build this same value, so they share validation.
public struct CommandRequest: Sendable, Hashable {
    /// Which command.
    public var kind: CommandKind
    /// The screening number (screening commands) or user id (account commands) the command
    /// acts on, typically from the URL path; `nil` for `register`, `createUser`, `registerProtocol`.
    public var target: String?
    /// The command's fields (see `CommandKind` for each shape). Must be a JSON object.
    public var body: JSONValue

    /// Creates a request.
    public init(_ kind: CommandKind, target: String? = nil, body: JSONValue = .object([:])) {
        self.kind = kind
        self.target = target
        self.body = body
    }

    /// SHA-256 of the canonical JSON (RFC 8785) of `{"kind", "target", "body"}` with the secret
    /// fields (`CommandKind.secretFields`) removed: what an `Idempotency-Key` is bound to.
    /// Secrets are excluded so that no password-derived hash ever reaches the log.
    public var fingerprint: SHA256Digest {
        var members: [String: JSONValue] = ["kind": .string(kind.rawValue)]
        if let target { members["target"] = .string(target) }
        if case .object(var fields) = body {
            for secret in kind.secretFields { fields.removeValue(forKey: secret) }
            members["body"] = .object(fields)
        } else {
            members["body"] = body
        }
        return SHA256.hash(JSONValue.object(members).canonicalBytes())
    }
}

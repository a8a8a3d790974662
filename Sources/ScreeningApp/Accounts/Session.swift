public import EventLog

/// A successful login: the bearer token (shown once; only its SHA-256 is kept), its expiry, the user.
public struct Session: Sendable, Hashable {
    /// 32 random bytes, base64url without padding (RFC 4648 section 5). Send as `Authorization: Bearer`.
    public var token: String
    /// The instant (UTC) after which the token is refused.
    public var expiresAt: Timestamp
    /// Who logged in.
    public var user: AuthenticatedUser
    /// Whether the password was set by an administrator: the session may then only change it.
    public var passwordChangeRequired: Bool

    /// Creates a session value.
    public init(token: String, expiresAt: Timestamp, user: AuthenticatedUser, passwordChangeRequired: Bool = false) {
        self.token = token
        self.expiresAt = expiresAt
        self.user = user
        self.passwordChangeRequired = passwordChangeRequired
    }
}

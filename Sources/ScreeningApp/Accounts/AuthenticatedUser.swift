/// The user a valid token or password belongs to, as known when they were authenticated.
///
/// `perform` re-checks the account (active, current role) at decision time, so a role change or
/// deactivation takes effect on the next request even for a token issued before it.
public struct AuthenticatedUser: Sendable, Hashable {
    /// The stable user id.
    public var id: String
    /// The printed name.
    public var name: String
    /// The role at authentication time.
    public var role: Role

    /// Creates a user value.
    public init(id: String, name: String, role: Role) {
        self.id = id
        self.name = name
        self.role = role
    }
}

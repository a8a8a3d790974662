/// An account to create: a stable id (never reused, even after deactivation), a printed name, a role.
public struct NewAccount: Sendable, Hashable {
    /// The stable user id: 1-64 characters of `a-z 0-9 . _ -`, starting with a letter or digit.
    public var id: String
    /// The printed name shown on signatures and in the audit trail.
    public var name: String
    /// The account's role.
    public var role: Role

    /// Creates an account description.
    public init(id: String, name: String, role: Role) {
        self.id = id
        self.name = name
        self.role = role
    }
}

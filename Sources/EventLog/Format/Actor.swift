/// Who wrote an entry: a stable user id that is never reused, the printed name, and the role.
public struct Actor: Sendable, Hashable, Codable {
    /// The user's stable id (non-empty, never reused).
    public var id: String
    /// The printed name, as shown on signatures and in the audit trail.
    public var name: String
    /// The role the user held when acting (for example `coordinator`, `investigator`, `system`).
    public var role: String

    /// Creates an actor.
    public init(id: String, name: String, role: String) {
        self.id = id
        self.name = name
        self.role = role
    }
}

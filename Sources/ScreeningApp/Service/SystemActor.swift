import EventLog

extension Actor {
    /// The service itself, for entries no person caused (failed logins for unknown ids, lockouts).
    static let service = Actor(id: "system", name: "Screening service", role: "system")
}

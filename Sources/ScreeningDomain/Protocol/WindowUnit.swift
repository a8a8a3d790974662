/// The unit of a "within N ... before screening" window.
public enum WindowUnit: String, Sendable, Hashable, Codable {
    /// Whole days: within N days means fewer than N days from the event's date to the screening date.
    case days
    /// Whole years: within N years means the screening date is before the event's N-th anniversary.
    case years
}

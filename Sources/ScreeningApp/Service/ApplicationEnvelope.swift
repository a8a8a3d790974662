import EventLog

/// The members the application adds to every entry's `data`, beside the domain's payload:
/// `via` (the interface, "from where") and, for keyed requests, `request`
/// (`{"idempotencyKey", "sha256", "command"}`).
enum ApplicationEnvelope {
    static let keys: Set<String> = ["via", "request"]

    /// The entry as the screening domain's strict payload readers expect it: without the
    /// application's members.
    static func domainEntry(_ entry: LogEntry) -> LogEntry {
        guard entry.data.keys.contains(where: keys.contains) else { return entry }
        var stripped = entry
        for key in keys { stripped.data.removeValue(forKey: key) }
        return stripped
    }
}

import EventLog

/// The members the application adds to every entry's `data`, beside the domain's payload:
/// `via` (the interface, "from where") and, for keyed requests, `request`
/// (`{"idempotencyKey", "sha256", "command"}`).
enum ApplicationEnvelope {
    static let keys: Set<String> = ["via", "request"]

    /// The entry as the screening domain's strict payload readers expect it: without the
    /// application's members. (Folds should rather pass `keys` to
    /// `ScreeningState.apply(_:ignoringPayloadMembers:)`, which needs no copy.)
    static func domainEntry(_ entry: LogEntry) -> LogEntry {
        entry.removingDataMembers(keys)
    }
}

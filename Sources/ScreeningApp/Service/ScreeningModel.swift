import EventLog

/// The screening domain's state as the service keeps it (wired to ScreeningDomain's fold).
struct ScreeningModel: Sendable {
    mutating func evolve(_ entry: LogEntry) {}
}

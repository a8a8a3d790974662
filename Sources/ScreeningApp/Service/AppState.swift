import EventLog

/// Everything the service folds from the log, kept under one lock so that deciding and applying
/// a command is atomic with respect to every other command.
struct AppState: Sendable {
    /// The seq of the last entry folded in (0 for an empty log).
    var lastSeq: Int64 = 0
    /// The accounts.
    var accounts = AccountDirectory()
    /// Keyed requests already performed.
    var idempotency = IdempotencyIndex()
    /// The screening domain's state.
    var screening = ScreeningModel()
    /// Set when a batch failed to become durable after the state had applied it; every later
    /// write and read is refused until the store is reopened.
    var poisoned = false

    /// Folds one entry into every part of the state.
    mutating func evolve(_ entry: LogEntry) {
        lastSeq = entry.seq
        accounts.evolve(entry)
        idempotency.evolve(entry)
        screening.evolve(entry)
    }
}

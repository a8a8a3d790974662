/// The source of `at` timestamps for the writer. Injected so that tests control time.
public protocol LogClock: Sendable {
    /// The current instant (UTC, microseconds).
    func now() -> Timestamp
}

/// The system's wall clock.
public struct SystemClock: LogClock {
    /// Creates the system clock.
    public init() {}

    /// The current time from the system clock.
    public func now() -> Timestamp { Timestamp.now() }
}

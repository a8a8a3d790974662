import EventLog

/// Presents the configuration's clock to the log writer.
struct ClockAdapter: LogClock {
    let read: @Sendable () -> Timestamp
    func now() -> Timestamp { read() }
}

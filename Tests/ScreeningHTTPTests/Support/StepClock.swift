import EventLog
import Synchronization

/// A clock for the fixtures: starts at 2026-11-20T01:00:00Z (09:00 in Asia/Shanghai, the
/// screening date) and moves one millisecond each time it is read, so entries get distinct,
/// increasing times and dates never depend on the machine's calendar.
final class StepClock: Sendable {
    /// 2026-11-20T01:00:00Z in microseconds since the epoch.
    static let start: Int64 = 1_795_136_400_000_000

    private let current = Mutex(StepClock.start)

    /// The next instant.
    func now() -> Timestamp {
        current.withLock { value in
            value += 1_000
            return Timestamp(microsecondsSinceEpoch: value)
        }
    }
}

public import EventLog
import Synchronization

/// A clock the demo moves through its timeline, so entries carry realistic past `at` times.
public final class DemoClock: Sendable {
    private let micros: Mutex<Int64>

    /// Starts at `start` (UTC).
    public init(start: Timestamp) {
        micros = Mutex(start.microsecondsSinceEpoch)
    }

    /// The current demo instant.
    public var now: Timestamp { Timestamp(microsecondsSinceEpoch: micros.withLock { $0 }) }

    /// Moves to `instant`; never backwards.
    public func set(_ instant: Timestamp) {
        micros.withLock { $0 = max($0, instant.microsecondsSinceEpoch) }
    }

    /// Moves forward by `seconds`.
    public func advance(seconds: Int64) {
        micros.withLock { $0 += seconds * 1_000_000 }
    }
}

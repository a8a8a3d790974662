import EventLog
import Synchronization

/// A log clock for building a large historical store: it starts `span` before now and advances
/// by `step` on every reading, never passing an hour before the real now, so entries' `at`
/// spread over the past like a real screening log's and later real-time appends stay in order.
final class SpreadClock: LogClock {
    private let next: Mutex<Int64>
    private let step: Int64
    private let ceiling: Int64
    /// The first reading this clock gives.
    let start: Timestamp

    /// A clock starting `spanSeconds` before now and advancing `stepMicroseconds` per reading.
    init(spanSeconds: Int64, stepMicroseconds: Int64) {
        let now = Timestamp.now().microsecondsSinceEpoch
        ceiling = now - 3_600_000_000
        start = Timestamp(microsecondsSinceEpoch: now - spanSeconds * 1_000_000)
        next = Mutex(start.microsecondsSinceEpoch)
        step = stepMicroseconds
    }

    func now() -> Timestamp {
        next.withLock { value in
            let reading = min(value, ceiling)
            value += step
            return Timestamp(microsecondsSinceEpoch: reading)
        }
    }
}

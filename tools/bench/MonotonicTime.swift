import Glibc

/// Nanoseconds on the monotonic clock (`CLOCK_MONOTONIC`), cheap enough to read around every operation.
enum MonotonicTime {
    /// The current monotonic time in nanoseconds (arbitrary origin).
    static func nanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Seconds elapsed since `start` (a value from `nanoseconds()`).
    static func seconds(since start: UInt64) -> Double {
        Double(nanoseconds() &- start) / 1e9
    }
}

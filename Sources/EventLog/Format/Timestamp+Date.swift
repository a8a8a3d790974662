#if canImport(FoundationEssentials)
public import FoundationEssentials
#else
public import Foundation
#endif

extension Timestamp {
    /// The instant `date`, rounded to the nearest microsecond.
    public init(_ date: Date) {
        self.init(microsecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1_000_000).rounded()))
    }

    /// This instant as a `Date` (a `Double` of seconds: exact to the microsecond for today's dates).
    public var date: Date {
        let (seconds, micros) = microsecondsSinceEpoch.quotientAndRemainder(dividingBy: 1_000_000)
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    /// The current time of the system clock, to the microsecond.
    public static func now() -> Timestamp {
        Timestamp(Date())
    }
}

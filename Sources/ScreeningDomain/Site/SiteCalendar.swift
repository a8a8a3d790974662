public import Foundation
public import EventLog

/// The site's civil time: converts log instants (UTC) to the site's local dates and back.
///
/// The log stores UTC; people at the site think in local dates (screening date, date signed).
/// The zone comes from the tz database (Foundation `TimeZone`), so historical offsets are right.
public struct SiteCalendar: Sendable, Hashable {
    /// The tz database identifier used when none is configured: the first trial's site, Hangzhou.
    public static let defaultTimeZoneIdentifier = "Asia/Shanghai"

    /// The site's time zone.
    public var timeZone: TimeZone

    /// Creates a calendar for a site in `timeZone`.
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
    }

    /// Creates a calendar for the zone named by a tz database identifier such as `Asia/Shanghai`,
    /// or nil if the identifier is unknown.
    public init?(timeZoneIdentifier: String) {
        guard let zone = TimeZone(identifier: timeZoneIdentifier) else { return nil }
        self.timeZone = zone
    }

    /// The default site calendar (Asia/Shanghai).
    public static var standard: SiteCalendar {
        // Asia/Shanghai is in every tz database; the fixed offset is only a fallback for a
        // system without tzdata (the zone has had no daylight saving since 1991).
        SiteCalendar(timeZone: TimeZone(identifier: defaultTimeZoneIdentifier) ?? TimeZone(secondsFromGMT: 8 * 3600)!)
    }

    /// The site's UTC offset in seconds at `instant`.
    public func offsetSeconds(at instant: Timestamp) -> Int {
        let seconds = Self.floorDivide(instant.microsecondsSinceEpoch, 1_000_000)
        return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// The site-local civil date of `instant`.
    public func localDate(of instant: Timestamp) -> LocalDate {
        let local = Self.floorDivide(instant.microsecondsSinceEpoch, 1_000_000) + Int64(offsetSeconds(at: instant))
        return LocalDate(dayNumber: Int(Self.floorDivide(local, 86_400)))
    }

    /// The last microsecond of `date` in the site's zone: what a bare date means in
    /// "as of YYYY-MM-DD" (the whole day is included).
    public func endOfDay(_ date: LocalDate) -> Timestamp {
        Timestamp(microsecondsSinceEpoch: startOfDay(date.adding(days: 1)).microsecondsSinceEpoch - 1)
    }

    /// The first instant of `date` in the site's zone.
    public func startOfDay(_ date: LocalDate) -> Timestamp {
        // Take the offset at UTC midnight, then once more at the resulting instant: exact unless a
        // transition falls within hours of midnight, which tz rules avoid.
        let utcMidnight = Int64(date.dayNumber) * 86_400
        var offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcMidnight)))
        offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcMidnight - Int64(offset))))
        return Timestamp(microsecondsSinceEpoch: (utcMidnight - Int64(offset)) * 1_000_000)
    }

    /// `instant` in site-local time with its offset, for people (RFC 3339, microseconds as the
    /// log keeps them): `2026-11-29T18:00:00.000000+08:00`.
    public func localTimestampString(_ instant: Timestamp) -> String {
        let offset = offsetSeconds(at: instant)
        let micros = instant.microsecondsSinceEpoch + Int64(offset) * 1_000_000
        let seconds = Self.floorDivide(micros, 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let day = Self.floorDivide(seconds, 86_400)
        let secondOfDay = seconds - day * 86_400
        let offsetMinutes = abs(offset) / 60
        return LocalDate(dayNumber: Int(day)).iso + "T" + Self.pad(secondOfDay / 3600, 2) + ":"
            + Self.pad(secondOfDay / 60 % 60, 2) + ":" + Self.pad(secondOfDay % 60, 2) + "." + Self.pad(fraction, 6)
            + (offset < 0 ? "-" : "+") + Self.pad(Int64(offsetMinutes / 60), 2) + ":"
            + Self.pad(Int64(offsetMinutes % 60), 2)
    }

    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor < 0) ? quotient - 1 : quotient
    }

    static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}

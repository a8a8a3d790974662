public import EventLog

/// The instant a replay is taken at ("as of"), and how the user's text maps to it.
///
/// Replay uses transaction time: the state as of T holds every log entry whose `at` is at or
/// before T. A bare date `YYYY-MM-DD` means the end of that day in the site's zone (the whole
/// day is included); a full RFC 3339 timestamp with `Z` or a numeric offset, such as
/// `2026-11-29T10:00:00+08:00` or `2026-11-29T02:00:00.5Z`, is taken as given. A timestamp
/// without an offset is refused because it names no single instant.
public enum AsOf {
    /// Parses the `asOf` argument into a UTC instant, or throws `as_of.invalid` (field `asOf`).
    public static func parse(_ text: String, site: SiteCalendar) throws(DomainError) -> Timestamp {
        if text.utf8.count == 10 {
            guard let date = LocalDate(iso: text) else {
                throw invalid("is not a real calendar date in the form YYYY-MM-DD")
            }
            return site.endOfDay(date)
        }
        return try parseTimestamp(Array(text.utf8))
    }

    private static func parseTimestamp(_ bytes: [UInt8]) throws(DomainError) -> Timestamp {
        guard bytes.count >= 20, let date = LocalDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)) else {
            throw invalid("must be YYYY-MM-DD or an RFC 3339 timestamp such as 2026-11-29T10:00:00+08:00")
        }
        guard bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let hour = digits(bytes[11..<13]), let minute = digits(bytes[14..<16]),
            let second = digits(bytes[17..<19]), hour < 24, minute < 60, second < 60
        else { throw invalid("has no valid time of day (THH:MM:SS)") }
        var index = 19
        var micros: Int64 = 0
        if bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            var end = start
            while end < bytes.count, bytes[end] >= UInt8(ascii: "0"), bytes[end] <= UInt8(ascii: "9") { end += 1 }
            guard end > start, end - start <= 6, let fraction = digits(bytes[start..<end]) else {
                throw invalid("has a fraction of a second that is empty or finer than microseconds")
            }
            micros = fraction
            for _ in 0..<(6 - (end - start)) { micros *= 10 }
            index = end
        }
        let offsetSeconds = try parseOffset(bytes[index...])
        let local = Int64(date.dayNumber) * 86_400 + hour * 3600 + minute * 60 + second
        return Timestamp(microsecondsSinceEpoch: (local - offsetSeconds) * 1_000_000 + micros)
    }

    private static func parseOffset(_ bytes: ArraySlice<UInt8>) throws(DomainError) -> Int64 {
        if bytes.count == 1, bytes.first == UInt8(ascii: "Z") || bytes.first == UInt8(ascii: "z") { return 0 }
        guard bytes.count == 6 else {
            throw invalid("needs a UTC offset: Z or +HH:MM (a local time without offset names no single instant)")
        }
        let start = bytes.startIndex
        guard bytes[start] == UInt8(ascii: "+") || bytes[start] == UInt8(ascii: "-"),
            bytes[start + 3] == UInt8(ascii: ":"),
            let hours = digits(bytes[(start + 1)..<(start + 3)]),
            let minutes = digits(bytes[(start + 4)..<(start + 6)]), hours < 24, minutes < 60
        else { throw invalid("has a malformed UTC offset (expected Z or +HH:MM)") }
        let magnitude = hours * 3600 + minutes * 60
        return bytes[start] == UInt8(ascii: "-") ? -magnitude : magnitude
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int64? {
        var value: Int64 = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func invalid(_ detail: String) -> DomainError {
        DomainError(code: "as_of.invalid", field: "asOf", reason: "The as-of argument " + detail + ".")
    }
}

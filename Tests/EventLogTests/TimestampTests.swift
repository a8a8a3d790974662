import EventLog
import Foundation
import Testing

@Suite("Timestamp format (YYYY-MM-DDTHH:MM:SS.ffffffZ)")
struct TimestampTests {
    // date -u -d @1767225600 +%Y-%m-%dT%H:%M:%S.000000Z   ->  2026-01-01T00:00:00.000000Z
    // date -u -d @951782400  +%Y-%m-%dT%H:%M:%S           ->  2000-02-29T00:00:00 (leap day)
    static let knownAnswers: [(Int64, String)] = [
        (0, "1970-01-01T00:00:00.000000Z"),
        (1, "1970-01-01T00:00:00.000001Z"),
        (-1, "1969-12-31T23:59:59.999999Z"),
        (1_767_225_600_000_000, "2026-01-01T00:00:00.000000Z"),
        (1_767_225_600_123_456, "2026-01-01T00:00:00.123456Z"),
        (951_782_400_000_000, "2000-02-29T00:00:00.000000Z"),
        (4_107_542_399_999_999, "2100-02-28T23:59:59.999999Z"),
        // python3 -c 'import datetime as d; print((d.datetime(9999,12,31,23,59,59,999999)-d.datetime(1970,1,1))//d.timedelta(microseconds=1))'
        (253_402_300_799_999_999, "9999-12-31T23:59:59.999999Z"),
        // python3 -c 'import datetime as d; print((d.datetime(1,1,1)-d.datetime(1970,1,1))//d.timedelta(microseconds=1))'
        (-62_135_596_800_000_000, "0001-01-01T00:00:00.000000Z"),
    ]

    @Test("known instants format and parse back")
    func knownAnswerTable() {
        for (micros, text) in Self.knownAnswers {
            let timestamp = Timestamp(microsecondsSinceEpoch: micros)
            #expect(timestamp.formatted == text)
            #expect(Timestamp(formatted: text) == timestamp)
            #expect(Timestamp(formatted: Substring(text)) == timestamp)
        }
    }

    @Test(
        "rejects anything but the exact format",
        arguments: [
            "2026-01-01T00:00:00Z",  // no microseconds
            "2026-01-01T00:00:00.000Z",  // milliseconds
            "2026-01-01T00:00:00.0000000Z",  // seven digits
            "2026-01-01T00:00:00.000000+08:00",  // offset
            "2026-01-01T08:00:00+08:00",
            "2026-01-01T00:00:00.000000z",  // lowercase z
            "2026-01-01t00:00:00.000000Z",
            "2026-01-01 00:00:00.000000Z",
            "2026-02-30T00:00:00.000000Z",  // Feb 30
            "2025-02-29T00:00:00.000000Z",  // not a leap year
            "2100-02-29T00:00:00.000000Z",  // century, not a leap year
            "2026-04-31T00:00:00.000000Z",
            "2026-13-01T00:00:00.000000Z",
            "2026-00-01T00:00:00.000000Z",
            "2026-01-00T00:00:00.000000Z",
            "2026-01-01T24:00:00.000000Z",
            "2026-01-01T00:60:00.000000Z",
            "2016-12-31T23:59:60.000000Z",  // leap second
            "+026-01-01T00:00:00.000000Z",
            "2026-1-01T00:00:00.0000000Z",
            "",
        ])
    func rejects(_ text: String) {
        #expect(Timestamp(formatted: text) == nil)
    }

    @Test("2000-02-29 (a leap century) parses")
    func leapCentury() {
        #expect(Timestamp(formatted: "2000-02-29T12:00:00.000000Z") != nil)
    }

    @Test("every day from 1900 to 2100 round-trips through the calendar")
    func calendarRoundTrip() {
        var micros: Int64 = -2_208_988_800_000_000  // 1900-01-01
        let end: Int64 = 4_133_980_800_000_000  // 2101-01-01
        var previous = ""
        while micros < end {
            let text = Timestamp(microsecondsSinceEpoch: micros).formatted
            #expect(text > previous)
            #expect(Timestamp(formatted: text)?.microsecondsSinceEpoch == micros)
            previous = text
            micros += 86_400_000_000 + 3_600_000_001  // a day, an hour and a microsecond
        }
    }

    @Test("Date conversion keeps microseconds")
    func dates() {
        let timestamp = Timestamp(microsecondsSinceEpoch: 1_767_225_600_123_457)
        #expect(Timestamp(timestamp.date) == timestamp)
        #expect(Timestamp(Date(timeIntervalSince1970: 1.5)).microsecondsSinceEpoch == 1_500_000)
        let before = Timestamp(Date())
        let now = Timestamp.now()
        #expect(now >= before)
        #expect(now.microsecondsSinceEpoch - before.microsecondsSinceEpoch < 60_000_000)
    }
}

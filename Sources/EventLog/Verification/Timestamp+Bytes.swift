extension Timestamp {
    /// Parses format v1's `YYYY-MM-DDTHH:MM:SS.ffffffZ` straight from bytes, with exactly the rules
    /// of `init?(formatted:)` (which the verification tests compare it with) but without building
    /// a string: this runs once per line.
    init?(formattedBytes text: UnsafePointer<UInt8>, count: Int) {
        guard count == 27, text[4] == ASCII.minus, text[7] == ASCII.minus, text[10] == UInt8(ascii: "T"),
            text[13] == ASCII.colon, text[16] == ASCII.colon, text[19] == ASCII.dot, text[26] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ start: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<start + width {
                let digit = text[index] &- ASCII.zero
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let micros = number(20, 6), month >= 1, month <= 12, day >= 1,
            day <= Self.daysIn(month: month, year: year), hour < 24, minute < 60, second < 60
        else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        self.init(microsecondsSinceEpoch: (((days * 24 + hour) * 60 + minute) * 60 + second) * 1_000_000 + micros)
    }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

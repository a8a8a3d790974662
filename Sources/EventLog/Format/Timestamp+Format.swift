extension Timestamp {
    /// Parses exactly `YYYY-MM-DDTHH:MM:SS.ffffffZ` (UTC, six fraction digits, proleptic Gregorian
    /// calendar, years 0000...9999). Anything else is `nil`: other offsets, missing or extra
    /// fraction digits, lowercase `t`/`z`, impossible dates such as Feb 30, and leap second 60.
    public init?(formatted: some StringProtocol) {
        let parsed =
            formatted.utf8.withContiguousStorageIfAvailable { Self.parse($0) }
            ?? Array(formatted.utf8).withUnsafeBufferPointer { Self.parse($0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// The format v1 form, `YYYY-MM-DDTHH:MM:SS.ffffffZ`, in UTC.
    ///
    /// Years outside 0000...9999 are printed with a sign or more digits, which no parser accepts
    /// back; `LogEntry.checkFormat()` refuses such timestamps.
    public var formatted: String {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(Self.formattedLength)
        appendFormatted(to: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    /// The length of the format v1 form in bytes.
    static let formattedLength = 27

    /// The earliest instant format v1 can write: 0000-01-01T00:00:00.000000Z.
    static let earliest = Timestamp(microsecondsSinceEpoch: daysFromCivil(year: 0, month: 1, day: 1) * microsPerDay)
    /// The latest instant format v1 can write: 9999-12-31T23:59:59.999999Z.
    static let latest = Timestamp(
        microsecondsSinceEpoch: daysFromCivil(year: 10_000, month: 1, day: 1) * microsPerDay - 1)

    /// Whether this instant lies in years 0000...9999, so `formatted` round-trips.
    var isFormattable: Bool { self >= Self.earliest && self <= Self.latest }

    /// Appends the format v1 form to `buffer` without an intermediate string (the append hot path).
    func appendFormatted(to buffer: inout [UInt8]) {
        let (days, microsOfDay) = microsecondsSinceEpoch.floorDivided(by: Self.microsPerDay)
        let (year, month, day) = Self.civilFromDays(days)
        let seconds = microsOfDay / 1_000_000
        let micros = microsOfDay % 1_000_000
        if year < 0 { buffer.append(UInt8(ascii: "-")) }
        ASCII.appendDecimal(year.magnitude, minimumWidth: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        ASCII.appendDecimal(UInt64(month), minimumWidth: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        ASCII.appendDecimal(UInt64(day), minimumWidth: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        ASCII.appendDecimal(UInt64(seconds / 3600), minimumWidth: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        ASCII.appendDecimal(UInt64(seconds / 60 % 60), minimumWidth: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        ASCII.appendDecimal(UInt64(seconds % 60), minimumWidth: 2, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        ASCII.appendDecimal(UInt64(micros), minimumWidth: 6, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    private static let microsPerDay: Int64 = 86_400_000_000

    /// Parses the exact 27-byte form; `nil` otherwise.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        guard text.count == formattedLength else { return nil }
        func number(_ start: Int, _ width: Int) -> Int64? {
            var value: Int64 = 0
            for index in start..<start + width {
                let byte = text[index]
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int64(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard text[4] == UInt8(ascii: "-"), text[7] == UInt8(ascii: "-"), text[10] == UInt8(ascii: "T"),
            text[13] == UInt8(ascii: ":"), text[16] == UInt8(ascii: ":"), text[19] == UInt8(ascii: "."),
            text[26] == UInt8(ascii: "Z")
        else { return nil }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
            let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
            let micros = number(20, 6),
            (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month),
            hour < 24, minute < 60, second < 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = ((days * 24 + hour) * 60 + minute) * 60 + second
        return Timestamp(microsecondsSinceEpoch: seconds * 1_000_000 + micros)
    }

    private static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's `civil_from_days`).
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension Int64 {
    /// Floor division and the matching non-negative remainder (Swift's `/` truncates toward zero).
    fileprivate func floorDivided(by divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor)
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }
}

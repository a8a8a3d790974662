/// A civil calendar date without time or time zone (proleptic Gregorian), written `YYYY-MM-DD`.
///
/// Screening dates, dates of birth and event dates are civil dates at the site; converting an
/// instant to a date (Asia/Shanghai for the first trial) happens outside this type.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month, 1...28/29/30/31.
    public let day: Int

    /// Creates a date, rejecting days that do not exist (2023-02-29) and years outside 1...9999.
    public init(year: Int, month: Int, day: Int) throws(DomainError) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else {
            throw DomainError(
                code: "date.invalid", field: nil, reason: "The date does not exist in the Gregorian calendar.")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD` (ASCII digits, a real date); nil otherwise.
    public init?(iso: some StringProtocol) {
        let parsed =
            iso.utf8.withContiguousStorageIfAvailable { LocalDate(isoUTF8: $0) }
            ?? Array(iso.utf8).withUnsafeBufferPointer { LocalDate(isoUTF8: $0) }
        guard let parsed else { return nil }
        self = parsed
    }

    /// `init?(iso:)` on the UTF-8 bytes of the text.
    init?(isoUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                result = result * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let date = try? LocalDate(year: year, month: month, day: day)
        else { return nil }
        self = date
    }

    /// The date as `YYYY-MM-DD`.
    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The date as `YYYY-MM-DD`.
    public var description: String { iso }

    /// Whole days from `self` to `other` (`other - self`); negative when `other` is earlier.
    public func days(until other: LocalDate) -> Int {
        other.dayNumber - dayNumber
    }

    /// The date `days` days later (earlier when negative).
    public func adding(days: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + days)
    }

    /// The same month and day `years` later (earlier when negative).
    ///
    /// 29 February becomes 28 February in a common year, so someone born on 29 February
    /// reaches each birthday on 28 February in common years.
    public func adding(years: Int) -> LocalDate {
        let targetYear = year + years
        let targetDay = min(day, LocalDate.daysIn(month: month, year: targetYear))
        return LocalDate(unchecked: targetYear, month, targetDay)
    }

    /// Calendar order.
    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension LocalDate {
    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (the "days from civil" algorithm on a March-based year).
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `dayNumber`.
    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(unchecked: year, month, day)
    }
}

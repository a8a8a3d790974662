import ScreeningDomain
import Testing

@Suite("Value types: LocalDate and DecimalValue")
struct ValuesTests {
    @Test(
        "ISO dates parse strictly",
        arguments: [
            "2025-02-29", "2025-13-01", "2025-1-01", "25-01-01", "2025-01-01T00", "2025/01/01", "0000-01-01", "",
        ])
    func rejectsBadDates(_ text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test(
        "ISO round trip, including leap days and year ends",
        arguments: ["2024-02-29", "2000-02-29", "1999-12-31", "0001-01-01", "9999-12-31"])
    func isoRoundTrip(_ text: String) {
        #expect(LocalDate(iso: text)?.iso == text)
    }

    @Test("Whole days between dates and adding days agree")
    func days() throws {
        let start = try #require(LocalDate(iso: "2024-02-27"))
        #expect(start.days(until: try #require(LocalDate(iso: "2024-03-01"))) == 3)
        #expect(start.days(until: try #require(LocalDate(iso: "2025-02-27"))) == 366)
        #expect(
            try #require(LocalDate(iso: "1970-01-01")).days(until: try #require(LocalDate(iso: "2000-03-01"))) == 11_017
        )
        for offset in [-800, -1, 0, 1, 59, 365, 1461, 40_000] {
            #expect(start.days(until: start.adding(days: offset)) == offset)
        }
        #expect(start.adding(days: 2).iso == "2024-02-29")
        #expect(start.adding(days: -58).iso == "2023-12-31")
    }

    @Test("Adding years maps 29 February to 28 February in common years")
    func addingYears() throws {
        let leapDay = try #require(LocalDate(iso: "2008-02-29"))
        #expect(leapDay.adding(years: 18).iso == "2026-02-28")
        #expect(leapDay.adding(years: 20).iso == "2028-02-29")
        #expect(try #require(LocalDate(iso: "2007-03-10")).adding(years: 18).iso == "2025-03-10")
    }

    @Test("Invalid civil dates throw a DomainError")
    func invalidThrows() {
        #expect(throws: DomainError.self) { try LocalDate(year: 2023, month: 2, day: 29) }
    }

    @Test(
        "Plain decimal strings only",
        arguments: [
            "1e3", "+1", ".5", "1.", "007", "12abc", "1,5", "", "-", "0x10", " 1", "1234567890123456789012345678901",
        ])
    func rejectsBadDecimals(_ text: String) {
        #expect(DecimalValue(text) == nil)
    }

    @Test(
        "Canonical descriptions",
        arguments: [
            ("41.50", "41.5"), ("-3", "-3"), ("0.25", "0.25"), ("-0", "0"), ("0.0", "0"), ("100", "100"),
            ("2.500", "2.5"),
        ])
    func canonical(_ pair: (String, String)) {
        #expect(DecimalValue(pair.0)?.description == pair.1)
    }

    @Test("Exact arithmetic and comparison")
    func arithmetic() throws {
        let a = try #require(DecimalValue("0.1"))
        let b = try #require(DecimalValue("0.2"))
        #expect(a + b == DecimalValue("0.3"))
        let product = try #require(DecimalValue("2.5")) * #require(DecimalValue("40"))
        #expect(product == DecimalValue("100"))
        #expect(DecimalValue("41.50") == DecimalValue("41.5"))
        #expect(try #require(DecimalValue("29.9")) < DecimalValue(30))
        #expect(try #require(DecimalValue("83.96464")).rounded(places: 1) == DecimalValue("84"))
        #expect(try #require(DecimalValue("0.05")).rounded(places: 1) == DecimalValue("0.1"))
        #expect(DecimalValue(3).isInteger)
        #expect(try !#require(DecimalValue("3.5")).isInteger)
        #expect(try #require(DecimalValue("-0.5")).isNegative)
    }

    @Test("Hashing agrees with equality across trailing zeros")
    func hashing() throws {
        let set: Set<DecimalValue> = [try #require(DecimalValue("2.5")), try #require(DecimalValue("2.50"))]
        #expect(set.count == 1)
    }
}

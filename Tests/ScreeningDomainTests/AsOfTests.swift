import EventLog
import ScreeningDomain
import Testing

/// Parsing the as-of argument and replaying to a date.
@Suite struct AsOfTests {
    let shanghai = SiteCalendar.standard

    @Test func bareDateIsTheEndOfThatDayInTheSiteZone() throws {
        // 2026-11-29 ends at 23:59:59.999999 +08:00, which is 15:59:59.999999Z.
        #expect(try AsOf.parse("2026-11-29", site: shanghai).formatted == "2026-11-29T15:59:59.999999Z")
        let utc = try #require(SiteCalendar(timeZoneIdentifier: "UTC"))
        #expect(try AsOf.parse("2026-11-29", site: utc).formatted == "2026-11-29T23:59:59.999999Z")
        let newYork = try #require(SiteCalendar(timeZoneIdentifier: "America/New_York"))
        // EST (UTC-5) in November; EDT (UTC-4) in July.
        #expect(try AsOf.parse("2026-11-29", site: newYork).formatted == "2026-11-30T04:59:59.999999Z")
        #expect(try AsOf.parse("2026-07-01", site: newYork).formatted == "2026-07-02T03:59:59.999999Z")
        // Leap day and year end roll over correctly.
        #expect(try AsOf.parse("2028-02-29", site: shanghai).formatted == "2028-02-29T15:59:59.999999Z")
        #expect(try AsOf.parse("2026-12-31", site: utc).formatted == "2026-12-31T23:59:59.999999Z")
    }

    @Test(arguments: [
        ("2026-11-29T10:00:00+08:00", "2026-11-29T02:00:00.000000Z"),
        ("2026-11-29T02:00:00Z", "2026-11-29T02:00:00.000000Z"),
        ("2026-11-29t02:00:00z", "2026-11-29T02:00:00.000000Z"),
        ("2026-11-29T02:00:00.5Z", "2026-11-29T02:00:00.500000Z"),
        ("2026-11-29T02:00:00.123456Z", "2026-11-29T02:00:00.123456Z"),
        ("2026-11-28T21:30:00-04:30", "2026-11-29T02:00:00.000000Z"),
        ("2026-11-29T00:30:00+08:00", "2026-11-28T16:30:00.000000Z"),
    ])
    func fullTimestampIsTakenAsGiven(text: String, utc: String) throws {
        #expect(try AsOf.parse(text, site: shanghai).formatted == utc)
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01", "2026-02-30", "2026-11-29T10:00:00", "2026-11-29 10:00:00Z",
        "2026-11-29T25:00:00Z", "2026-11-29T10:00:00.1234567Z", "2026-11-29T10:00:00.Z", "2026-11-29T10:00:00+8:00",
        "2026-11-29T10:00:00+08:00x", "29/11/2026",
    ])
    func malformedArgumentsAreRefusedClearly(text: String) {
        let error = domainError { _ = try AsOf.parse(text, site: shanghai) }
        #expect(error?.code == "as_of.invalid")
        #expect(error?.field == "asOf")
        #expect(error?.reason.isEmpty == false)
    }

    @Test func replayToADateSaysWhichInstantAndEntryItUsed() throws {
        // Entries on 2026-11-21 (site time 09:00 onwards, one per minute), then two days later.
        var log = TestLog(start: "2026-11-21T01:00:00.000000Z")
        try log.registerProtocol()
        try log.eligibleWorkup("S-001")
        let lastOfTheDay = log.lastSeq
        log.advance(seconds: 2 * 86_400)
        try log.sign("S-001")

        let replay = try Replay.asOf("2026-11-21", entries: log.entries)
        #expect(replay.instant.formatted == "2026-11-21T15:59:59.999999Z")
        #expect(replay.lastSeq == lastOfTheDay)
        #expect(replay.state.subjectView("S-001")?.signature == nil)
        #expect(replay.state.subjectView("S-001")?.status == .eligible)

        let later = try Replay.asOf("2026-11-23T23:00:00+08:00", entries: log.entries, subject: "S-001")
        #expect(later.lastSeq == log.lastSeq)
        #expect(later.state.subjectView("S-001")?.signatureApplies == true)

        let before = try Replay.asOf("2026-11-20", entries: log.entries)
        #expect(before.lastSeq == nil)
        #expect(before.state.subjects.isEmpty)
    }

    @Test func siteLocalRenderingCarriesTheOffset() throws {
        let instant = try #require(Timestamp(formatted: "2026-11-29T02:00:00.000042Z"))
        #expect(shanghai.localTimestampString(instant) == "2026-11-29T10:00:00.000042+08:00")
        #expect(
            shanghai.localDate(of: try #require(Timestamp(formatted: "2026-11-29T15:59:59.999999Z")))
                == LocalDate(iso: "2026-11-29"))
        #expect(
            shanghai.localDate(of: try #require(Timestamp(formatted: "2026-11-29T16:00:00.000000Z")))
                == LocalDate(iso: "2026-11-30"))
        let kolkata = try #require(SiteCalendar(timeZoneIdentifier: "Asia/Kolkata"))
        #expect(kolkata.localTimestampString(instant) == "2026-11-29T07:30:00.000042+05:30")
        let honolulu = try #require(SiteCalendar(timeZoneIdentifier: "Pacific/Honolulu"))
        #expect(honolulu.localTimestampString(instant) == "2026-11-28T16:00:00.000042-10:00")
        // Before the epoch, floor division keeps the fraction positive.
        #expect(
            SiteCalendar(timeZoneIdentifier: "UTC")!.localTimestampString(Timestamp(microsecondsSinceEpoch: -1))
                == "1969-12-31T23:59:59.999999+00:00")
    }
}

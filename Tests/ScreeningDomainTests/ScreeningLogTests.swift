import EventLog
import ScreeningDomain
import Testing

/// The screening log (ICH E6 8.3.20), CONSORT counts and CSV export for a small cohort.
@Suite struct ScreeningLogTests {
    @Test func rowsAndConsortCounts() throws {
        let screeningLog = try TestLog.smallCohort().state.screeningLog()
        let rows = Dictionary(uniqueKeysWithValues: screeningLog.rows.map { ($0.screeningNumber, $0) })
        #expect(screeningLog.rows.map(\.screeningNumber) == (1...8).map { "S-00\($0)" })
        #expect(
            rows["S-001"]?.status == .onStudy && rows["S-001"]?.eligible == true
                && rows["S-001"]?.enrolledOn == LocalDate(iso: "2026-11-21"))
        #expect(
            rows["S-002"]?.status == .notRegistered && rows["S-002"]?.eligible == false
                && rows["S-002"]?.criteriaNotMet == ["I5"])
        #expect(rows["S-003"]?.screenFailure == .declined && rows["S-003"]?.eligible == nil)
        #expect(
            rows["S-004"]?.screenFailure == .other && rows["S-004"]?.reasonText == "Lives abroad, \"unable\" to attend")
        #expect(
            rows["S-005"]?.status == .screening && rows["S-005"]?.screenFailure == nil && rows["S-005"]?.eligible == nil
        )
        #expect(
            rows["S-006"]?.status == .withdrawn && rows["S-006"]?.screenFailure == .declined
                && rows["S-006"]?.reasonText == "Changed mind")
        #expect(
            rows["S-007"]?.status == .withdrawn && rows["S-007"]?.enrolledOn != nil
                && rows["S-007"]?.screenFailure == nil)
        #expect(
            rows["S-008"]?.status == .eligible && rows["S-008"]?.eligible == true && rows["S-008"]?.enrolledOn == nil)
        #expect(rows.values.allSatisfy { $0.screeningDate == TestDates.screening })

        var expected = ConsortCounts()
        expected.assessed = 8
        expected.excludedNotMeetingCriteria = 1
        expected.excludedDeclined = 2
        expected.excludedOther = 1
        expected.enrolled = 2
        expected.stillInScreening = 2
        #expect(screeningLog.consort == expected)
        #expect(screeningLog.consort.excluded == 4)
    }

    @Test func csvFollowsRFC4180() throws {
        let csv = try TestLog.smallCohort().state.screeningLog().csv()
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 10)  // header, 8 rows, and the empty string after the final CRLF
        #expect(lines.last == "")
        #expect(
            lines[0]
                == "screening_number,screening_date,status,eligible,screen_failure,criteria_not_met,reason_text,enrolment_date,withdrawal_date"
        )
        #expect(lines[1] == "S-001,2026-11-20,on-study,yes,,,,2026-11-21,")
        #expect(lines[2] == "S-002,2026-11-20,not-registered,no,criteria,I5,,,")
        #expect(lines[4] == "S-004,2026-11-20,not-registered,,other,,\"Lives abroad, \"\"unable\"\" to attend\",,")
        #expect(lines[6] == "S-006,2026-11-20,withdrawn,,declined,,Changed mind,,2026-11-21")
    }

    @Test(arguments: [
        ("plain", "plain"),
        ("a,b", "\"a,b\""),
        ("say \"hi\"", "\"say \"\"hi\"\"\""),
        ("line\nbreak", "\"line\nbreak\""),
        ("carriage\rreturn", "\"carriage\rreturn\""),
        ("crlf\r\ninside", "\"crlf\r\ninside\""),
        ("", ""),
        ("  spaces kept  ", "  spaces kept  "),
        ("中文, 逗号", "\"中文, 逗号\""),
    ])
    func fieldQuoting(raw: String, quoted: String) {
        #expect(CSV.field(raw) == quoted)
    }

    @Test func documentEndsEveryRecordWithCRLF() {
        #expect(CSV.document([["a", "b,c"], ["", "\""]]) == "a,\"b,c\"\r\n,\"\"\"\"\r\n")
    }
}

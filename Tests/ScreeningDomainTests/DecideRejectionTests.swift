import EventLog
import ScreeningDomain
import Testing

/// Every refusal of `decide`: its stable code and field, and nothing appended.
@Suite struct DecideRejectionTests {
    /// One refused command.
    struct Rejection: Sendable, CustomTestStringConvertible {
        var name: String
        var command: ScreeningCommand
        var actor: Actor
        var code: String
        var field: String?
        var testDescription: String { name }
    }

    /// S-100 eligible and signed (AST corrected once); S-101 consented, incomplete; S-102
    /// withdrawn; S-103 screen-failed; S-104 enrolled; S-105 eligible, unsigned; S-106 eligible,
    /// signed, consent withdrawn; S-107 eligible, signature voided by a correction.
    static let fixture: (log: TestLog, astSeq: Int64, correctedAstSeq: Int64, consentSeq: Int64) = {
        do {
            var log = TestLog()
            try log.registerProtocol()
            let seqs = try log.eligibleWorkup("S-100")
            try log.sign("S-100")
            let corrected = try log.run(
                .correctAssessment(
                    CorrectAssessment(
                        subject: "S-100", supersedes: seqs["ast"]!, finding: Finding.ast("55"),
                        reason: "Lab re-issued report")),
                by: TestActors.coordinator)[0].seq
            try log.sign("S-100")
            try log.register("S-101")
            try log.consent("S-101")
            let consentSeq = log.lastSeq
            try log.register("S-102")
            try log.run(.withdraw(WithdrawSubject(subject: "S-102", initiatedBy: .subject)), by: TestActors.coordinator)
            try log.register("S-103")
            try log.run(
                .screenFail(ScreenFailSubject(subject: "S-103", category: .declined)), by: TestActors.coordinator)
            try log.eligibleWorkup("S-104")
            try log.sign("S-104")
            try log.enrol("S-104")
            try log.eligibleWorkup("S-105")
            try log.eligibleWorkup("S-106")
            try log.sign("S-106")
            try log.run(
                .withdrawConsent(WithdrawConsent(subject: "S-106", dateWithdrawn: TestDates.screening)),
                by: TestActors.coordinator)
            let s107 = try log.eligibleWorkup("S-107")
            try log.sign("S-107")
            try log.run(
                .correctAssessment(
                    CorrectAssessment(
                        subject: "S-107", supersedes: s107["ecog"]!, finding: Finding.ecog(0), reason: "Re-assessed")),
                by: TestActors.investigator)
            return (log, seqs["ast"]!, corrected, consentSeq)
        } catch {
            fatalError("fixture: \(error)")
        }
    }()

    static let rejections: [Rejection] = {
        let (log, astSeq, correctedAstSeq, consentSeq) = fixture
        let coordinator = TestActors.coordinator
        let investigator = TestActors.investigator
        func record(_ subject: String, _ finding: AssessmentFinding) -> ScreeningCommand {
            .recordAssessment(RecordAssessment(subject: subject, finding: finding))
        }
        func correct(
            _ supersedes: Int64, _ finding: AssessmentFinding, reason: String = "Source verified",
            subject: String = "S-100"
        ) -> ScreeningCommand {
            .correctAssessment(
                CorrectAssessment(subject: subject, supersedes: supersedes, finding: finding, reason: reason))
        }
        let current = log.state.subjectView("S-100")!.evaluation!.sha256.hex
        let incomplete = log.state.subjectView("S-101")!.evaluation!.sha256.hex
        var futureDose = Finding.lastAnticancerDose(LocalDate(iso: "2026-11-21")!)
        futureDose.observedOn = nil
        var futureObserved = Finding.ecog(1)
        futureObserved.observedOn = LocalDate(iso: "2026-11-22")
        return [
            Rejection(
                name: "ECOG 7", command: record("S-101", Finding.ecog(7)), actor: coordinator,
                code: "value.out_of_range", field: "value"),
            Rejection(
                name: "SpO2 130 %", command: record("S-101", Finding.spo2("130")), actor: coordinator,
                code: "value.out_of_range", field: "value"),
            Rejection(
                name: "negative lab value", command: record("S-101", Finding.ast("-1")), actor: coordinator,
                code: "value.out_of_range", field: "value"),
            Rejection(
                name: "ULN of zero", command: record("S-101", Finding.ast("30", uln: "0")), actor: coordinator,
                code: "uln.out_of_range", field: "uln"),
            Rejection(
                name: "unit that does not fit", command: record("S-101", Finding.ast("30", unit: "mg/dL")),
                actor: coordinator, code: "unit.invalid", field: "unit"),
            Rejection(
                name: "unknown criterion input",
                command: record("S-101", AssessmentFinding(input: "hba1c", value: .number(DecimalValue(6)))),
                actor: coordinator,
                code: "input.unknown", field: "input"),
            Rejection(
                name: "unknown subject", command: record("S-999", Finding.ecog(1)), actor: coordinator,
                code: "subject.unknown", field: "subject"),
            Rejection(
                name: "duplicate screening number",
                command: .registerSubject(
                    RegisterSubject(screeningNumber: "S-100", screeningDate: TestDates.screening)), actor: coordinator,
                code: "subject.duplicate", field: "screeningNumber"),
            Rejection(
                name: "malformed screening number",
                command: .registerSubject(
                    RegisterSubject(screeningNumber: "Zhang-San", screeningDate: TestDates.screening)),
                actor: coordinator,
                code: "screening_number.invalid", field: "screeningNumber"),
            Rejection(
                name: "screening date in the future (site zone)",
                command: .registerSubject(
                    RegisterSubject(screeningNumber: "S-200", screeningDate: LocalDate(iso: "2099-01-01")!)),
                actor: coordinator,
                code: "date.in_future", field: "screeningDate"),
            Rejection(
                name: "observation dated in the future", command: record("S-101", futureObserved), actor: coordinator,
                code: "date.in_future", field: "observedOn"),
            Rejection(
                name: "past-event date after screening", command: record("S-101", futureDose), actor: coordinator,
                code: "value.after_screening", field: "value"),
            Rejection(
                name: "re-recording a lab for the same sample date", command: record("S-100", Finding.ast("30")),
                actor: coordinator, code: "assessment.exists", field: "observedOn"),
            Rejection(
                name: "re-recording an observation with an earlier date",
                command: record("S-100", Finding.ecog(0, on: TestDates.screening.adding(days: -1))),
                actor: coordinator, code: "assessment.exists", field: "observedOn"),
            Rejection(
                name: "changing an attested answer without a correction",
                command: record("S-100", Finding.survival(false)), actor: investigator,
                code: "assessment.exists", field: "input"),
            Rejection(
                name: "correction without reason", command: correct(correctedAstSeq, Finding.ast("56"), reason: "  "),
                actor: coordinator, code: "correction.reason_missing", field: "reason"),
            Rejection(
                name: "correction naming a non-assessment seq", command: correct(consentSeq, Finding.ast("56")),
                actor: coordinator, code: "correction.target_invalid", field: "supersedes"),
            Rejection(
                name: "correction naming another subject's assessment",
                command: correct(correctedAstSeq, Finding.ast("56"), subject: "S-105"),
                actor: coordinator, code: "correction.target_invalid", field: "supersedes"),
            Rejection(
                name: "correction of a superseded value", command: correct(astSeq, Finding.ast("56")),
                actor: coordinator, code: "correction.target_superseded", field: "supersedes"),
            Rejection(
                name: "correction changing the input", command: correct(correctedAstSeq, Finding.ecog(1)),
                actor: coordinator, code: "correction.input_mismatch", field: "input"),
            Rejection(
                name: "correction that changes nothing", command: correct(correctedAstSeq, Finding.ast("55")),
                actor: coordinator, code: "correction.unchanged", field: "value"),
            Rejection(
                name: "sign-off of a changed evaluation",
                command: .signEligibility(SignEligibility(subject: "S-105", evaluationSHA256: current)),
                actor: investigator,
                code: "evaluation.stale", field: "evaluationSHA256"),
            Rejection(
                name: "sign-off of a non-eligible evaluation",
                command: .signEligibility(SignEligibility(subject: "S-101", evaluationSHA256: incomplete)),
                actor: investigator,
                code: "evaluation.not_eligible", field: "evaluation"),
            Rejection(
                name: "second signature on the same evaluation",
                command: .signEligibility(SignEligibility(subject: "S-100", evaluationSHA256: current)),
                actor: investigator,
                code: "signature.exists", field: "subject"),
            Rejection(
                name: "enrolment without signature", command: .enrol(EnrolSubject(subject: "S-105")),
                actor: investigator, code: "signature.missing", field: "signature"),
            Rejection(
                name: "enrolment with a voided signature", command: .enrol(EnrolSubject(subject: "S-107")),
                actor: investigator, code: "signature.voided", field: "signature"),
            Rejection(
                name: "enrolment without current consent", command: .enrol(EnrolSubject(subject: "S-106")),
                actor: investigator, code: "consent.missing", field: "consent"),
            Rejection(
                name: "enrolment by a coordinator", command: .enrol(EnrolSubject(subject: "S-100")), actor: coordinator,
                code: "role.forbidden", field: "actor.role"),
            Rejection(
                name: "sign-off by a coordinator",
                command: .signEligibility(SignEligibility(subject: "S-105", evaluationSHA256: current)),
                actor: coordinator,
                code: "role.forbidden", field: "actor.role"),
            Rejection(
                name: "attestation by a coordinator", command: record("S-101", Finding.survival(true)),
                actor: coordinator, code: "role.forbidden", field: "actor.role"),
            Rejection(
                name: "screening data by a monitor", command: record("S-101", Finding.ecog(1)),
                actor: TestActors.monitor, code: "role.forbidden", field: "actor.role"),
            Rejection(
                name: "audit review by a coordinator", command: .recordAuditReview(RecordAuditReview(subject: "S-100")),
                actor: coordinator,
                code: "role.forbidden", field: "actor.role"),
            Rejection(
                name: "audit review beyond the log",
                command: .recordAuditReview(RecordAuditReview(subject: "S-100", throughSeq: 10_000)),
                actor: TestActors.monitor, code: "audit_review.seq_invalid", field: "throughSeq"),
            Rejection(
                name: "assessment of a withdrawn subject", command: record("S-102", Finding.ecog(1)),
                actor: coordinator, code: "subject.withdrawn", field: "subject"),
            Rejection(
                name: "withdrawing a withdrawn subject",
                command: .withdraw(WithdrawSubject(subject: "S-102", initiatedBy: .site)), actor: coordinator,
                code: "subject.withdrawn", field: "subject"),
            Rejection(
                name: "consent after screen failure",
                command: .recordConsent(
                    RecordConsent(subject: "S-103", formVersion: "ICF v2.1", dateSigned: TestDates.consent)),
                actor: coordinator,
                code: "subject.screening_ended", field: "subject"),
            Rejection(
                name: "new assessment after enrolment", command: record("S-104", Finding.ecog(0)), actor: coordinator,
                code: "subject.screening_ended", field: "subject"),
            Rejection(
                name: "second enrolment", command: .enrol(EnrolSubject(subject: "S-104")), actor: investigator,
                code: "subject.screening_ended", field: "subject"),
            Rejection(
                name: "screen failure after enrolment",
                command: .screenFail(ScreenFailSubject(subject: "S-104", category: .declined)), actor: coordinator,
                code: "subject.screening_ended", field: "subject"),
            Rejection(
                name: "screen failure for other reasons without text",
                command: .screenFail(ScreenFailSubject(subject: "S-101", category: .other, text: " ")),
                actor: coordinator,
                code: "screen_fail.text_missing", field: "text"),
            Rejection(
                name: "screen failure on criteria that do not fail",
                command: .screenFail(ScreenFailSubject(subject: "S-105", category: .criteria, criteria: ["I5"])),
                actor: coordinator,
                code: "screen_fail.criteria_invalid", field: "criteria"),
            Rejection(
                name: "consent withdrawal without consent",
                command: .withdrawConsent(WithdrawConsent(subject: "S-106", dateWithdrawn: TestDates.screening)),
                actor: coordinator,
                code: "consent.missing", field: "consent"),
            Rejection(
                name: "protocol version registered twice",
                command: .registerProtocol(RegisterProtocol(definition: TestProtocol.v1)), actor: TestActors.admin,
                code: "protocol.version_exists", field: "version"),
            Rejection(
                name: "protocol of another trial",
                command: .registerProtocol(
                    RegisterProtocol(
                        definition: {
                            var other = TestProtocol.v2
                            other.protocolID = "OTHER-1"
                            return other
                        }())), actor: TestActors.admin, code: "protocol.id_mismatch", field: "protocolID"),
            Rejection(
                name: "protocol registered by a coordinator",
                command: .registerProtocol(RegisterProtocol(definition: TestProtocol.v2)), actor: coordinator,
                code: "role.forbidden", field: "actor.role"),
        ]
    }()

    @Test(arguments: rejections)
    func refusedWithCodeAndFieldAndNothingAppended(_ rejection: Rejection) {
        var log = Self.fixture.log
        let before = log.entries.count
        let error = domainError { try log.run(rejection.command, by: rejection.actor) }
        #expect(error?.code == rejection.code)
        #expect(error?.field == rejection.field)
        #expect(log.entries.count == before)
        #expect(log.state == Self.fixture.log.state)
    }

    @Test func assessmentBeforeAnyProtocolIsRefused() {
        var log = TestLog()
        let error = domainError {
            try log.register("S-001")
            try log.record("S-001", Finding.ecog(1))
        }
        #expect(error?.code == "protocol.missing")
        #expect(log.entries.count == 1)
    }

    /// "Today" is the site's civil date: 2026-11-21T15:59:59Z is still the 21st in Shanghai,
    /// 16:00:00Z is already the 22nd.
    @Test func screeningDateIsCheckedAgainstTodayInTheSiteZone() throws {
        let tomorrow = RegisterSubject(screeningNumber: "S-300", screeningDate: LocalDate(iso: "2026-11-22")!)
        var before = TestLog(start: "2026-11-21T15:59:59.999999Z")
        let refused = domainError { try before.run(.registerSubject(tomorrow), by: TestActors.coordinator) }
        #expect(refused?.code == "date.in_future" && refused?.field == "screeningDate")
        var after = TestLog(start: "2026-11-21T16:00:00.000000Z")
        try after.run(.registerSubject(tomorrow), by: TestActors.coordinator)
        // In UTC the same instant is still the 21st: the zone decides.
        var utc = TestLog(site: SiteCalendar(timeZoneIdentifier: "UTC")!, start: "2026-11-21T16:00:00.000000Z")
        let utcRefused = domainError { try utc.run(.registerSubject(tomorrow), by: TestActors.coordinator) }
        #expect(utcRefused?.code == "date.in_future")
    }

    @Test func monitorMayReviewAWithdrawnSubject() throws {
        var log = Self.fixture.log
        let entries = try log.run(
            .recordAuditReview(RecordAuditReview(subject: "S-102", comment: "Trail complete")), by: TestActors.monitor)
        #expect(try AuditReviewed(data: entries[0].data).throughSeq == entries[0].seq - 1)
        #expect(entries[0].reason == "Trail complete")
        #expect(log.state.subjects["S-102"]?.auditReviews.count == 1)
    }

    @Test func enrolledSubjectMayStillBeCorrectedAndWithdrawn() throws {
        var log = Self.fixture.log
        let ecogSeq = log.state.subjects["S-104"]!.currentAssessmentSeq["ecog"]!
        let correction = try log.run(
            .correctAssessment(
                CorrectAssessment(
                    subject: "S-104", supersedes: ecogSeq, finding: Finding.ecog(0), reason: "Source data verification")
            ),
            by: TestActors.coordinator)[0]
        let view = try #require(log.state.subjectView("S-104"))
        #expect(view.status == .onStudy)
        #expect(view.signature?.voidedBy?.seq == correction.seq)
        #expect(
            view.waitingFor == [
                .reSignAfterVoid(voidedBy: SignatureVoid(seq: correction.seq, eventType: "assessment.corrected"))
            ])
        try log.sign("S-104")
        #expect(log.state.subjectView("S-104")?.signatureApplies == true)
        try log.run(
            .withdraw(WithdrawSubject(subject: "S-104", initiatedBy: .subject, reason: "Moved away")),
            by: TestActors.investigator)
        #expect(log.state.subjectView("S-104")?.status == .withdrawn)
    }
}

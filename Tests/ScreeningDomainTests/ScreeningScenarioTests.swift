import EventLog
import ScreeningDomain
import Testing

/// Whole-patient scenarios through decide + evolve on an in-memory log.
@Suite struct ScreeningScenarioTests {
    @Test func eligibleSubjectIsSignedAndEnrolled() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.register("S-001")
        #expect(log.state.subjectView("S-001")?.status == .candidate)
        #expect(log.state.subjectView("S-001")?.waitingFor == [.consent])
        try log.consent("S-001")
        #expect(log.state.subjectView("S-001")?.status == .screening)
        try log.eligibleWorkupWithoutRegistration("S-001")

        let view = try #require(log.state.subjectView("S-001"))
        #expect(view.status == .eligible)
        #expect(view.evaluation?.overall == .eligible)
        #expect(view.waitingFor == [.investigatorSignOff])
        #expect(!view.signatureApplies)
        let ast = try #require(view.evaluation?.criteria.first { $0.id == "I5" })
        #expect(ast.outcome == .met)
        #expect(ast.evidence.first?.uln == DecimalValue(40))
        #expect(ast.evidence.first?.sourceSeq != nil)

        let signature = try log.sign("S-001")
        let signed = try EligibilitySigned(data: signature.data)
        #expect(signed.printedName == TestActors.investigator.name)
        #expect(signed.meaning == "I confirm the subject meets all eligibility criteria of protocol TEST-0001 v1.0")
        #expect(signed.evaluationSHA256 == view.evaluation?.sha256.hex)
        #expect(signature.actor == TestActors.investigator)
        #expect(log.state.subjectView("S-001")?.signatureApplies == true)
        #expect(log.state.subjectView("S-001")?.waitingFor == [.enrolmentDecision])

        try log.enrol("S-001")
        let enrolled = try #require(log.state.subjectView("S-001"))
        #expect(enrolled.status == .onStudy)
        #expect(enrolled.enrolment?.signatureSeq == signature.seq)
        // 2026-11-21T01:xxZ is the same civil date in Shanghai.
        #expect(enrolled.enrolment?.enrolledOn == LocalDate(iso: "2026-11-21"))
        #expect(enrolled.waitingFor.isEmpty)
        #expect(try SignatureAuditReport.audit(log.entries).allMatch)
        // The incremental state is the state a rebuild from the log gives.
        #expect(try ScreeningState.fold(log.entries) == log.state)
    }

    @Test func ineligibleForOneLabValueThenScreenFailedWithTheCriterion() throws {
        var log = TestLog()
        try log.registerProtocol()
        // AST 101 U/L with ULN 40 is 2.525 x ULN: just above the 2.5 x ULN limit.
        try log.eligibleWorkup("S-002", ast: "101")
        let view = try #require(log.state.subjectView("S-002"))
        #expect(view.status == .ineligible)
        #expect(view.evaluation?.overall == .ineligible(failing: ["I5"]))
        #expect(view.evaluation?.criteria.first { $0.id == "I5" }?.outcome == .notMet)
        #expect(view.waitingFor == [.screenFailDecision(failing: ["I5"])])

        let refused = domainError { try log.sign("S-002") }
        #expect(refused?.code == "evaluation.not_eligible")

        let entries = try log.run(
            .screenFail(ScreenFailSubject(subject: "S-002", category: .criteria)), by: TestActors.coordinator)
        #expect(
            try SubjectScreenFailed(data: entries[0].data) == SubjectScreenFailed(category: .criteria, criteria: ["I5"])
        )
        let failed = try #require(log.state.subjectView("S-002"))
        #expect(failed.status == .notRegistered)
        #expect(failed.waitingFor.isEmpty)
        let row = try #require(log.state.screeningLog().rows.first)
        #expect(row.eligible == false && row.criteriaNotMet == ["I5"] && row.screenFailure == .criteria)
    }

    @Test func exactlyTwoAndAHalfTimesULNIsEligible() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-003", ast: "100")
        #expect(log.state.subjectView("S-003")?.status == .eligible)
    }

    @Test func correctionAfterSignOffVoidsTheSignatureUntilReSigned() throws {
        var log = TestLog()
        try log.registerProtocol()
        let seqs = try log.eligibleWorkup("S-004", ast: "50")
        let firstSignature = try log.sign("S-004")

        let correction = try log.run(
            .correctAssessment(
                CorrectAssessment(
                    subject: "S-004", supersedes: seqs["ast"]!, finding: Finding.ast("60"),
                    reason: "Transcription error: lab report says 60")),
            by: TestActors.coordinator)[0]
        let view = try #require(log.state.subjectView("S-004"))
        #expect(view.signature?.seq == firstSignature.seq)
        #expect(view.signature?.voidedBy == SignatureVoid(seq: correction.seq, eventType: "assessment.corrected"))
        #expect(!view.signatureApplies)
        #expect(view.status == .eligible)
        #expect(
            view.waitingFor == [
                .reSignAfterVoid(voidedBy: SignatureVoid(seq: correction.seq, eventType: "assessment.corrected"))
            ])
        // The evidence now cites the correction.
        #expect(view.evaluation?.criteria.first { $0.id == "I5" }?.evidence.first?.sourceSeq == correction.seq)

        let refused = domainError { try log.enrol("S-004") }
        #expect(refused?.code == "signature.voided")
        #expect(refused?.field == "signature")
        #expect(refused?.reason.contains("seq \(correction.seq)") == true)

        let second = try log.sign("S-004")
        #expect(log.state.subjectView("S-004")?.signature?.seq == second.seq)
        #expect(log.state.subjectView("S-004")?.signatureApplies == true)
        try log.enrol("S-004")
        #expect(log.state.subjectView("S-004")?.status == .onStudy)

        let audit = try SignatureAuditReport.audit(log.entries)
        #expect(audit.checks.map(\.seq) == [firstSignature.seq, second.seq])
        #expect(audit.allMatch)
    }

    @Test func consentChangeVoidsTheSignatureAndBlocksEnrolment() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-005")
        try log.sign("S-005")
        let withdrawal = try log.run(
            .withdrawConsent(WithdrawConsent(subject: "S-005", dateWithdrawn: LocalDate(iso: "2026-11-21")!)),
            by: TestActors.coordinator)[0]
        let view = try #require(log.state.subjectView("S-005"))
        #expect(view.status == .candidate)
        #expect(view.signature?.voidedBy?.seq == withdrawal.seq)
        let refused = domainError { try log.enrol("S-005") }
        #expect(refused?.code == "consent.missing")
    }

    @Test func amendmentMidScreeningSwitchesRulesAndOldSignaturesStillAudit() throws {
        var log = TestLog()
        try log.registerProtocol(TestProtocol.v1)
        // S-010: ECOG 2, signed and enrolled under v1. S-011: ECOG 2, signed but not enrolled.
        // S-012: ECOG 1, not signed yet.
        try log.eligibleWorkup("S-010", ecog: 2)
        let enrolledSignature = try log.sign("S-010")
        try log.enrol("S-010")
        try log.eligibleWorkup("S-011", ecog: 2)
        let openSignature = try log.sign("S-011")
        try log.eligibleWorkup("S-012", ecog: 1)
        #expect(log.state.subjectView("S-011")?.status == .eligible)

        let amendment = try log.run(
            .registerProtocol(RegisterProtocol(definition: TestProtocol.v2)), by: TestActors.admin)[0]

        // The still-screening subject is evaluated under v2: ECOG 2 now fails I3, and its
        // signature is voided by the amendment.
        let s011 = try #require(log.state.subjectView("S-011"))
        #expect(s011.evaluation?.protocolVersion == "2.0")
        #expect(s011.evaluation?.overall == .ineligible(failing: ["I3"]))
        #expect(s011.status == .ineligible)
        #expect(s011.signature?.seq == openSignature.seq)
        #expect(s011.signature?.voidedBy == SignatureVoid(seq: amendment.seq, eventType: "protocol.registered"))
        // The enrolled subject keeps the version it was enrolled under.
        let s010 = try #require(log.state.subjectView("S-010"))
        #expect(s010.evaluation?.protocolVersion == "1.0")
        #expect(s010.signatureApplies)
        // ECOG 1 passes under v2.
        let s012 = try #require(log.state.subjectView("S-012"))
        #expect(s012.evaluation?.protocolVersion == "2.0")
        #expect(s012.status == .eligible)
        let newSignature = try log.sign("S-012")
        #expect(try EligibilitySigned(data: newSignature.data).protocolVersion == "2.0")

        // Audit replay recomputes each signature under the version then in force.
        let audit = try SignatureAuditReport.audit(log.entries)
        #expect(audit.checks.map(\.seq) == [enrolledSignature.seq, openSignature.seq, newSignature.seq])
        #expect(audit.checks.map(\.protocolVersion) == ["1.0", "1.0", "2.0"])
        #expect(audit.allMatch)
        // Evaluating the old signatures with today's version would not match.
        #expect(
            TestProtocol.v2.evaluate(log.state.subjects["S-011"]!.facts).sha256.hex
                != (try EligibilitySigned(data: openSignature.data)).evaluationSHA256)
    }

    @Test func auditReplayReportsATamperedSignature() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-020")
        let signature = try log.sign("S-020")
        var entries = log.entries
        let forged = String(repeating: "ab", count: 32)
        entries[Int(signature.seq)].data["evaluationSHA256"] = .string(forged)
        let report = try SignatureAuditReport.audit(entries)
        #expect(!report.allMatch)
        let check = try #require(report.mismatches.first)
        #expect(check.seq == signature.seq && check.subject == "S-020" && check.signer == TestActors.investigator)
        #expect(
            check.outcome == .mismatch(expected: forged, found: log.state.subjectView("S-020")?.evaluation?.sha256.hex))
    }

    @Test func repeatLabReplacesTheCurrentValueAndVoidsTheSignature() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-030")
        try log.sign("S-030")
        var repeatLab = Finding.ast("120")
        repeatLab.observedOn = TestDates.screening  // a later sample than the first AST's
        let repeatSeq = try log.record("S-030", repeatLab)
        let view = try #require(log.state.subjectView("S-030"))
        #expect(view.signature?.voidedBy?.seq == repeatSeq)
        #expect(view.evaluation?.overall == .ineligible(failing: ["I5"]))
    }

    @Test func changingTheCurrentValueOtherThanByALaterObservationNeedsACorrection() throws {
        var log = TestLog()
        try log.registerProtocol()
        let seqs = try log.eligibleWorkup("S-031")
        let entriesBefore = log.entries.count
        // Same sample date, a different value: refused, naming the seq to correct.
        let sameDay = try #require(rejection { _ = try log.record("S-031", Finding.ast("99999999999999999999")) })
        #expect(sameDay.code == "assessment.exists" && sameDay.field == "observedOn")
        #expect(sameDay.reason.contains("seq \(seqs["ast"]!)"))
        // An older observation cannot replace a newer one.
        let older = try #require(rejection { _ = try log.record("S-031", Finding.ecog(0, on: TestDates.screening.adding(days: -3))) })
        #expect(older.code == "assessment.exists")
        // An attested answer changes only through a correction.
        let answer = try #require(rejection {
            _ = try log.run(
                .recordAssessment(RecordAssessment(subject: "S-031", finding: Finding.survival(false))),
                by: TestActors.investigator)
        })
        #expect(answer.code == "assessment.exists" && answer.field == "input")
        #expect(log.entries.count == entriesBefore)
        // The correction of the current value goes through, with its reason.
        let corrected = try log.run(
            .correctAssessment(
                CorrectAssessment(
                    subject: "S-031", supersedes: seqs["ast"]!, finding: Finding.ast("30"), reason: "Transcription error")),
            by: TestActors.coordinator)[0]
        let record = try #require(log.state.subjects["S-031"])
        #expect(record.currentAssessmentSeq["ast"] == corrected.seq)
        #expect(record.assessments[corrected.seq]?.reason == "Transcription error")
    }

    private func rejection(_ body: () throws -> Void) -> DomainError? {
        do {
            try body()
            return nil
        } catch {
            return error as? DomainError
        }
    }
}

extension TestLog {
    /// The eligible work-up for an already registered and consented subject.
    mutating func eligibleWorkupWithoutRegistration(_ subject: String) throws(DomainError) {
        try record(subject, Finding.ecog(1))
        try record(subject, Finding.spo2("97"))
        try record(subject, Finding.ast("50"))
        try record(subject, Finding.survival(true))
        try record(subject, Finding.infection(false))
        try record(subject, Finding.lastAnticancerDose(TestDates.screening.adding(days: -30)))
    }
}

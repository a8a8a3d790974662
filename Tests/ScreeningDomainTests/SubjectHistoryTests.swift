import EventLog
import ScreeningDomain
import Testing

/// The audit trail of one subject: who, what, when (UTC and site time), why, old -> new.
@Suite struct SubjectHistoryTests {
    @Test func correctionShowsOldAndNewValueWithReasonAndTheVoidedSignature() throws {
        var log = TestLog(start: "2026-11-21T01:00:00.000000Z")
        try log.registerProtocol()
        let seqs = try log.eligibleWorkup("S-001")
        try log.eligibleWorkup("S-002")
        let signature = try log.sign("S-001")
        var corrected = Finding.ast("62", uln: "35")
        corrected.sourceDocument = "LAB-7731 p1 (reissued)"
        let correction = try log.run(
            .correctAssessment(
                CorrectAssessment(
                    subject: "S-001", supersedes: seqs["ast"]!, finding: corrected,
                    reason: "Lab reissued report with its own ULN")),
            by: TestActors.coordinator)[0]

        let history = try SubjectHistory.build(subject: "S-001", from: log.entries)
        #expect(history.subject == "S-001")
        // Only S-001's entries (the protocol came before its registration).
        #expect(history.entries.map(\.seq) == log.entries.filter { $0.subject == "S-001" }.map(\.seq))

        let entry = try #require(history.entries.last)
        #expect(entry.seq == correction.seq)
        #expect(entry.type == "assessment.corrected")
        #expect(entry.actor == TestActors.coordinator)
        #expect(entry.reason == "Lab reissued report with its own ULN")
        #expect(entry.summary == "Corrected ast, superseding seq \(seqs["ast"]!)")
        #expect(
            entry.changes == [
                SubjectHistory.Change(field: "value", old: "50 U/L", new: "62 U/L"),
                SubjectHistory.Change(field: "uln", old: "40", new: "35"),
                SubjectHistory.Change(field: "sourceDocument", old: "LAB-7731 p1", new: "LAB-7731 p1 (reissued)"),
            ])
        #expect(entry.voidedSignatureSeq == signature.seq)
        #expect(entry.atUTC == correction.at.formatted)
        // Shanghai is UTC+8: the same instant, shown with its offset.
        #expect(entry.atUTC.hasPrefix("2026-11-21T01:"))
        #expect(entry.atSite.hasPrefix("2026-11-21T09:") && entry.atSite.hasSuffix("+08:00"))

        let signed = try #require(history.entries.first { $0.type == "eligibility.signed" })
        #expect(signed.actor == TestActors.investigator)
        #expect(
            signed.summary.contains("I confirm the subject meets all eligibility criteria of protocol TEST-0001 v1.0"))
        #expect(signed.voidedSignatureSeq == nil)
        let first = try #require(history.entries.first { $0.seq == seqs["ast"]! })
        #expect(first.changes.first == SubjectHistory.Change(field: "value", old: nil, new: "50 U/L"))
    }

    @Test func amendmentAfterRegistrationAppearsAndNamesTheVoid() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-001", ecog: 2)
        let signature = try log.sign("S-001")
        try log.registerProtocol(TestProtocol.v2)
        try log.run(.screenFail(ScreenFailSubject(subject: "S-001", category: .criteria)), by: TestActors.investigator)

        let history = try SubjectHistory.build(subject: "S-001", from: log.entries)
        let amendment = try #require(history.entries.first { $0.type == "protocol.registered" })
        #expect(amendment.changes == [SubjectHistory.Change(field: "protocolVersion", old: "1.0", new: "2.0")])
        #expect(amendment.voidedSignatureSeq == signature.seq)
        let failure = try #require(history.entries.last)
        #expect(failure.summary == "Screen failed: criteria (I3)")
        #expect(failure.changes == [SubjectHistory.Change(field: "status", old: "ineligible", new: "not-registered")])
        // The first registration of the protocol predates the subject and is not part of its trail.
        #expect(history.entries.filter { $0.type == "protocol.registered" }.count == 1)
    }

    @Test func amendmentAfterScreeningEndedIsNotInTheSubjectsTrail() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.eligibleWorkup("S-002")
        try log.sign("S-002")
        try log.enrol("S-002")
        try log.eligibleWorkup("S-003")
        try log.registerProtocol(TestProtocol.v2)

        let enrolled = try SubjectHistory.build(subject: "S-002", from: log.entries)
        #expect(!enrolled.entries.contains { $0.type == "protocol.registered" })
        let screening = try SubjectHistory.build(subject: "S-003", from: log.entries)
        let amendment = try #require(screening.entries.first { $0.type == "protocol.registered" })
        #expect(amendment.changes == [SubjectHistory.Change(field: "protocolVersion", old: "1.0", new: "2.0")])
    }

    @Test func consentWithdrawalAndReviewAreRecorded() throws {
        var log = TestLog()
        try log.registerProtocol()
        try log.register("S-001")
        try log.consent("S-001")
        try log.run(
            .withdrawConsent(
                WithdrawConsent(subject: "S-001", dateWithdrawn: TestDates.screening, reason: "Subject's decision")),
            by: TestActors.coordinator)
        try log.run(.recordAuditReview(RecordAuditReview(subject: "S-001")), by: TestActors.monitor)
        let history = try SubjectHistory.build(subject: "S-001", from: log.entries)
        let withdrawal = history.entries[2]
        #expect(
            withdrawal.changes == [
                SubjectHistory.Change(field: "consent", old: "form ICF v2.1 signed 2026-11-19", new: nil)
            ])
        #expect(withdrawal.reason == "Subject's decision")
        #expect(history.entries[3].actor.role == "monitor")
        #expect(history.entries[3].summary == "Audit trail reviewed through seq \(history.entries[2].seq)")
    }
}

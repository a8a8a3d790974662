import EventLog

extension ScreeningState {
    func decideRecordAssessment(_ command: RecordAssessment, by actor: Actor, today: LocalDate) throws(DomainError)
        -> EventDraft
    {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "record assessments")
        let record = try requireSubject(command.subject, .refused)
        try check(command.finding, for: record, by: actor, today: today)
        try requireNewObservation(command.finding, for: record)
        return ScreeningEvent.assessmentRecorded(AssessmentRecorded(finding: command.finding)).draft(
            actor: actor, subject: command.subject)
    }

    func decideCorrectAssessment(_ command: CorrectAssessment, by actor: Actor, today: LocalDate) throws(DomainError)
        -> EventDraft
    {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "correct assessments")
        let record = try requireSubject(command.subject, .allowedAfterEnrolment)
        let reason = try requireReason(command.reason, code: "correction.reason_missing")
        guard let target = record.assessments[command.supersedes] else {
            throw DomainError(
                code: "correction.target_invalid", field: "supersedes",
                reason: "The seq named is not an assessment of this subject.")
        }
        if let newer = target.supersededBy {
            throw DomainError(
                code: "correction.target_superseded", field: "supersedes",
                reason: "That assessment was already superseded by seq \(newer); correct the current value.")
        }
        guard target.finding.input == command.finding.input else {
            throw DomainError(
                code: "correction.input_mismatch", field: "input",
                reason: "A correction keeps the input of the assessment it supersedes.")
        }
        guard target.finding != command.finding else {
            throw DomainError(
                code: "correction.unchanged", field: "value",
                reason: "The correction states exactly what the assessment already says.")
        }
        try check(command.finding, for: record, by: actor, today: today)
        return ScreeningEvent.assessmentCorrected(
            AssessmentCorrected(supersedes: command.supersedes, finding: command.finding)
        )
        .draft(actor: actor, subject: command.subject, reason: reason)
    }

    /// A recording for an input that already has a current value is accepted only as a genuinely
    /// new observation: a strictly later `observedOn` (a repeat lab on a later sample date), and
    /// never for an attestation. Anything else would change the value without a reason; it must
    /// be a correction (`assessment.exists`).
    private func requireNewObservation(_ finding: AssessmentFinding, for record: SubjectRecord) throws(DomainError) {
        guard let currentSeq = record.currentAssessmentSeq[finding.input],
            let current = record.assessments[currentSeq]
        else { return }
        let attestation = (try? requireProtocol(for: record))?.definition.input(finding.input)?.isAttestation ?? false
        if !attestation, let earlier = current.finding.observedOn, let later = finding.observedOn, later > earlier {
            return
        }
        throw DomainError(
            code: "assessment.exists", field: attestation ? "input" : "observedOn",
            reason: attestation
                ? "The input already has a current answer (seq \(currentSeq)); changing it needs a correction with a reason."
                : "The input already has a current value (seq \(currentSeq)); a new recording needs a later observedOn, otherwise correct seq \(currentSeq) with a reason.")
    }

    /// Validates a finding against the protocol that applies to the subject: the input exists,
    /// an attestation comes from the role that must attest it, dates are not in the future, the
    /// protocol's own range, unit and ULN checks pass, and the observation date is present where
    /// required and not stale (`observed_on.required`, `observed_on.stale`).
    private func check(_ finding: AssessmentFinding, for record: SubjectRecord, by actor: Actor, today: LocalDate)
        throws(DomainError)
    {
        let definition = try requireProtocol(for: record).definition
        guard let input = definition.input(finding.input) else {
            throw DomainError(
                code: "input.unknown", field: "input",
                reason: "Protocol \(definition.protocolID) v\(definition.version) has no input \(finding.input).")
        }
        if let attester = input.attestedBy, actor.role != attester {
            throw DomainError(
                code: "role.forbidden", field: "actor.role",
                reason: "Input \(input.id) is an attestation; only the role \(attester) may attest it.")
        }
        if let observedOn = finding.observedOn { try requireNotFuture(observedOn, today: today, field: "observedOn") }
        if case .date(let date) = finding.value { try requireNotFuture(date, today: today, field: "value") }
        if let problem = definition.validate(finding.observation(sourceSeq: 0), screeningDate: record.screeningDate) {
            throw problem
        }
        if let problem = input.validateObservationDate(finding.observedOn, screeningDate: record.screeningDate) {
            throw problem
        }
    }
}

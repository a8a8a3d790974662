import EventLog

extension ScreeningState {
    func decideRegisterProtocol(_ command: RegisterProtocol, by actor: Actor) throws(DomainError) -> EventDraft {
        try requireRole(actor, in: ScreeningRole.protocolRegistrars, to: "register a protocol version")
        let definition = command.definition
        if let first = protocols.first, first.definition.protocolID != definition.protocolID {
            throw DomainError(
                code: "protocol.id_mismatch", field: "protocolID",
                reason: "This log screens for protocol \(first.definition.protocolID); an amendment keeps its id.")
        }
        if protocols.contains(where: { $0.definition.version == definition.version }) {
            throw DomainError(
                code: "protocol.version_exists", field: "version",
                reason: "Version \(definition.version) is already registered; an amendment needs a new version.")
        }
        return ScreeningEvent.protocolRegistered(ProtocolRegistered(definition: definition)).draft(
            actor: actor, subject: nil)
    }

    func decideRegisterSubject(_ command: RegisterSubject, by actor: Actor, today: LocalDate) throws(DomainError)
        -> EventDraft
    {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "register subjects")
        guard ScreeningNumber.isValid(command.screeningNumber) else {
            throw DomainError(
                code: "screening_number.invalid", field: "screeningNumber",
                reason: "A screening number must be \(ScreeningNumber.formatDescription).")
        }
        guard subjects[command.screeningNumber] == nil else {
            throw DomainError(
                code: "subject.duplicate", field: "screeningNumber",
                reason: "This screening number is already registered.")
        }
        try requireNotFuture(command.screeningDate, today: today, field: "screeningDate")
        if let dateOfBirth = command.dateOfBirth, dateOfBirth > command.screeningDate {
            throw DomainError(
                code: "date.after_screening", field: "dateOfBirth",
                reason: "The date of birth is after the screening date.")
        }
        let event = SubjectRegistered(
            screeningNumber: command.screeningNumber, screeningDate: command.screeningDate,
            dateOfBirth: command.dateOfBirth, sex: command.sex)
        return ScreeningEvent.subjectRegistered(event).draft(actor: actor, subject: command.screeningNumber)
    }

    func decideRecordConsent(_ command: RecordConsent, by actor: Actor, today: LocalDate) throws(DomainError)
        -> EventDraft
    {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "record consent")
        _ = try requireSubject(command.subject, .refused)
        guard command.formVersion.contains(where: { !$0.isWhitespace }) else {
            throw DomainError(
                code: "consent.form_version_missing", field: "formVersion",
                reason: "The consent form version is required.")
        }
        try requireNotFuture(command.dateSigned, today: today, field: "dateSigned")
        let event = ConsentRecorded(formVersion: command.formVersion, dateSigned: command.dateSigned)
        return ScreeningEvent.consentRecorded(event).draft(actor: actor, subject: command.subject)
    }

    func decideWithdrawConsent(_ command: WithdrawConsent, by actor: Actor, today: LocalDate) throws(DomainError)
        -> EventDraft
    {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "record a withdrawal of consent")
        let record = try requireSubject(command.subject, .refused)
        guard let consent = record.consent else {
            throw DomainError(
                code: "consent.missing", field: "consent", reason: "The subject has no current consent to withdraw.")
        }
        try requireNotFuture(command.dateWithdrawn, today: today, field: "dateWithdrawn")
        guard command.dateWithdrawn >= consent.dateSigned else {
            throw DomainError(
                code: "date.before_consent", field: "dateWithdrawn",
                reason: "Consent cannot be withdrawn before the date it was signed.")
        }
        return ScreeningEvent.consentWithdrawn(ConsentWithdrawn(dateWithdrawn: command.dateWithdrawn))
            .draft(actor: actor, subject: command.subject, reason: command.reason)
    }

    func decideWithdraw(_ command: WithdrawSubject, by actor: Actor, today: LocalDate) throws(DomainError) -> EventDraft
    {
        try requireRole(actor, in: ScreeningRole.dataWriters, to: "withdraw subjects")
        _ = try requireSubject(command.subject, .allowedAfterEnrolment)
        let event = SubjectWithdrawn(withdrawnOn: today, initiatedBy: command.initiatedBy)
        return ScreeningEvent.subjectWithdrawn(event).draft(
            actor: actor, subject: command.subject, reason: command.reason)
    }

    func decideAuditReview(_ command: RecordAuditReview, by actor: Actor) throws(DomainError) -> EventDraft {
        try requireRole(actor, in: ScreeningRole.auditReviewers, to: "record an audit-trail review")
        _ = try requireSubject(command.subject, .always)
        guard let last = lastSeq else {
            throw DomainError(code: "audit_review.seq_invalid", field: "throughSeq", reason: "The log is empty.")
        }
        let through = command.throughSeq ?? last
        guard through >= 0, through <= last else {
            throw DomainError(
                code: "audit_review.seq_invalid", field: "throughSeq", reason: "The reviewed seq is not in the log.")
        }
        return ScreeningEvent.auditReviewed(AuditReviewed(throughSeq: through)).draft(
            actor: actor, subject: command.subject, reason: command.comment)
    }
}

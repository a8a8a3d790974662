public import EventLog

extension ScreeningState {
    /// Checks `command`, issued by `actor` at `now`, against this state and returns the entries
    /// to append (all or none), or throws a `DomainError` with a stable code and the field at
    /// fault (see `ScreeningCommand`). Pure: nothing is written and no clock is read.
    ///
    /// `now` is the instant the entries will carry; "today" is its date in the site's zone.
    public func decide(_ command: ScreeningCommand, by actor: Actor, at now: Timestamp) throws(DomainError)
        -> [EventDraft]
    {
        let today = site.localDate(of: now)
        switch command {
        case .registerProtocol(let command): return [try decideRegisterProtocol(command, by: actor)]
        case .registerSubject(let command): return [try decideRegisterSubject(command, by: actor, today: today)]
        case .recordConsent(let command): return [try decideRecordConsent(command, by: actor, today: today)]
        case .withdrawConsent(let command): return [try decideWithdrawConsent(command, by: actor, today: today)]
        case .recordAssessment(let command): return [try decideRecordAssessment(command, by: actor, today: today)]
        case .correctAssessment(let command): return [try decideCorrectAssessment(command, by: actor, today: today)]
        case .signEligibility(let command): return [try decideSign(command, by: actor)]
        case .enrol(let command): return [try decideEnrol(command, by: actor, today: today)]
        case .screenFail(let command): return [try decideScreenFail(command, by: actor)]
        case .withdraw(let command): return [try decideWithdraw(command, by: actor, today: today)]
        case .recordAuditReview(let command): return [try decideAuditReview(command, by: actor)]
        }
    }

    // MARK: Checks shared by the commands

    /// What a command may still do once screening has ended.
    enum AfterScreening {
        /// Only while screening (registration facts, consent, new assessments, outcomes).
        case refused
        /// Also after enrolment (corrections, re-signing after a void, withdrawal).
        case allowedAfterEnrolment
        /// Always, even after withdrawal (audit-trail review).
        case always
    }

    func requireRole(_ actor: Actor, in roles: Set<String>, to action: String) throws(DomainError) {
        guard roles.contains(actor.role) else {
            throw DomainError(
                code: "role.forbidden", field: "actor.role",
                reason: "The role \(actor.role) may not \(action); allowed: \(roles.sorted().joined(separator: ", ")).")
        }
    }

    func requireSubject(_ subject: String, _ policy: AfterScreening) throws(DomainError) -> SubjectRecord {
        guard let record = subjects[subject] else {
            throw DomainError(
                code: "subject.unknown", field: "subject",
                reason: "No subject is registered under this screening number.")
        }
        if policy == .always { return record }
        if record.withdrawal != nil {
            throw DomainError(
                code: "subject.withdrawn", field: "subject",
                reason: "The subject is withdrawn; nothing more can be recorded.")
        }
        if record.screenFailure != nil || (record.enrolment != nil && policy == .refused) {
            throw DomainError(
                code: "subject.screening_ended", field: "subject",
                reason: record.screenFailure != nil
                    ? "The subject is screen-failed; screening data can no longer change."
                    : "The subject is enrolled; this screening action no longer applies.")
        }
        return record
    }

    func requireProtocol(for record: SubjectRecord? = nil) throws(DomainError) -> RegisteredProtocol {
        guard let registered = record.map(protocolInForce(for:)) ?? currentProtocol else {
            throw DomainError(code: "protocol.missing", field: nil, reason: "No protocol version is registered yet.")
        }
        return registered
    }

    func requireNotFuture(_ date: LocalDate, today: LocalDate, field: String) throws(DomainError) {
        guard date <= today else {
            throw DomainError(
                code: "date.in_future", field: field, reason: "The date is after today in the site's time zone.")
        }
    }

    func requireReason(_ reason: String?, code: String) throws(DomainError) -> String {
        guard let reason, reason.contains(where: { !$0.isWhitespace }) else {
            throw DomainError(code: code, field: "reason", reason: "A reason is required.")
        }
        return reason
    }
}

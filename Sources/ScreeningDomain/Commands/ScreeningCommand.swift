/// Something a user asks the screening domain to do. `ScreeningState.decide(_:by:at:)` checks it
/// against the current state and returns the entries to append, or throws a `DomainError`.
///
/// Error codes (field in parentheses), all thrown before anything is written:
/// - `role.forbidden` (`actor.role`): the actor's role may not do this.
/// - `subject.unknown` (`subject`), `subject.duplicate` (`screeningNumber`),
///   `screening_number.invalid` (`screeningNumber`).
/// - `subject.withdrawn` (`subject`): nothing but an audit review after withdrawal.
/// - `subject.screening_ended` (`subject`): after a screen failure nothing but an audit review;
///   after enrolment only corrections, a re-signature, withdrawal and audit reviews.
/// - `date.in_future` (the date field): a date after today in the site's zone;
///   `date.after_screening` (`dateOfBirth`).
/// - `protocol.missing`, `protocol.id_mismatch` (`protocolID`), `protocol.version_exists` (`version`).
/// - From the protocol's `validate`: `input.unknown` (`input`), `value.out_of_range` (`value`),
///   `unit.invalid` (`unit`), `uln.invalid` (`uln`) and the rules' other codes.
/// - `observed_on.required` (`observedOn`): a lab or number value (or one with a staleness limit)
///   without its observation or sample date; `observed_on.stale` (`observedOn`): observed more than
///   the input's `maxDaysBeforeScreening` days before the screening date.
/// - `assessment.exists` (`observedOn`, or `input` for an attestation; a conflict): the input already
///   has a current value and the new one is not a later observation; correct the current seq instead.
/// - `correction.reason_missing` (`reason`), `correction.target_invalid` (`supersedes`),
///   `correction.target_superseded` (`supersedes`, a conflict), `correction.input_mismatch` (`input`),
///   `correction.unchanged` (`value`).
/// - `evaluation.stale` (`evaluationSHA256`, a conflict), `evaluation.not_eligible` (`evaluation`),
///   `signature.exists` (`subject`), `actor.name_missing` (`actor.name`).
/// - `consent.missing` (`consent`), `signature.missing` / `signature.voided` (`signature`).
/// - `screen_fail.text_missing` (`text`), `screen_fail.criteria_invalid` (`criteria`).
/// - `audit_review.seq_invalid` (`throughSeq`).
public enum ScreeningCommand: Sendable, Hashable {
    /// Register a protocol version (the first, or an amendment).
    case registerProtocol(RegisterProtocol)
    /// Register a subject for screening.
    case registerSubject(RegisterSubject)
    /// Record the subject's informed consent.
    case recordConsent(RecordConsent)
    /// Record that the subject withdrew consent.
    case withdrawConsent(WithdrawConsent)
    /// Record a value for one protocol input (an attestation for judgement inputs).
    case recordAssessment(RecordAssessment)
    /// Correct an earlier assessment, with a reason.
    case correctAssessment(CorrectAssessment)
    /// Sign the current eligibility evaluation as an investigator.
    case signEligibility(SignEligibility)
    /// Enrol an eligible, signed, consented subject.
    case enrol(EnrolSubject)
    /// End screening without enrolment.
    case screenFail(ScreenFailSubject)
    /// Withdraw the subject.
    case withdraw(WithdrawSubject)
    /// Record that the actor reviewed the subject's audit trail.
    case recordAuditReview(RecordAuditReview)

    /// The screening number the command is about; nil for protocol registration.
    public var subject: String? {
        switch self {
        case .registerProtocol: nil
        case .registerSubject(let command): command.screeningNumber
        case .recordConsent(let command): command.subject
        case .withdrawConsent(let command): command.subject
        case .recordAssessment(let command): command.subject
        case .correctAssessment(let command): command.subject
        case .signEligibility(let command): command.subject
        case .enrol(let command): command.subject
        case .screenFail(let command): command.subject
        case .withdraw(let command): command.subject
        case .recordAuditReview(let command): command.subject
        }
    }
}

import EventLog

/// Everything the log says about one subject, folded: registration facts, consent, every
/// assessment (current and superseded), signatures, and how screening ended.
public struct SubjectRecord: Sendable, Hashable {
    /// The screening number.
    public var screeningNumber: String
    /// The seq of the `subject.registered` entry.
    public var registeredSeq: Int64
    /// The screening date (site-local); time windows count from it.
    public var screeningDate: LocalDate
    /// The date of birth, when registered.
    public var dateOfBirth: LocalDate?
    /// The sex, when registered.
    public var sex: Sex?
    /// The current consent; nil before consent and after a withdrawal of consent.
    public var consent: ConsentRecord?
    /// Every assessment of the subject by entry seq, superseded ones included.
    public var assessments: [Int64: AssessmentRecord] = [:]
    /// The seq of the current assessment per protocol input id.
    public var currentAssessmentSeq: [String: Int64] = [:]
    /// Every eligibility signature, oldest first; voided ones stay, marked.
    public var signatures: [SignatureRecord] = []
    /// The enrolment, once enrolled.
    public var enrolment: EnrolmentRecord?
    /// The screen failure, once screen-failed.
    public var screenFailure: ScreenFailureRecord?
    /// The withdrawal, once withdrawn.
    public var withdrawal: WithdrawalRecord?
    /// Recorded reviews of the subject's audit trail.
    public var auditReviews: [AuditReviewRecord] = []
    /// The index into `ScreeningState.protocols` fixed when screening ended (enrolment, screen
    /// failure or withdrawal); nil while screening, when the latest version applies.
    public var pinnedProtocolIndex: Int?

    /// Creates the record of a newly registered subject.
    init(registered event: SubjectRegistered, seq: Int64) {
        screeningNumber = event.screeningNumber
        registeredSeq = seq
        screeningDate = event.screeningDate
        dateOfBirth = event.dateOfBirth
        sex = event.sex
    }

    /// Whether screening has ended (enrolled, screen-failed or withdrawn).
    public var screeningEnded: Bool { enrolment != nil || screenFailure != nil || withdrawal != nil }

    /// The latest signature if it still applies.
    public var currentSignature: SignatureRecord? {
        guard let last = signatures.last, last.applies else { return nil }
        return last
    }

    /// The current value per input, as the rules read them.
    public var facts: SubjectFacts {
        var observations: [String: Observation] = [:]
        observations.reserveCapacity(currentAssessmentSeq.count)
        for (input, seq) in currentAssessmentSeq {
            if let record = assessments[seq] { observations[input] = record.finding.observation(sourceSeq: seq) }
        }
        return SubjectFacts(
            screeningDate: screeningDate, dateOfBirth: dateOfBirth,
            dateOfBirthSourceSeq: dateOfBirth == nil ? nil : registeredSeq, sex: sex,
            sexSourceSeq: sex == nil ? nil : registeredSeq,
            consent: consent.map {
                ConsentFact(formVersion: $0.formVersion, dateSigned: $0.dateSigned, sourceSeq: $0.seq)
            },
            observations: observations)
    }

    /// Marks the current signature voided by the entry `seq` of type `eventType`.
    mutating func voidSignature(by seq: Int64, eventType: String) {
        guard let last = signatures.indices.last, signatures[last].applies else { return }
        signatures[last].voidedBy = SignatureVoid(seq: seq, eventType: eventType)
    }
}

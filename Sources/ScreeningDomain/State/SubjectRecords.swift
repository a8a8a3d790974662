public import EventLog

/// The subject's current consent, from its `consent.recorded` entry.
public struct ConsentRecord: Sendable, Hashable {
    /// The consent form version signed.
    public var formVersion: String
    /// The date signed (site-local civil date).
    public var dateSigned: LocalDate
    /// The seq of the `consent.recorded` entry.
    public var seq: Int64
}

/// One assessment of a subject as the log holds it, current or superseded.
public struct AssessmentRecord: Sendable, Hashable {
    /// The seq of its `assessment.recorded` or `assessment.corrected` entry.
    public var seq: Int64
    /// When it was recorded (UTC).
    public var at: Timestamp
    /// Who recorded it (for an attestation, the attester).
    public var actor: Actor
    /// What it states.
    public var finding: AssessmentFinding
    /// For a correction, the seq it superseded.
    public var supersedes: Int64?
    /// The seq of the correction that superseded it, if any.
    public var supersededBy: Int64?
    /// For a correction, the reason given.
    public var reason: String?
}

/// What made a signature stop applying: the entry that changed the signed record.
public struct SignatureVoid: Sendable, Hashable {
    /// The seq of the entry that voided the signature.
    public var seq: Int64
    /// Its event type, e.g. `assessment.corrected` or `protocol.registered`.
    public var eventType: String

    /// Creates a record of a void.
    public init(seq: Int64, eventType: String) {
        self.seq = seq
        self.eventType = eventType
    }
}

/// An investigator's eligibility signature on a subject, and whether it still applies.
public struct SignatureRecord: Sendable, Hashable {
    /// The seq of the `eligibility.signed` entry.
    public var seq: Int64
    /// When it was signed (the entry's `at`, UTC).
    public var at: Timestamp
    /// The signer (stable id, printed name, role).
    public var signer: Actor
    /// The signature as stored: printed name, meaning, evaluation digest, protocol version.
    public var signed: EligibilitySigned
    /// Set once a later change to the subject's record voided the signature.
    public var voidedBy: SignatureVoid?

    /// Whether the signature still applies to the record.
    public var applies: Bool { voidedBy == nil }
}

/// The subject's enrolment.
public struct EnrolmentRecord: Sendable, Hashable {
    /// The seq of the `subject.enrolled` entry.
    public var seq: Int64
    /// When it was recorded (UTC).
    public var at: Timestamp
    /// The enrolment date (site-local civil date).
    public var enrolledOn: LocalDate
    /// The signature relied on.
    public var signatureSeq: Int64
}

/// How screening ended without enrolment.
public struct ScreenFailureRecord: Sendable, Hashable {
    /// The seq of the `subject.screen_failed` entry.
    public var seq: Int64
    /// When it was recorded (UTC).
    public var at: Timestamp
    /// The CONSORT category and details.
    public var failure: SubjectScreenFailed
}

/// The subject's withdrawal.
public struct WithdrawalRecord: Sendable, Hashable {
    /// The seq of the `subject.withdrawn` entry.
    public var seq: Int64
    /// When it was recorded (UTC).
    public var at: Timestamp
    /// The withdrawal date and initiator.
    public var withdrawal: SubjectWithdrawn
    /// The reason given in the envelope, if any.
    public var reason: String?
}

/// A recorded audit-trail review of the subject.
public struct AuditReviewRecord: Sendable, Hashable {
    /// The seq of the `audit.reviewed` entry.
    public var seq: Int64
    /// When it was recorded (UTC).
    public var at: Timestamp
    /// The reviewer.
    public var reviewer: Actor
    /// The last seq the reviewed trail contained.
    public var throughSeq: Int64
}

public import EventLog

/// One screening-domain event: the payload of a log entry whose type the domain owns.
///
/// The log also holds entries the domain does not own (accounts, logins, exports); those decode
/// to nil and folds skip them.
public enum ScreeningEvent: Sendable, Hashable {
    /// `protocol.registered`
    case protocolRegistered(ProtocolRegistered)
    /// `subject.registered`
    case subjectRegistered(SubjectRegistered)
    /// `consent.recorded`
    case consentRecorded(ConsentRecorded)
    /// `consent.withdrawn`
    case consentWithdrawn(ConsentWithdrawn)
    /// `assessment.recorded`
    case assessmentRecorded(AssessmentRecorded)
    /// `assessment.corrected`
    case assessmentCorrected(AssessmentCorrected)
    /// `eligibility.signed`
    case eligibilitySigned(EligibilitySigned)
    /// `subject.enrolled`
    case subjectEnrolled(SubjectEnrolled)
    /// `subject.screen_failed`
    case subjectScreenFailed(SubjectScreenFailed)
    /// `subject.withdrawn`
    case subjectWithdrawn(SubjectWithdrawn)
    /// `audit.reviewed`
    case auditReviewed(AuditReviewed)

    /// Every event type name the domain owns.
    public static let typeNames: Set<String> = [
        ProtocolRegistered.eventType, SubjectRegistered.eventType, ConsentRecorded.eventType,
        ConsentWithdrawn.eventType, AssessmentRecorded.eventType, AssessmentCorrected.eventType,
        EligibilitySigned.eventType, SubjectEnrolled.eventType, SubjectScreenFailed.eventType,
        SubjectWithdrawn.eventType, AuditReviewed.eventType,
    ]

    /// Decodes the payload of an entry of type `type`; nil when the domain does not own the type.
    /// Throws `event.malformed` or `event.schema_unsupported` for an owned type with a bad payload.
    public init?(type: String, data: [String: JSONValue]) throws(DomainError) {
        switch type {
        case AssessmentRecorded.eventType: self = .assessmentRecorded(try AssessmentRecorded(data: data))
        case AssessmentCorrected.eventType: self = .assessmentCorrected(try AssessmentCorrected(data: data))
        case ConsentRecorded.eventType: self = .consentRecorded(try ConsentRecorded(data: data))
        case SubjectRegistered.eventType: self = .subjectRegistered(try SubjectRegistered(data: data))
        case EligibilitySigned.eventType: self = .eligibilitySigned(try EligibilitySigned(data: data))
        case SubjectEnrolled.eventType: self = .subjectEnrolled(try SubjectEnrolled(data: data))
        case SubjectScreenFailed.eventType: self = .subjectScreenFailed(try SubjectScreenFailed(data: data))
        case SubjectWithdrawn.eventType: self = .subjectWithdrawn(try SubjectWithdrawn(data: data))
        case ConsentWithdrawn.eventType: self = .consentWithdrawn(try ConsentWithdrawn(data: data))
        case AuditReviewed.eventType: self = .auditReviewed(try AuditReviewed(data: data))
        case ProtocolRegistered.eventType: self = .protocolRegistered(try ProtocolRegistered(data: data))
        default: return nil
        }
    }

    /// Decodes a log entry's payload; nil when the domain does not own its type.
    public init?(entry: LogEntry) throws(DomainError) {
        guard let event = try ScreeningEvent(entry: entry, ignoringPayloadMembers: []) else { return nil }
        self = event
    }

    /// Decodes a log entry's payload as if the members named in `ignored` were absent (members
    /// another layer stores beside the domain's payload, such as the application's `via`); nil
    /// when the domain does not own the type. Every other unknown member is still rejected.
    ///
    /// Assessments held as bytes (`LogEntry.rawData`) are decoded straight from them.
    public init?(entry: LogEntry, ignoringPayloadMembers ignored: Set<String>) throws(DomainError) {
        if let raw = entry.rawData {
            switch entry.type {
            case AssessmentRecorded.eventType:
                let decoded = try AssessmentFinding.decode(
                    raw, eventType: AssessmentRecorded.eventType, withSupersedes: false, ignoring: ignored)
                self = .assessmentRecorded(AssessmentRecorded(finding: decoded.finding))
                return
            case AssessmentCorrected.eventType:
                let decoded = try AssessmentFinding.decode(
                    raw, eventType: AssessmentCorrected.eventType, withSupersedes: true, ignoring: ignored)
                self = .assessmentCorrected(AssessmentCorrected(supersedes: decoded.supersedes ?? 0, finding: decoded.finding))
                return
            default:
                if let event = try Self.decode(type: entry.type, raw: raw, ignoring: ignored) {
                    self = event
                    return
                }
            }
        }
        guard Self.typeNames.contains(entry.type) else { return nil }
        var data: [String: JSONValue]
        if let raw = entry.rawData {
            // Only the members the domain reads become values; the application's are skipped.
            data = raw.withMembers { reader in
                var members: [String: JSONValue] = [:]
                members.reserveCapacity(12)
                while let key = reader.nextKey() {
                    if !key.isOne(of: ignored) { members[key.string] = reader.value() }
                }
                return members
            }
        } else {
            data = entry.data
            for key in ignored { data.removeValue(forKey: key) }
        }
        guard let event = try ScreeningEvent(type: entry.type, data: data) else { return nil }
        self = event
    }

    /// The other frequent types read from the payload's bytes with a `PayloadReader`; nil for
    /// the rest (protocol registrations, not owned types).
    private static func decode(type: String, raw: RawJSONObject, ignoring: Set<String>) throws(DomainError)
        -> ScreeningEvent?
    {
        func reader(_ keys: Set<String>) throws(DomainError) -> PayloadReader {
            try PayloadReader(raw, ignoring: ignoring, eventType: type, allowedKeys: keys)
        }
        switch type {
        case ConsentRecorded.eventType: return .consentRecorded(try ConsentRecorded(reader: reader(ConsentRecorded.keys)))
        case SubjectRegistered.eventType:
            return .subjectRegistered(try SubjectRegistered(reader: reader(SubjectRegistered.keys)))
        case EligibilitySigned.eventType:
            return .eligibilitySigned(try EligibilitySigned(reader: reader(EligibilitySigned.keys)))
        case SubjectEnrolled.eventType: return .subjectEnrolled(try SubjectEnrolled(reader: reader(SubjectEnrolled.keys)))
        case SubjectScreenFailed.eventType:
            return .subjectScreenFailed(try SubjectScreenFailed(reader: reader(SubjectScreenFailed.keys)))
        case SubjectWithdrawn.eventType:
            return .subjectWithdrawn(try SubjectWithdrawn(reader: reader(SubjectWithdrawn.keys)))
        case ConsentWithdrawn.eventType:
            return .consentWithdrawn(try ConsentWithdrawn(reader: reader(ConsentWithdrawn.keys)))
        case AuditReviewed.eventType: return .auditReviewed(try AuditReviewed(reader: reader(AuditReviewed.keys)))
        default: return nil
        }
    }

    /// The event type name stored in the entry's `type`.
    public var typeName: String {
        switch self {
        case .protocolRegistered: ProtocolRegistered.eventType
        case .subjectRegistered: SubjectRegistered.eventType
        case .consentRecorded: ConsentRecorded.eventType
        case .consentWithdrawn: ConsentWithdrawn.eventType
        case .assessmentRecorded: AssessmentRecorded.eventType
        case .assessmentCorrected: AssessmentCorrected.eventType
        case .eligibilitySigned: EligibilitySigned.eventType
        case .subjectEnrolled: SubjectEnrolled.eventType
        case .subjectScreenFailed: SubjectScreenFailed.eventType
        case .subjectWithdrawn: SubjectWithdrawn.eventType
        case .auditReviewed: AuditReviewed.eventType
        }
    }

    /// The payload stored in the entry's `data`.
    public var data: [String: JSONValue] {
        switch self {
        case .protocolRegistered(let event): event.data
        case .subjectRegistered(let event): event.data
        case .consentRecorded(let event): event.data
        case .consentWithdrawn(let event): event.data
        case .assessmentRecorded(let event): event.data
        case .assessmentCorrected(let event): event.data
        case .eligibilitySigned(let event): event.data
        case .subjectEnrolled(let event): event.data
        case .subjectScreenFailed(let event): event.data
        case .subjectWithdrawn(let event): event.data
        case .auditReviewed(let event): event.data
        }
    }

    /// The draft that appends this event for `subject` (a screening number, nil for protocol
    /// events), written by `actor`, with `reason` in the envelope.
    public func draft(actor: Actor, subject: String?, reason: String? = nil) -> EventDraft {
        EventDraft(type: typeName, actor: actor, subject: subject, data: data, reason: reason)
    }
}

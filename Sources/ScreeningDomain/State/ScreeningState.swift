public import EventLog

/// The whole screening record folded from the log: a value you can copy, compare and fold further.
///
/// Build it with `ScreeningState.fold(_:site:)` or `apply(_:)` entry by entry; ask it for
/// decisions with `decide(_:by:at:)` and for views with the projection methods.
public struct ScreeningState: Sendable, Hashable {
    /// The site's civil calendar (time zone), used for local dates in decisions and views.
    public var site: SiteCalendar
    /// Every registered protocol version in log order; the last one is in force now.
    public internal(set) var protocols: [RegisteredProtocol] = []
    /// Every registered subject by screening number.
    public internal(set) var subjects: [String: SubjectRecord] = [:]
    /// Screening numbers in registration order.
    public internal(set) var registrationOrder: [String] = []
    /// The seq of the last entry folded (of any type), nil for an empty log.
    public internal(set) var lastSeq: Int64?
    /// The `at` of the last entry folded.
    public internal(set) var lastAt: Timestamp?

    /// An empty state for a site.
    public init(site: SiteCalendar = .standard) {
        self.site = site
    }

    /// The protocol version in force now, if any is registered.
    public var currentProtocol: RegisteredProtocol? { protocols.last }

    /// The protocol version that applies to `record`: the one in force when its screening ended,
    /// or the one in force now while it is still in screening.
    public func protocolInForce(for record: SubjectRecord) -> RegisteredProtocol? {
        if let pinned = record.pinnedProtocolIndex { return protocols[pinned] }
        return protocols.last
    }

    /// The evaluation of `record` under the protocol that applies to it; nil without a protocol.
    public func evaluation(of record: SubjectRecord) -> EligibilityEvaluation? {
        protocolInForce(for: record)?.evaluate(record.facts)
    }

    /// The evaluation of the subject with screening number `subject`, if known and a protocol exists.
    public func evaluation(ofSubject subject: String) -> EligibilityEvaluation? {
        subjects[subject].flatMap(evaluation(of:))
    }

    /// The FHIR ResearchSubject status of `record` (see `ResearchSubjectStatus`).
    public func status(of record: SubjectRecord, evaluation: EligibilityEvaluation?) -> ResearchSubjectStatus {
        if record.withdrawal != nil { return .withdrawn }
        if record.enrolment != nil { return .onStudy }
        if record.screenFailure != nil { return .notRegistered }
        if record.consent == nil { return .candidate }
        switch evaluation?.overall {
        case .eligible?: return .eligible
        case .ineligible?: return .ineligible
        case .incomplete?, nil: return .screening
        }
    }
}

/// The CONSORT flow through screening: assessed for eligibility, excluded (not meeting criteria,
/// declined, other), enrolled, and still in screening. `assessed` is the sum of the others.
public struct ConsortCounts: Sendable, Hashable {
    /// Subjects registered for screening.
    public var assessed = 0
    /// Excluded: did not meet the eligibility criteria.
    public var excludedNotMeetingCriteria = 0
    /// Excluded: declined to take part (including subject-initiated withdrawal before enrolment).
    public var excludedDeclined = 0
    /// Excluded: other reasons (including site-initiated withdrawal before enrolment).
    public var excludedOther = 0
    /// Enrolled (including those withdrawn later).
    public var enrolled = 0
    /// Still in screening: no outcome yet.
    public var stillInScreening = 0

    /// Creates zero counts.
    public init() {}

    /// All exclusions.
    public var excluded: Int { excludedNotMeetingCriteria + excludedDeclined + excludedOther }

    mutating func count(_ row: ScreeningLog.Row) {
        assessed += 1
        if row.enrolledOn != nil {
            enrolled += 1
            return
        }
        switch row.screenFailure {
        case .criteria?: excludedNotMeetingCriteria += 1
        case .declined?: excludedDeclined += 1
        case .other?: excludedOther += 1
        case nil: stillInScreening += 1
        }
    }
}

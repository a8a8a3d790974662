/// Who ended a subject's participation: the subject (counted as "declined" when it happens
/// before enrolment) or the site (the investigator or sponsor; counted as "other").
public enum WithdrawalInitiator: String, Sendable, Hashable, CaseIterable {
    /// The subject withdrew.
    case subject
    /// The investigator or sponsor withdrew the subject.
    case site
}

/// Why a subject was not enrolled, in CONSORT's categories for "excluded".
public enum ScreenFailureCategory: String, Sendable, Hashable, CaseIterable {
    /// Did not meet the eligibility criteria (the criteria ids are listed).
    case criteria
    /// The subject declined to take part.
    case declined
    /// Any other reason (the text says which).
    case other
}

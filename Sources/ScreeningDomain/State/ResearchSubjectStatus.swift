/// A subject's workflow status as an HL7 FHIR R4 `ResearchSubject.status` code.
///
/// How the domain maps onto the codes: `candidate` registered without current consent;
/// `screening` consented and being assessed (evaluation incomplete); `eligible` the evaluation
/// is eligible, signed or not (the signature is shown separately); `ineligible` a criterion
/// fails; `on-study` enrolled; `not-registered` screen-failed; `withdrawn` withdrawn.
public enum ResearchSubjectStatus: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Registered, no current consent.
    case candidate
    /// Consented, being assessed.
    case screening
    /// The evaluation under the protocol in force is eligible.
    case eligible
    /// At least one criterion fails.
    case ineligible
    /// Enrolled.
    case onStudy = "on-study"
    /// Screen-failed: screening ended without enrolment.
    case notRegistered = "not-registered"
    /// Withdrawn from screening or from the study.
    case withdrawn

    /// Orders statuses along the workflow (candidate first, withdrawn last).
    public static func < (lhs: ResearchSubjectStatus, rhs: ResearchSubjectStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

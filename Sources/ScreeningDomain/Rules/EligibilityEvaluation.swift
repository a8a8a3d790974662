/// The evaluation of one protocol version against one subject's facts: what an investigator
/// reviews and signs (the signature covers `sha256`).
public struct EligibilityEvaluation: Sendable, Hashable {
    /// The protocol id (`NCT05827835`).
    public var protocolID: String
    /// The protocol version evaluated (`1.0`).
    public var protocolVersion: String
    /// The protocol definition's SHA-256, lowercase hex.
    public var protocolSHA256: String
    /// The screening date windows and ages were measured to.
    public var screeningDate: LocalDate
    /// Every top-level criterion in protocol order; sub-items are nested in `children`.
    public var criteria: [CriterionResult]
    /// The overall answer.
    public var overall: OverallEligibility

    /// Creates an evaluation.
    public init(
        protocolID: String, protocolVersion: String, protocolSHA256: String, screeningDate: LocalDate,
        criteria: [CriterionResult], overall: OverallEligibility
    ) {
        self.protocolID = protocolID
        self.protocolVersion = protocolVersion
        self.protocolSHA256 = protocolSHA256
        self.screeningDate = screeningDate
        self.criteria = criteria
        self.overall = overall
    }
}

/// Sign the eligibility evaluation the investigator reviewed.
public struct SignEligibility: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The SHA-256 (hex) of the evaluation the investigator saw; must still be the current one.
    public var evaluationSHA256: String
    /// Creates the command.
    public init(subject: String, evaluationSHA256: String) {
        self.subject = subject
        self.evaluationSHA256 = evaluationSHA256
    }
}

/// Correct an earlier assessment: a new finding for the same input, and why.
public struct CorrectAssessment: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The seq of the current assessment entry being replaced.
    public var supersedes: Int64
    /// The corrected finding; its input must be the superseded entry's input.
    public var finding: AssessmentFinding
    /// Why the value is corrected (mandatory, stored in the envelope's `reason`).
    public var reason: String
    /// Creates the command.
    public init(subject: String, supersedes: Int64, finding: AssessmentFinding, reason: String) {
        self.subject = subject
        self.supersedes = supersedes
        self.finding = finding
        self.reason = reason
    }
}

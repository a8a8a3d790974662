/// Record a value for one protocol input.
public struct RecordAssessment: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The value and its context.
    public var finding: AssessmentFinding
    /// Creates the command.
    public init(subject: String, finding: AssessmentFinding) {
        self.subject = subject
        self.finding = finding
    }
}

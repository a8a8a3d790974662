/// End screening without enrolment.
public struct ScreenFailSubject: Sendable, Hashable {
    /// The screening number.
    public var subject: String
    /// The CONSORT category.
    public var category: ScreenFailureCategory
    /// For `criteria`: the criteria not met; nil means every failing criterion of the evaluation.
    public var criteria: [String]?
    /// Explanation; required for `other`.
    public var text: String?
    /// Creates the command.
    public init(subject: String, category: ScreenFailureCategory, criteria: [String]? = nil, text: String? = nil) {
        self.subject = subject
        self.category = category
        self.criteria = criteria
        self.text = text
    }
}

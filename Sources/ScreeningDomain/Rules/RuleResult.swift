/// A rule's three-valued answer and the facts it used.
public struct RuleResult: Sendable, Hashable {
    /// True, false, or nil when an input it needs is not recorded (missing).
    public var value: Bool?
    /// The facts used, in rule order.
    public var evidence: [Evidence]
    /// The inputs that were needed and not recorded; empty unless `value` is nil.
    public var missingInputs: [String]

    /// Creates a result.
    public init(value: Bool?, evidence: [Evidence] = [], missingInputs: [String] = []) {
        self.value = value
        self.evidence = evidence
        self.missingInputs = value == nil ? missingInputs : []
    }

    static func missing(_ inputs: String...) -> RuleResult {
        RuleResult(value: nil, missingInputs: inputs)
    }
}

/// The evaluated outcome of one criterion, with the evidence it used and its sub-items.
public struct CriterionResult: Sendable, Hashable {
    /// The criterion id (`I4`, `I9a`, `E6`).
    public var id: String
    /// Inclusion or exclusion.
    public var kind: CriterionKind
    /// The criterion's verbatim text.
    public var text: String
    /// The outcome.
    public var outcome: CriterionOutcome
    /// The facts used, in rule order, each input once (including the applicability condition's).
    public var evidence: [Evidence]
    /// Input ids that were needed and not recorded (sorted, unique); empty unless something is missing.
    public var missingInputs: [String]
    /// The sub-items' results (the lab limits a-d, the r/r alternatives a-d), in protocol order.
    public var children: [CriterionResult]

    /// Creates a result.
    public init(
        id: String, kind: CriterionKind, text: String, outcome: CriterionOutcome, evidence: [Evidence],
        missingInputs: [String], children: [CriterionResult]
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.outcome = outcome
        self.evidence = evidence
        self.missingInputs = missingInputs
        self.children = children
    }
}

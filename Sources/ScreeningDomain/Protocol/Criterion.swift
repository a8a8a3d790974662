/// One eligibility criterion: verbatim text, and either a machine rule or sub-items.
public struct Criterion: Sendable, Hashable {
    /// How a criterion's sub-items combine.
    public enum Combine: String, Sendable, Hashable, Codable {
        /// Every sub-item must pass (the lab limits a-d).
        case all
        /// One sub-item suffices (the r/r alternatives a-d).
        case any
    }

    /// Stable id: `I1`...`I11`, `E1`...`E13`, sub-items `I9a`.
    public var id: String
    /// Inclusion or exclusion (sub-items share their parent's kind).
    public var kind: CriterionKind
    /// The registry's wording, verbatim.
    public var text: String
    /// Applicability: when this evaluates false the criterion is not applicable.
    public var when: Rule?
    /// The machine rule (leaf criteria); attestation criteria use a `yesNo` rule on an attested input.
    public var rule: Rule?
    /// How `children` combine (criteria with sub-items).
    public var combine: Combine?
    /// Sub-items, each with its own id.
    public var children: [Criterion]?
    /// Interpretation notes: how the text was encoded and why.
    public var note: String?

    /// Creates a criterion.
    public init(
        id: String, kind: CriterionKind, text: String, when: Rule? = nil, rule: Rule? = nil,
        combine: Combine? = nil, children: [Criterion]? = nil, note: String? = nil
    ) {
        self.id = id
        self.kind = kind
        self.text = text
        self.when = when
        self.rule = rule
        self.combine = combine
        self.children = children
        self.note = note
    }
}

/// Whether a criterion must hold (inclusion) or must not hold (exclusion).
public enum CriterionKind: String, Sendable, Hashable, Codable {
    /// The subject must meet it.
    case inclusion
    /// Meeting it excludes the subject.
    case exclusion
}

/// The outcome of verifying a store: intact, or broken at the first failure found.
///
/// Integrity problems are data, not errors: only I/O and usage problems throw (`VerificationError`).
public enum VerificationReport: Sendable, Hashable {
    /// Every check passed.
    case intact(VerificationSummary)
    /// A check failed; the summary covers what was verified before it.
    case broken(VerificationFailure, VerificationSummary)

    /// The summary, complete or up to the failure.
    public var summary: VerificationSummary {
        switch self {
        case .intact(let summary), .broken(_, let summary): summary
        }
    }

    /// The failure, if the store is broken.
    public var failure: VerificationFailure? {
        if case .broken(let failure, _) = self { return failure }
        return nil
    }

    /// Whether every check passed.
    public var isIntact: Bool { failure == nil }
}

/// The overall answer: eligible, ineligible (and why), or incomplete (and what is missing).
///
/// Ineligible wins over incomplete: one failing criterion decides, whatever else is missing.
public enum OverallEligibility: Sendable, Hashable {
    /// Every inclusion criterion met or not applicable, and no exclusion criterion met.
    case eligible
    /// The failing criteria ids in protocol order: inclusions not met and exclusions met.
    case ineligible(failing: [String])
    /// No criterion fails, but these criteria ids (protocol order) lack recorded inputs.
    case incomplete(missing: [String])
}

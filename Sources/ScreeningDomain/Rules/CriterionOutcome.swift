/// The outcome of one criterion for one subject, in clinical language.
///
/// An inclusion criterion must be `.met`; an exclusion criterion that is `.met` excludes the
/// subject (the excluded condition is present). `.notApplicable` counts as passing either way.
public enum CriterionOutcome: String, Sendable, Hashable, Codable {
    /// The criterion's condition holds.
    case met
    /// The criterion's condition does not hold.
    case notMet
    /// An input it needs is not recorded (or not valid under this protocol version).
    case missing
    /// Its applicability condition (`when`) is false for this subject.
    case notApplicable
}

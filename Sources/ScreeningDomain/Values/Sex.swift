/// Sex as the eligibility criteria use it (pregnancy testing, Cockcroft-Gault's 0.85 factor).
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    /// Male.
    case male
    /// Female.
    case female
}

/// What kind of value an input takes.
public enum InputKind: String, Sendable, Hashable, Codable {
    /// An exact decimal in one of the listed units (or unitless), within the listed range.
    case number
    /// A laboratory value: an exact decimal >= 0 with the lab's ULN (> 0) in the same unit.
    case lab
    /// One of the listed codes.
    case code
    /// A yes/no answer; `attestedBy` names the role that must attest it, if any.
    case yesNo
    /// A civil date.
    case date
}

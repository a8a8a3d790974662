/// A rejected domain value: a stable machine code, where it was found, and a human reason.
///
/// Reasons name fields and limits, never patient data (no values, dates of birth or identifiers).
public struct DomainError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable dotted code, for example `value.out_of_range`, `unit.invalid`, `input.unknown`.
    public var code: String
    /// Path of the offending field, for example `value`, `uln`, `unit`, `input`, `method`,
    /// or a path inside a protocol definition such as `criteria[3].rule`.
    public var field: String?
    /// One human sentence explaining the rejection.
    public var reason: String

    /// Creates an error.
    public init(code: String, field: String?, reason: String) {
        self.code = code
        self.field = field
        self.reason = reason
    }

    /// `code (field): reason`.
    public var description: String {
        if let field { return "\(code) (\(field)): \(reason)" }
        return "\(code): \(reason)"
    }
}

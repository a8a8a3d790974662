/// Why a log line or event object is not a valid format v1 entry: which field, and why.
///
/// Never quotes field values: entries may hold personal data.
public struct EntryFormatError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `entry.json` (not JSON, see `offset`), `entry.missingField`,
    /// `entry.wrongType`, `entry.invalidValue` or `entry.unknownField`.
    public let code: String
    /// The field's path, such as `seq` or `actor.id`; `nil` when the problem is not one field's.
    public let field: String?
    /// A human explanation.
    public let reason: String
    /// For `entry.json`: the 0-based byte offset in the line where parsing failed.
    public let offset: Int?

    /// Creates an entry format error.
    public init(code: String, field: String?, reason: String, offset: Int? = nil) {
        self.code = code
        self.field = field
        self.reason = reason
        self.offset = offset
    }

    /// For example `entry.missingField (actor.id): required field is missing`.
    public var description: String {
        var text = code
        if let field { text += " (\(field))" }
        if let offset { text += " at byte \(offset)" }
        return text + ": " + reason
    }

    static func missing(_ field: String) -> EntryFormatError {
        EntryFormatError(code: "entry.missingField", field: field, reason: "required field is missing")
    }

    static func wrongType(_ field: String, expected: String) -> EntryFormatError {
        EntryFormatError(code: "entry.wrongType", field: field, reason: "expected \(expected)")
    }

    static func invalid(_ field: String, _ reason: String) -> EntryFormatError {
        EntryFormatError(code: "entry.invalidValue", field: field, reason: reason)
    }
}

/// Why a byte sequence is not JSON as format v1 accepts it, and where.
///
/// Never quotes the input: a log line may hold personal data.
public struct JSONParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable code: `json.syntax`, `json.utf8`, `json.number`, `json.string`, `json.duplicateKey`,
    /// `json.depth` or `json.trailing`.
    public let code: String
    /// A human explanation.
    public let reason: String
    /// The 0-based byte offset in the input where the problem was found.
    public let offset: Int

    /// Creates a parse error.
    public init(code: String, reason: String, offset: Int) {
        self.code = code
        self.reason = reason
        self.offset = offset
    }

    /// `"<code> at byte <offset>: <reason>"`.
    public var description: String { "\(code) at byte \(offset): \(reason)" }
}

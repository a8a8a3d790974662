/// What is wrong with one log line, found by `EntryLineScanner`: where (a byte column) and what.
///
/// `expected` and `found` describe the problem in words or schema terms; they never quote the
/// line's values, which may be patient data.
struct LineDefect: Error, Sendable, Equatable {
    /// Which family of rule the line breaks.
    enum Kind: Sendable, Equatable {
        /// The bytes are not the RFC 8785 canonical encoding of a JSON object format v1 allows.
        case encoding
        /// The JSON is canonical but a field is missing, unknown or of the wrong type or shape.
        case field
    }

    /// Which family of rule the line breaks.
    var kind: Kind
    /// The 0-based byte position within the line where the problem was detected.
    var column: Int
    /// What the rule requires at that position.
    var expected: String
    /// What the line has instead.
    var found: String
}

/// The first integrity problem verification found: where, which rule, what was expected and found.
///
/// Never quotes field values from the log (they may be patient data): `expected` and `found` hold
/// hashes, sequence numbers, timestamps, sizes, field names, or a description in words.
///
/// An `Error` only so the engine can unwind with it internally: the public API returns it inside
/// `VerificationReport.broken`, never throws it.
public struct VerificationFailure: Error, Sendable, Hashable {
    /// The rule that failed.
    public var check: VerificationCheck
    /// The file the location refers to: `events.jsonl`, `checkpoints.jsonl`, `checkpoint`, a file
    /// in `recovered/`, or the saved checkpoint's path.
    public var file: String
    /// The 1-based line number in `file`, when the problem has a line.
    public var line: Int64?
    /// The sequence number the entry on that line must have (line − 1), for events.jsonl lines;
    /// for a file in `recovered/`, the seq of the `log.recovered` entry that records it.
    public var seq: Int64?
    /// The 0-based byte offset in `file` where that line starts.
    public var byteOffset: Int64?
    /// The 1-based byte position within the line where the problem was detected, for encoding
    /// and field problems.
    public var column: Int?
    /// What the rule requires.
    public var expected: String
    /// What the store has instead.
    public var found: String
    /// One or two sentences for the auditor: what is wrong and what it means.
    public var message: String

    /// Creates a failure.
    public init(
        check: VerificationCheck, file: String, line: Int64? = nil, seq: Int64? = nil, byteOffset: Int64? = nil,
        column: Int? = nil, expected: String, found: String, message: String
    ) {
        self.check = check
        self.file = file
        self.line = line
        self.seq = seq
        self.byteOffset = byteOffset
        self.column = column
        self.expected = expected
        self.found = found
        self.message = message
    }

    /// "events.jsonl line 5 (seq 4, byte offset 1234, column 17)", or as much of it as is known.
    public var location: String {
        var details: [String] = []
        if let seq { details.append("seq \(seq)") }
        if let byteOffset { details.append("byte offset \(byteOffset)") }
        if let column { details.append("column \(column)") }
        var text = file
        if let line { text += " line \(line)" }
        if !details.isEmpty { text += " (" + details.joined(separator: ", ") + ")" }
        return text
    }
}

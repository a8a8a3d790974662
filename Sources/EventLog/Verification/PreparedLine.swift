import LogCrypto

/// What the reading threads work out for one line of events.jsonl, on every core and in any
/// order: all that does not depend on the lines before it (the entry hash, the canonical
/// encoding and fields, the time and type spellings). `EntryChain.append` then checks the links
/// to the previous line and reports the first broken rule in the order of docs/format.md section 10.
///
/// Done here rather than in `append`, the scan no longer holds up the one thread that must see
/// every line in order: on two cores that thread had half the non-signature work to itself.
struct PreparedLine: Sendable {
    /// The line's RFC 6962 leaf hash, SHA-256(0x00 || line): its entry hash.
    let entryHash: SHA256Digest
    /// Where the line's fields are; `nil` if the line is not a canonical format v1 entry (the
    /// defect is found again by `defect(in:)`: it ends verification, so it is found once, and
    /// without it this value is plain bytes, copied without reference counting).
    let fields: ScannedLine?
    /// `at`, if the line scanned and `at` is a time in format v1's single spelling.
    let timestamp: Timestamp?
    /// Whether the line scanned and its `type` is a dotted name.
    let hasDottedType: Bool

    /// Prepares `line` (without its "\n").
    init(_ line: UnsafeRawBufferPointer) {
        entryHash = Merkle.leafHash(line)
        var fields = ScannedLine()
        guard (try? EntryLineScanner.scan(line, into: &fields)) != nil else {
            self.fields = nil
            timestamp = nil
            hasDottedType = false
            return
        }
        self.fields = fields
        // A line that scanned is not empty.
        let base = line.baseAddress!.assumingMemoryBound(to: UInt8.self)
        timestamp = fields.at.flatMap { Timestamp.parse($0.bytes(in: base)) }
        hasDottedType = fields.type.map { ASCII.isDottedName($0.bytes(in: base)) } ?? false
    }

    /// The defect that made the scan of `line` fail (`fields` is `nil`).
    static func defect(in line: UnsafeRawBufferPointer) -> LineDefect {
        var fields = ScannedLine()
        do {
            try EntryLineScanner.scan(line, into: &fields)
        } catch {
            return error
        }
        preconditionFailure("the scan of a line is deterministic: it failed when the line was prepared")
    }
}

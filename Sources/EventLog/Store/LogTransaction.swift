import LogCrypto

/// The writer's view for one ``LogWriter/transact(_:)`` body: the seq and `at` the next entry
/// will get, and `append` to stage drafts in log order.
///
/// Every entry appended in one transaction gets the same `at` and consecutive seqs. Nothing
/// reaches the log unless the body returns normally.
public struct LogTransaction {
    /// The `at` every entry of this transaction gets (UTC): the clock's reading, or the previous
    /// entry's `at` if the clock went backwards.
    public let at: Timestamp
    /// The seq the next appended entry will get.
    public private(set) var nextSeq: Int64
    /// The entries appended so far, in order.
    public private(set) var entries: [LogEntry] = []
    /// The byte length of each appended entry's line in `events.jsonl`, without its "\n" (an
    /// application indexing where its entries are needs not encode them again).
    public private(set) var lineLengths: [Int] = []

    /// The entry hash the next appended entry will carry in `prev`.
    private(set) var prev: SHA256Digest
    /// The canonical lines appended so far, each followed by "\n".
    private(set) var lines: [UInt8] = []
    /// The RFC 6962 leaf hash of each appended entry (its entry hash).
    private(set) var leafHashes: [SHA256Digest] = []
    private let allowReservedTypes: Bool

    init(nextSeq: Int64, prev: SHA256Digest, at: Timestamp, allowReservedTypes: Bool = false) {
        self.nextSeq = nextSeq
        self.prev = prev
        self.at = at
        self.allowReservedTypes = allowReservedTypes
    }

    /// Validates `draft` and stages it as the next entry, returning the entry as it will be stored.
    ///
    /// Throws a `draft.invalid` ``LogStoreError`` naming the field (for example
    /// `drafts[0].actor.id`) and leaves the transaction unchanged.
    @discardableResult
    public mutating func append(_ draft: EventDraft) throws -> LogEntry {
        let field = "drafts[\(entries.count)]"
        try draft.validate(field: field, allowReservedTypes: allowReservedTypes)
        let entry = LogEntry(
            seq: nextSeq,
            prev: prev,
            at: at,
            type: draft.type,
            actor: draft.actor,
            data: draft.data,
            subject: draft.subject,
            reason: draft.reason
        )
        do {
            try entry.checkFormat()
        } catch {
            throw LogStoreError.invalidDraft(error.reason, field: field + "." + (error.field ?? "entry"))
        }
        let start = lines.count
        entry.appendCanonicalLine(to: &lines)
        let length = lines.count - start
        if length > DraftLimits.maxLineBytes {
            lines.removeSubrange(start...)
            throw LogStoreError.invalidDraft(
                "encodes to \(length) bytes, more than the \(DraftLimits.maxLineBytes)-byte line limit",
                field: field
            )
        }
        let hash = lines.withUnsafeBytes { Merkle.leafHash(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        lines.append(UInt8(ascii: "\n"))
        leafHashes.append(hash)
        lineLengths.append(length)
        entries.append(entry)
        prev = hash
        nextSeq += 1
        return entry
    }

    /// Stages `drafts` in order; if any is invalid, throws and stages none of them.
    @discardableResult
    public mutating func append(contentsOf drafts: [EventDraft]) throws -> [LogEntry] {
        let mark = (lines: lines.count, entries: entries.count, prev: prev, nextSeq: nextSeq)
        do {
            for draft in drafts { try append(draft) }
        } catch {
            lines.removeSubrange(mark.lines...)
            leafHashes.removeSubrange(mark.entries...)
            lineLengths.removeSubrange(mark.entries...)
            entries.removeSubrange(mark.entries...)
            prev = mark.prev
            nextSeq = mark.nextSeq
            throw error
        }
        return Array(entries[mark.entries...])
    }
}

import LogCrypto

#if canImport(Darwin)
    import Darwin
#elseif canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The running state of verifying events.jsonl line by line: what the next line must carry
/// (its seq, the previous entry hash, an `at` no earlier than the last), and the Merkle tree of
/// the lines so far in O(log n) memory.
struct EntryChain {
    static let fileName = StoreFiles.events

    /// The number of lines accepted so far: the next line's seq.
    private(set) var size: Int64 = 0
    /// The RFC 6962 tree of the accepted lines.
    private(set) var tree = MerkleAccumulator()
    /// The entry hash of the last accepted line (`SHA256Digest.zero` before the first).
    private(set) var head = SHA256Digest.zero
    /// The byte offset where the last accepted line starts.
    private(set) var lastLineOffset: Int64 = 0
    /// The byte offset just past the last accepted line's "\n": where the next line starts.
    private(set) var endOffset: Int64 = 0
    /// `at` of the first and last accepted lines.
    private(set) var firstAt: Timestamp?
    private(set) var lastAt: Timestamp?
    /// The distinct `subject` values seen.
    private(set) var subjects = DistinctCount()
    /// What the first line, `log.created`, declares.
    private(set) var logCreated: LogCreated?
    /// The files in `recovered/` that `log.recovered` entries record, in log order.
    private(set) var recordedFiles: [RecordedFile] = []

    /// The escaped bytes of the last subject added to `subjects`.
    private var lastSubject: [UInt8] = []
    /// `head` in lowercase hex: what the next line's `prev` must be, byte for byte.
    private var headHex = [UInt8](repeating: ASCII.zero, count: 64)

    /// Checks `line` (line `number`, starting at byte `offset`, with the RFC 6962 leaf hash
    /// `entryHash`) as the next entry and, if it passes, adds it to the chain and the tree;
    /// otherwise throws the first rule it breaks.
    mutating func append(
        _ line: UnsafeRawBufferPointer, offset: Int64, number: Int64, entryHash hash: SHA256Digest
    ) throws(VerificationFailure) {
        var fields = ScannedLine()
        do {
            try EntryLineScanner.scan(line, into: &fields)
        } catch {
            throw defectFailure(error, line: number, offset: offset)
        }
        guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self),
            let version = fields.version, let seq = fields.seq, let prev = fields.prev, let at = fields.at,
            let type = fields.type
        else {
            preconditionFailure("the scanner guarantees a non-empty line with the required fields")
        }
        func failure(_ check: VerificationCheck, _ expected: String, _ found: String, _ message: String)
            -> VerificationFailure
        {
            VerificationFailure(
                check: check, file: Self.fileName, line: number, seq: size, byteOffset: offset,
                expected: expected, found: found, message: message)
        }

        guard version == Int64(LogEntry.formatVersion) else {
            throw failure(
                .entryVersion, "v 1", "v \(version)", "This verifier reads format version 1 only.")
        }
        guard seq == size else {
            let cause =
                seq < size
                ? "a line was duplicated or moved here, or lines were removed before it"
                : "lines were removed or reordered before this line"
            throw failure(
                .entrySeq, "seq \(size) (line \(number))", "seq \(seq)",
                "Each line's seq is its position in the file (0 on line 1): \(cause).")
        }
        guard prev.count == 64, headHex.withUnsafeBytes({ memcmp(base + prev.start, $0.baseAddress!, 64) }) == 0 else {
            let expectedText = size == 0 ? "64 zeros (the first entry has no predecessor)" : head.hex
            let cause =
                size == 0
                ? "The first entry's prev must be 64 zeros."
                : "prev is not the entry hash of line \(number - 1) (seq \(size - 1)): that line or this one was "
                    + "altered, or lines were removed, inserted or reordered here."
            throw failure(.entryPrev, expectedText, prev.printableHex(in: base), cause)
        }
        let timestamp: Timestamp
        switch Timestamp.parse(at.bytes(in: base)) {
        case .some(let parsed): timestamp = parsed
        case .none:
            throw failure(
                .entryTimestamp, "a UTC time written YYYY-MM-DDTHH:MM:SS.ffffffZ",
                at.printableValue(in: base), "at is not a valid time in format v1's single spelling.")
        }
        if let lastAt, timestamp < lastAt {
            throw failure(
                .entryTimeOrder, "at \(lastAt.formatted) or later", "at \(timestamp.formatted)",
                "Entries are appended in time order, so at never decreases: this entry was backdated or moved.")
        }
        guard ASCII.isDottedName(type.bytes(in: base)) else {
            throw failure(
                .entryType, "a dotted name (segments of letters, digits, '_' or '-' joined by '.')",
                type.printableValue(in: base), "type is not an event name.")
        }
        let isLogCreated = type.equals("log.created", in: base)
        if size == 0 {
            switch LogCreated.read(line, isLogCreated: isLogCreated) {
            case .success(let created): logCreated = created
            case .failure(let problem):
                throw failure(.entryLogCreated, problem.expected, problem.found, problem.message)
            }
        } else if isLogCreated {
            throw failure(
                .entryLogCreated, "log.created only on line 1", "log.created",
                "A log is created once; a later log.created entry does not belong to this log.")
        }
        let isLogRecovered = type.equals("log.recovered", in: base)
        if !isLogCreated, type.bytes(in: base).starts(with: "log.".utf8) {
            guard isLogRecovered else {
                throw failure(
                    .entryReserved, "log.created or log.recovered (the writer's own types)",
                    type.printableValue(in: base),
                    "Types starting with log. are the writer's; it writes no other, so this entry was added by hand.")
            }
            // Rare (one per crash recovery): parsing the whole line is cheap enough here.
            let actorID = (try? LogEntry(line: line))?.actor.id
            guard actorID == LogWriter.systemActor.id else {
                throw failure(
                    .entryReserved, "actor id \"\(LogWriter.systemActor.id)\"",
                    actorID == nil ? "an unreadable actor" : "another actor",
                    "log.recovered is written by the writer itself, as actor system, during crash recovery.")
            }
        }
        if isLogRecovered {
            switch RecordedFile.read(line, seq: seq) {
            case .success(let files): recordedFiles += files
            case .failure(let problem):
                throw failure(
                    .recoveredEntry, problem.expected, problem.found,
                    "log.recovered must name each file it set aside in recovered/ with its size and SHA-256.")
            }
        }

        tree.append(hash)
        head = hash
        Self.writeHex(hash, into: &headHex)
        size += 1
        lastLineOffset = offset
        endOffset = offset + Int64(line.count) + 1
        if firstAt == nil { firstAt = timestamp }
        lastAt = timestamp
        if let subject = fields.subject { noteSubject(subject, in: base) }
    }

    /// Adds a subject to the distinct set, skipping the work when it repeats the last one.
    private mutating func noteSubject(_ subject: StringSpan, in base: UnsafePointer<UInt8>) {
        let isRepeat =
            subject.count == lastSubject.count
            && lastSubject.withUnsafeBytes { memcmp(base + subject.start, $0.baseAddress!, subject.count) } == 0
        guard !isRepeat else { return }
        let bytes = UnsafeBufferPointer(start: base + subject.start, count: subject.count)
        lastSubject.removeAll(keepingCapacity: true)
        lastSubject.append(contentsOf: bytes)
        subjects.insert(bytes: bytes, string: subject.string(in: base))
    }

    /// Writes `digest` as 64 lowercase hex digits into `hex`.
    private static func writeHex(_ digest: SHA256Digest, into hex: inout [UInt8]) {
        digest.withUnsafeBytes { bytes in
            hex.withUnsafeMutableBufferPointer { out in
                for index in 0..<32 {
                    let byte = bytes[index]
                    out[2 * index] = ASCII.lowercaseHexDigit(byte >> 4)
                    out[2 * index + 1] = ASCII.lowercaseHexDigit(byte & 0x0F)
                }
            }
        }
    }

    private func defectFailure(_ defect: LineDefect, line: Int64, offset: Int64) -> VerificationFailure {
        let message =
            switch defect.kind {
            case .encoding:
                "The line is not the canonical JSON (RFC 8785) of an entry: it was edited or re-serialised."
            case .field:
                "The line is canonical JSON but not a format v1 entry."
            }
        return VerificationFailure(
            check: defect.kind == .encoding ? .entryEncoding : .entryField, file: Self.fileName, line: line,
            seq: size, byteOffset: offset, column: defect.column + 1, expected: defect.expected,
            found: defect.found, message: message)
    }
}

extension StringSpan {
    /// The content if it is 64 lowercase hex digits, else a description.
    func printableHex(in base: UnsafePointer<UInt8>) -> String {
        ASCII.isLowercaseHexDigest(bytes(in: base)) ? string(in: base) : "not 64 lowercase hexadecimal digits"
    }

    /// The content, if it is at most 64 printable ASCII characters (timestamps, event names), else a
    /// description: values outside those fields are never quoted.
    func printableValue(in base: UnsafePointer<UInt8>) -> String {
        guard isPlainASCII, count <= 64 else { return "a value that is not short printable ASCII" }
        return "\"\(string(in: base))\""
    }
}

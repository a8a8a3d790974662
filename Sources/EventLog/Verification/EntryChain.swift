import LogCrypto

/// The running state of verifying events.jsonl line by line: what the next line must carry
/// (its seq, the previous entry hash, an `at` no earlier than the last), and the Merkle tree of
/// the lines so far in O(log n) memory.
struct EntryChain {
    static let fileName = "events.jsonl"

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
    private(set) var subjects = Set<String>()
    /// What the first line, `log.created`, declares.
    private(set) var logCreated: LogCreated?

    /// The `at` bytes of the last accepted line, to skip re-parsing an unchanged timestamp.
    private var lastAtBytes: [UInt8] = []

    /// Checks `line` (line `number`, starting at byte `offset`) as the next entry and, if it
    /// passes, adds it to the chain and the tree. Returns the first rule it breaks, if any.
    mutating func append(_ line: UnsafeRawBufferPointer, offset: Int64, number: Int64) -> VerificationFailure? {
        let fields: ScannedLine
        do {
            fields = try EntryLineScanner.scan(line)
        } catch {
            return defectFailure(error, line: number, offset: offset)
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
            return failure(
                .entryVersion, "v 1", "v \(version)", "This verifier reads format version 1 only.")
        }
        guard seq == size else {
            let cause =
                seq < size
                ? "a line was duplicated or moved here, or lines were removed before it"
                : "lines were removed or reordered before this line"
            return failure(
                .entrySeq, "seq \(size) (line \(number))", "seq \(seq)",
                "Each line's seq is its position in the file (0 on line 1): \(cause).")
        }
        guard prev.matches(head, in: base) else {
            let expectedText = size == 0 ? "64 zeros (the first entry has no predecessor)" : head.hex
            let cause =
                size == 0
                ? "The first entry's prev must be 64 zeros."
                : "prev is not the entry hash of line \(number - 1) (seq \(size - 1)): that line or this one was "
                    + "altered, or lines were removed, inserted or reordered here."
            return failure(.entryPrev, expectedText, prev.printableHex(in: base), cause)
        }
        let timestamp: Timestamp
        switch parseTimestamp(at, in: base) {
        case .some(let parsed): timestamp = parsed
        case .none:
            return failure(
                .entryTimestamp, "a UTC time written YYYY-MM-DDTHH:MM:SS.ffffffZ",
                at.printableValue(in: base), "at is not a valid time in format v1's single spelling.")
        }
        if let lastAt, timestamp < lastAt {
            return failure(
                .entryTimeOrder, "at \(lastAt.formatted) or later", "at \(timestamp.formatted)",
                "Entries are appended in time order, so at never decreases: this entry was backdated or moved.")
        }
        guard type.isDottedName(in: base) else {
            return failure(
                .entryType, "a dotted name (segments of letters, digits, '_' or '-' joined by '.')",
                type.printableValue(in: base), "type is not an event name.")
        }
        let isLogCreated = type.equals("log.created", in: base)
        if size == 0 {
            switch LogCreated.read(line, isLogCreated: isLogCreated) {
            case .success(let created): logCreated = created
            case .failure(let problem):
                return failure(.entryLogCreated, problem.expected, problem.found, problem.message)
            }
        } else if isLogCreated {
            return failure(
                .entryLogCreated, "log.created only on line 1", "log.created",
                "A log is created once; a later log.created entry does not belong to this log.")
        }

        let hash = Merkle.leafHash(line)
        tree.append(hash)
        head = hash
        size += 1
        lastLineOffset = offset
        endOffset = offset + Int64(line.count) + 1
        if firstAt == nil { firstAt = timestamp }
        lastAt = timestamp
        if let subject = fields.subject { subjects.insert(subject.string(in: base)) }
        return nil
    }

    /// `at` as a timestamp, reusing the last one when the bytes are unchanged.
    private mutating func parseTimestamp(_ at: StringSpan, in base: UnsafePointer<UInt8>) -> Timestamp? {
        let bytes = UnsafeBufferPointer(start: base + at.start, count: at.count)
        if let lastAt, bytes.elementsEqual(lastAtBytes) { return lastAt }
        guard at.isPlainASCII, let parsed = Timestamp(formatted: String(decoding: bytes, as: UTF8.self)) else {
            return nil
        }
        lastAtBytes.removeAll(keepingCapacity: true)
        lastAtBytes.append(contentsOf: bytes)
        return parsed
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
    /// Whether this is `digest` in 64 lowercase hexadecimal digits.
    func matches(_ digest: SHA256Digest, in base: UnsafePointer<UInt8>) -> Bool {
        guard count == 64 else { return false }
        return digest.withUnsafeBytes { bytes in
            for index in 0..<32 {
                guard let high = ASCII.lowercaseHexValue(base[start + 2 * index]),
                    let low = ASCII.lowercaseHexValue(base[start + 2 * index + 1]),
                    high << 4 | low == bytes[index]
                else { return false }
            }
            return true
        }
    }

    /// The content if it is 64 lowercase hex digits, else a description.
    func printableHex(in base: UnsafePointer<UInt8>) -> String {
        let isHex = count == 64 && (start..<end).allSatisfy { ASCII.lowercaseHexValue(base[$0]) != nil }
        return isHex ? string(in: base) : "not 64 lowercase hexadecimal digits"
    }

    /// The content, if it is at most 64 printable ASCII characters (timestamps, event names), else a
    /// description: values outside those fields are never quoted.
    func printableValue(in base: UnsafePointer<UInt8>) -> String {
        guard isPlainASCII, count <= 64 else { return "a value that is not short printable ASCII" }
        return "\"\(string(in: base))\""
    }

    /// Whether the content is a dotted name: segments of ASCII letters, digits, `_` or `-`, joined by
    /// `.` (as `LogEntry.checkFormat()` requires).
    func isDottedName(in base: UnsafePointer<UInt8>) -> Bool {
        var segmentLength = 0
        for index in start..<end {
            switch base[index] {
            case UInt8(ascii: "."):
                guard segmentLength > 0 else { return false }
                segmentLength = 0
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
                segmentLength += 1
            default:
                return false
            }
        }
        return segmentLength > 0
    }
}

import LogCrypto

extension StoreOpening {
    /// The log at one size: where its last line starts and ends, its last hash and its tree.
    struct Point {
        /// Byte offset just past the last entry's "\n" (0 for the empty log).
        var end: Int64 = 0
        /// Byte offset where the last entry's line starts.
        var lastLineOffset: Int64 = 0
        /// The last entry's hash (zero for the empty log).
        var lastHash: SHA256Digest = .zero
        /// The Merkle compact range of the entries.
        var tree = MerkleAccumulator()

        /// The empty log: a scan from the first byte.
        static let beginning = Point()
    }

    /// What one pass over `events.jsonl` found.
    struct Scan {
        /// The log at each requested size the scan reached.
        var marks: [Int64: Point] = [:]
        /// Complete lines in the file (those before the scan's start included).
        var completeLines: Int64 = 0
        /// True when the file ends in a line without "\n".
        var partialLine = false
    }

    /// Where the writer's memory says it stopped, if the store agrees: the resume point's note is a
    /// checkpoint of this log signed by its key, no larger than `limit` (the remembered published
    /// checkpoint), its line ends at the remembered offset of `checkpoints.jsonl`, the line ending at
    /// the remembered offset of `events.jsonl` has seq size-1 and the remembered hash, and the
    /// remembered compact range has the checkpoint's root. nil (check the whole log) otherwise.
    func resumePoint(
        _ resume: CheckpointMemory.ResumePoint, upTo limit: Int64, verifier: NoteVerifierKey, origin: String,
        events: POSIXFile, history: POSIXFile
    ) throws -> Point? {
        guard case .verified(let body) = SignedNote.open(resume.note, verifier: verifier),
            let checkpoint = try? Checkpoint(parsingBody: body), checkpoint.origin == origin,
            checkpoint.size >= 1, checkpoint.size <= limit,
            let tree = MerkleAccumulator(size: checkpoint.size, peaks: resume.peaks), tree.root == checkpoint.rootHash
        else { return nil }
        let line = CheckpointFiles.historyLine(note: resume.note)
        let lineStart = resume.checkpointsBytes - Int64(line.count)
        guard lineStart >= 0, resume.checkpointsBytes <= (try history.size()),
            try history.read(count: line.count, at: lineStart) == line,
            resume.eventsBytes <= (try events.size())
        else { return nil }
        let locator = LineLocator(file: events, end: resume.eventsBytes)
        let lastLineOffset = try locator.lineStart(endingAt: resume.eventsBytes)
        let lastLine = try events.read(
            count: Int(resume.eventsBytes - lastLineOffset), at: lastLineOffset)
        guard lastLine.last == UInt8(ascii: "\n") else { return nil }
        let bytes = lastLine.dropLast()
        guard let skim = bytes.withUnsafeBytes({ EntrySkim($0) }), skim.seq == checkpoint.size - 1,
            Merkle.leafHash(Array(bytes)) == resume.lastHash
        else { return nil }
        return Point(end: resume.eventsBytes, lastLineOffset: lastLineOffset, lastHash: resume.lastHash, tree: tree)
    }

    /// One streaming pass over `events.jsonl` from `start`: checks seq and prev of each line
    /// before `target` entries and adds it to the tree, recording the log at each size in
    /// `marks`; counts the lines after them.
    func scan(from start: Point, target: Int64, marks: Set<Int64>) throws -> Scan {
        var scan = Scan()
        var point = start
        if marks.contains(point.tree.size) { scan.marks[point.tree.size] = point }
        var seq = point.tree.size
        let partial: LineReader.PartialTail?
        do {
            partial = try LineReader(path: location.eventsPath, startOffset: start.end, firstLineNumber: seq + 1)
                .forEachLine { line in
                    defer { seq += 1 }
                    guard seq < target else { return }
                    // The skim reads seq and prev without parsing the line: a full canonical
                    // check of every line would not fit the 2 s budget for a million entries.
                    // Any change to a line still fails the signed root; `verify` checks every
                    // line fully.
                    guard let skim = EntrySkim(line.bytes) else {
                        throw LogStoreError.corrupt(
                            "entry \(seq) is not a well-formed entry line",
                            location: "events.jsonl offset \(line.offset)")
                    }
                    guard skim.seq == seq else {
                        throw LogStoreError.corrupt(
                            "expected seq \(seq), found seq \(skim.seq)", location: "events.jsonl offset \(line.offset)")
                    }
                    guard skim.prev(in: line.bytes, equals: point.lastHash) else {
                        throw LogStoreError.corrupt(
                            "entry \(seq)'s prev is not the hash of entry \(seq - 1)",
                            location: "events.jsonl offset \(line.offset)")
                    }
                    let hash = Merkle.leafHash(line.bytes)
                    point.tree.append(hash)
                    point.lastHash = hash
                    point.lastLineOffset = line.offset
                    point.end = line.offset + Int64(line.bytes.count) + 1
                    if marks.contains(point.tree.size) { scan.marks[point.tree.size] = point }
                }
        } catch let error as LineReadError {
            throw LogStoreError(
                code: LogStoreError.ioCode, reason: "reading events.jsonl failed: \(error)",
                location: location.eventsPath)
        }
        scan.completeLines = seq
        scan.partialLine = partial != nil
        return scan
    }
}

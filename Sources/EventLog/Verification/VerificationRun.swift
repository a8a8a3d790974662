import LogCrypto

/// One verification of one store: streams events.jsonl through an `EntryChain` and matches each
/// signed checkpoint (and the saved one) when the streamed prefix reaches its size.
final class VerificationRun {
    /// How often progress is reported, in bytes of events.jsonl.
    static let progressInterval: Int64 = 16 << 20

    private let verifier: StoreVerifier
    private let progress: ((VerificationProgress) -> Void)?
    private let events: LineStream
    private(set) var summary: VerificationSummary

    private var chain = EntryChain()
    private var history: CheckpointHistory?
    /// The saved checkpoint, until the log reaches its size.
    private var saved: Commitment?
    /// The largest checkpoint size matched so far, and where the line after it starts.
    private var proven: (size: Int64, nextOffset: Int64) = (0, 0)
    /// The first line no checkpoint covers, once the last checkpoint has been matched.
    private var unsignedTail: (line: Int64, seq: Int64, offset: Int64)?
    /// A final line without "\n".
    private var partialLine: (line: Int64, offset: Int64, byteCount: Int64)?
    private var nextProgress = VerificationRun.progressInterval

    init(verifier: StoreVerifier, progress: ((VerificationProgress) -> Void)?) throws(VerificationError) {
        let directory = verifier.storeDirectory
        guard StoreFiles.isDirectory(directory) else {
            throw VerificationError(code: "store.missing", reason: "no such store directory", path: directory)
        }
        let eventsPath = StoreFiles.path(directory, StoreFiles.events)
        guard let events = try LineStream(path: eventsPath) else {
            throw VerificationError(code: "store.missing", reason: "no events.jsonl: not a store", path: eventsPath)
        }
        self.verifier = verifier
        self.progress = progress
        self.events = events
        if case .pinned(let key) = verifier.keyTrust {
            summary = VerificationSummary(store: directory, keyPinned: true)
            summary.verifierKey = key.stringValue
        } else {
            summary = VerificationSummary(store: directory, keyPinned: false)
        }
        summary.recovered = StoreFiles.recoveredFiles(in: directory)
    }

    /// Runs every check; returns the first failure, or `nil` if the store is intact.
    func execute() throws(VerificationError) -> VerificationFailure? {
        let failure = try checkStore()
        summary.entries = chain.size
        summary.subjects = chain.subjects.count
        summary.firstAt = chain.firstAt
        summary.lastAt = chain.lastAt
        summary.headHash = chain.size > 0 ? chain.head : nil
        summary.root = chain.size > 0 ? chain.tree.root : nil
        summary.bytesRead = events.bytesConsumed
        return failure
    }

    private func checkStore() throws(VerificationError) -> VerificationFailure? {
        let directory = verifier.storeDirectory
        let checkpointPath = StoreFiles.path(directory, StoreFiles.checkpoint)
        guard let checkpointFile = try StoreFiles.readSmallFile(checkpointPath) else {
            return VerificationFailure(
                check: .checkpointMissing, file: StoreFiles.checkpoint, expected: "the latest signed checkpoint",
                found: "no checkpoint file", message: "Without a signed checkpoint nothing vouches for the log.")
        }
        guard let historyLines = try LineStream(path: StoreFiles.path(directory, StoreFiles.checkpoints)) else {
            return VerificationFailure(
                check: .checkpointsMissing, file: StoreFiles.checkpoints, expected: "every checkpoint ever issued",
                found: "no checkpoints.jsonl file", message: "The history of signed checkpoints is missing.")
        }

        guard let created = try readFirstLine() else { return firstLineFailure }
        summary.origin = created.origin
        let key: NoteVerifierKey
        switch verifier.keyTrust {
        case .pinned(let pinned):
            guard pinned == created.verifierKey else {
                return VerificationFailure(
                    check: .keyMismatch, file: StoreFiles.events, line: 1, seq: 0, byteOffset: 0,
                    expected: pinned.stringValue, found: created.verifierKey.stringValue,
                    message: "log.created records another verifier key than the one you pinned: the store was "
                        + "created, or re-created and re-signed, under another key.")
            }
            key = pinned
        case .logCreatedKey:
            key = created.verifierKey
            summary.verifierKey = key.stringValue
        }

        if let savedCheckpoint = verifier.savedCheckpoint {
            // Not a signed note at all: the auditor passed the wrong file, which is a usage problem.
            if case .malformed(let reason) = SignedNote.open(savedCheckpoint.note, verifier: key) {
                throw VerificationError(
                    code: "saved.invalid", reason: "not a signed checkpoint note (\(reason))", path: savedCheckpoint.source)
            }
            switch CheckpointNote.open(
                savedCheckpoint.note, key: key, origin: created.origin, signatureCheck: .savedSignature,
                bodyCheck: .savedSignature)
            {
            case .success(let checkpoint):
                saved = Commitment(size: checkpoint.size, root: checkpoint.rootHash, line: 0)
            case .failure(let problem):
                return VerificationFailure(
                    check: problem.check, file: savedCheckpoint.source, expected: problem.expected,
                    found: problem.found, message: "Your saved checkpoint: " + problem.message)
            }
        }

        let history = CheckpointHistory(lines: historyLines, key: key, origin: created.origin)
        self.history = history
        if let failure = try history.advance() { return failure }
        guard history.pending != nil else {
            return VerificationFailure(
                check: .checkpointsMissing, file: StoreFiles.checkpoints, line: 1, byteOffset: 0,
                expected: "at least one signed checkpoint", found: "an empty file",
                message: "No checkpoint was ever recorded, so nothing vouches for the log.")
        }
        if let failure = try settleCommitments(lineNumber: 1) { return failure }

        while let item = try events.next() {
            switch item {
            case .line(let bytes, let offset, let number):
                if let failure = chain.append(bytes, offset: offset, number: number) {
                    return unsignedTail != nil ? unsignedTailFailure(alsoBroken: failure) : failure
                }
                if let failure = try settleCommitments(lineNumber: number) { return failure }
                reportProgress()
            case .unterminated(let offset, let byteCount, let number):
                partialLine = (number, offset, byteCount)
            case .tooLong(let offset, let number):
                let failure = tooLongFailure(offset: offset, number: number)
                return unsignedTail != nil ? unsignedTailFailure(alsoBroken: failure) : failure
            }
        }
        return finalChecks(checkpointFile: checkpointFile, history: history)
    }

    // MARK: Line 1

    private var firstLineFailure: VerificationFailure?

    /// Reads and checks line 1, which must be `log.created`; `nil` (and `firstLineFailure`) if it fails.
    private func readFirstLine() throws(VerificationError) -> LogCreated? {
        switch try events.next() {
        case nil:
            firstLineFailure = VerificationFailure(
                check: .logEmpty, file: StoreFiles.events, line: 1, seq: 0, byteOffset: 0,
                expected: "line 1: log.created", found: "an empty file", message: "The log has no entries.")
        case .unterminated(let offset, let byteCount, let number):
            firstLineFailure = partialLineFailure(line: number, offset: offset, byteCount: byteCount)
        case .tooLong(let offset, let number):
            firstLineFailure = tooLongFailure(offset: offset, number: number)
        case .line(let bytes, let offset, let number):
            firstLineFailure = chain.append(bytes, offset: offset, number: number)
        }
        return firstLineFailure == nil ? chain.logCreated : nil
    }

    // MARK: Checkpoints

    /// Matches every pending checkpoint whose size the log has reached, reading the next ones.
    private func settleCommitments(lineNumber: Int64) throws(VerificationError) -> VerificationFailure? {
        guard let history else { return nil }
        var root: SHA256Digest?
        func prefixRoot(_ size: Int64) -> SHA256Digest {
            if size == 0 { return Merkle.root(of: []) }
            precondition(size == chain.size, "checkpoints are matched as soon as the log reaches their size")
            if let root { return root }
            let computed = chain.tree.root
            root = computed
            return computed
        }

        if let pending = saved, pending.size <= chain.size {
            let actual = prefixRoot(pending.size)
            guard actual == pending.root else {
                return VerificationFailure(
                    check: .savedRoot, file: StoreFiles.events, line: lineNumber, seq: chain.size - 1,
                    byteOffset: chain.lastLineOffset, expected: pending.root.hex, found: actual.hex,
                    message: "The first \(pending.size) entries (lines 1 to \(pending.size)) do not hash to the root "
                        + "of the checkpoint you saved: the log was rewritten since you saved it.")
            }
            summary.savedCheckpointSize = pending.size
            saved = nil
        }

        while let pending = history.pending, pending.size <= chain.size {
            let actual = prefixRoot(pending.size)
            guard actual == pending.root else { return rootMismatch(pending, actual: actual) }
            summary.checkpointsVerified += 1
            summary.checkpointSize = pending.size
            proven = (pending.size, pending.size == 0 ? 0 : chain.endOffset)
            if let failure = try history.advance() { return failure }
        }
        if history.pending == nil, unsignedTail == nil, chain.size > (history.lastSize ?? 0) {
            unsignedTail = (lineNumber, chain.size - 1, chain.lastLineOffset)
        }
        return nil
    }

    private func rootMismatch(_ checkpoint: Commitment, actual: SHA256Digest) -> VerificationFailure {
        let first = proven.size + 1
        let lines = first == checkpoint.size ? "Line \(first)" : "Somewhere in lines \(first) to \(checkpoint.size)"
        let established =
            proven.size > 0 ? " (the first \(proven.size) match an earlier checkpoint)" : ""
        return VerificationFailure(
            check: .checkpointsRoot, file: StoreFiles.events, line: first, seq: first - 1,
            byteOffset: proven.nextOffset, expected: checkpoint.root.hex, found: actual.hex,
            message: "The first \(checkpoint.size) entries do not hash to the root signed in checkpoint "
                + "\(history?.count ?? 0) (checkpoints.jsonl line \(checkpoint.line))\(established). "
                + "\(lines): an entry differs from the one that was signed, even though the hash links agree.")
    }

    // MARK: The end of the log

    private func finalChecks(checkpointFile: [UInt8], history: CheckpointHistory) -> VerificationFailure? {
        if unsignedTail != nil { return unsignedTailFailure(alsoBroken: nil) }
        if let partialLine {
            return partialLineFailure(line: partialLine.line, offset: partialLine.offset, byteCount: partialLine.byteCount)
        }
        if let pending = history.pending {
            return VerificationFailure(
                check: .logTruncated, file: StoreFiles.events, line: chain.size + 1, seq: chain.size,
                byteOffset: chain.endOffset, expected: "at least \(pending.size) entries", found: "\(chain.size) entries",
                message: "The log ends before the size signed in checkpoints.jsonl line \(pending.line): "
                    + "entries were removed from its end.")
        }
        if let lastNote = history.lastNote, checkpointFile != Array(lastNote.utf8) {
            return VerificationFailure(
                check: .checkpointDiffers, file: StoreFiles.checkpoint,
                expected: "the last note of checkpoints.jsonl (size \(history.lastSize ?? 0))",
                found: "a different text",
                message: "The checkpoint file must be a copy of the latest checkpoint issued.")
        }
        if let pending = saved {
            return VerificationFailure(
                check: .savedBeyondLog, file: StoreFiles.events, line: chain.size + 1, seq: chain.size,
                byteOffset: chain.endOffset, expected: "at least \(pending.size) entries (your saved checkpoint)",
                found: "\(chain.size) entries",
                message: "The log is shorter than a checkpoint you saved earlier: it was rolled back to an older "
                    + "state, with its checkpoints.")
        }
        return nil
    }

    private func unsignedTailFailure(alsoBroken: VerificationFailure?) -> VerificationFailure {
        let tail = unsignedTail!
        let signed = history?.lastSize ?? 0
        let extra =
            alsoBroken.map { " Line \($0.line ?? 0) after it is also malformed (\($0.check.rawValue))." }
            ?? " The log has \(chain.size - signed) such entries (lines \(tail.line) to \(chain.size))."
        return VerificationFailure(
            check: .logUnsignedTail, file: StoreFiles.events, line: tail.line, seq: tail.seq, byteOffset: tail.offset,
            expected: "\(signed) entries (the size of the latest checkpoint)", found: "more entries",
            message: "No signed checkpoint covers this entry or those after it: anyone could have appended them."
                + extra)
    }

    private func partialLineFailure(line: Int64, offset: Int64, byteCount: Int64) -> VerificationFailure {
        VerificationFailure(
            check: .logPartialLine, file: StoreFiles.events, line: line, seq: chain.size, byteOffset: offset,
            expected: "a line ending in \"\\n\"", found: "\(byteCount) bytes with no \"\\n\"",
            message: "events.jsonl ends in the middle of a line: a write was interrupted and not recovered, "
                + "or the file was cut.")
    }

    private func tooLongFailure(offset: Int64, number: Int64) -> VerificationFailure {
        VerificationFailure(
            check: .entryEncoding, file: StoreFiles.events, line: number, seq: chain.size, byteOffset: offset,
            expected: "a line of at most \(LineStream.maxLineLength) bytes", found: "a longer line",
            message: "The line is longer than any entry format v1 allows.")
    }

    private func reportProgress() {
        guard let progress, events.bytesConsumed >= nextProgress else { return }
        nextProgress = events.bytesConsumed + Self.progressInterval
        progress(VerificationProgress(bytesRead: events.bytesConsumed, totalBytes: events.fileSize, entries: chain.size))
    }
}

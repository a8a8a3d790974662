import LogCrypto

/// One verification of one store: streams events.jsonl through an `EntryChain` and matches each
/// signed checkpoint (and the saved one) when the streamed prefix reaches its size.
final class VerificationRun {
    /// Why a run stopped early: the store failed a check, or verification could not go on.
    enum Stop: Error {
        case failed(VerificationFailure)
        case cannotRun(VerificationError)
    }

    /// How often progress is reported, in bytes of events.jsonl.
    static let progressInterval: Int64 = 16 << 20

    let verifier: StoreVerifier
    let progress: ((VerificationProgress) -> Void)?
    let events: LineStream<SHA256Digest>
    var summary: VerificationSummary

    var chain = EntryChain()
    var history: CheckpointHistory?
    /// The saved checkpoint, until the log reaches its size.
    var saved: Commitment?
    /// The largest checkpoint size matched so far, and where the line after it starts.
    var proven: (size: Int64, nextOffset: Int64) = (0, 0)
    /// The first line no checkpoint covers, once the last checkpoint has been matched.
    var unsignedTail: (line: Int64, seq: Int64, offset: Int64)?
    /// A final line without "\n".
    var partialLine: (line: Int64, offset: Int64, byteCount: Int64)?
    /// The log size at which `settleCommitments` next has something to do.
    var nextSettlement: Int64 = 0
    private var nextProgress = VerificationRun.progressInterval

    init(verifier: StoreVerifier, progress: ((VerificationProgress) -> Void)?) throws(VerificationError) {
        let directory = verifier.storeDirectory
        guard POSIXFile.isDirectory(directory) else {
            throw VerificationError(code: "store.missing", reason: "no such store directory", path: directory)
        }
        let eventsPath = StoreFiles.path(directory, StoreFiles.events)
        guard let events = try LineStream(path: eventsPath, prepare: { Merkle.leafHash($0) }) else {
            throw VerificationError(code: "store.missing", reason: "no events.jsonl: not a store", path: eventsPath)
        }
        self.verifier = verifier
        self.progress = progress
        self.events = events
        summary = VerificationSummary(store: directory, keyPinned: false)
        if case .pinned(let key) = verifier.keyTrust {
            summary.keyPinned = true
            summary.verifierKey = key.stringValue
        }
        summary.recovered = StoreFiles.recoveredFiles(in: directory)
    }

    /// Runs every check; returns the first failure, or `nil` if the store is intact.
    func execute() throws(VerificationError) -> VerificationFailure? {
        var failure: VerificationFailure?
        do {
            try checkStore()
        } catch {
            switch error {
            case .failed(let first): failure = first
            case .cannotRun(let problem): throw problem
            }
        }
        summary.entries = chain.size
        (summary.subjects, summary.subjectsExact) = chain.subjects.value
        summary.firstAt = chain.firstAt
        summary.lastAt = chain.lastAt
        summary.headHash = chain.size > 0 ? chain.head : nil
        summary.root = chain.size > 0 ? chain.tree.root : nil
        summary.bytesRead = events.bytesConsumed
        return failure
    }

    /// The checks in the order docs/format.md section 10 gives.
    private func checkStore() throws(Stop) {
        let checkpointFile = try readCheckpointFile()
        let historyPath = StoreFiles.path(verifier.storeDirectory, StoreFiles.checkpoints)
        guard POSIXFile.exists(historyPath) else { throw .failed(missingCheckpointHistory()) }
        let created = try readFirstLine()
        summary.origin = created.origin
        let key = try trustedKey(created)
        try openSavedCheckpoint(key: key, origin: created.origin)

        let history = try openCheckpointHistory(historyPath, key: key, origin: created.origin)
        self.history = history
        try advance(history)
        guard history.pending != nil else { throw .failed(noCheckpoint()) }
        try settleCommitments(lineNumber: 1)

        try streamLines()
        try finalChecks(checkpointFile: checkpointFile, history: history)
    }

    // MARK: Before the stream

    private func readCheckpointFile() throws(Stop) -> [UInt8] {
        let path = StoreFiles.path(verifier.storeDirectory, StoreFiles.checkpoint)
        let bytes: [UInt8]?
        do {
            bytes = try StoreFiles.readSmallFile(path)
        } catch {
            throw .cannotRun(error)
        }
        guard let bytes else { throw .failed(missingCheckpoint()) }
        return bytes
    }

    private func openCheckpointHistory(_ path: String, key: NoteVerifierKey, origin: String) throws(Stop)
        -> CheckpointHistory
    {
        let history: CheckpointHistory?
        do {
            history = try CheckpointHistory(path: path, key: key, origin: origin)
        } catch {
            throw .cannotRun(error)
        }
        guard let history else { throw .failed(missingCheckpointHistory()) }
        return history
    }

    /// Line 1, which must be `log.created`.
    private func readFirstLine() throws(Stop) -> LogCreated {
        switch try nextEvent() {
        case nil:
            throw .failed(emptyLog())
        case .unterminated(let offset, let byteCount, let number):
            throw .failed(partialLineFailure(line: number, offset: offset, byteCount: byteCount))
        case .tooLong(let offset, let number):
            throw .failed(tooLongFailure(offset: offset, number: number))
        case .line(let bytes, let offset, let number, prepared: let entryHash):
            do {
                try chain.append(bytes, offset: offset, number: number, entryHash: entryHash)
            } catch {
                throw .failed(error)
            }
        }
        return chain.logCreated!
    }

    /// The pinned key, which `log.created` must record, or else the key `log.created` records.
    private func trustedKey(_ created: LogCreated) throws(Stop) -> NoteVerifierKey {
        switch verifier.keyTrust {
        case .pinned(let pinned):
            guard pinned == created.verifierKey else { throw .failed(keyMismatch(pinned, created.verifierKey)) }
            return pinned
        case .logCreatedKey:
            summary.verifierKey = created.verifierKey.stringValue
            return created.verifierKey
        }
    }

    private func openSavedCheckpoint(key: NoteVerifierKey, origin: String) throws(Stop) {
        guard let savedCheckpoint = verifier.savedCheckpoint else { return }
        // Not a signed note at all: the auditor passed the wrong file, which is a usage problem.
        if case .malformed(let reason) = SignedNote.open(savedCheckpoint.note, verifier: key) {
            throw .cannotRun(
                VerificationError(
                    code: "saved.invalid", reason: "not a signed checkpoint note (\(reason))",
                    path: savedCheckpoint.source))
        }
        switch CheckpointNote.open(
            savedCheckpoint.note, key: key, origin: origin, signatureCheck: .savedSignature,
            bodyCheck: .savedSignature)
        {
        case .success(let checkpoint):
            saved = Commitment(size: checkpoint.size, root: checkpoint.rootHash, line: 0)
        case .failure(let problem):
            throw .failed(
                VerificationFailure(
                    check: problem.check, file: savedCheckpoint.source, expected: problem.expected,
                    found: problem.found, message: "Your saved checkpoint: " + problem.message))
        }
    }

    // MARK: The stream

    /// Lines 2 and on, each checked and added to the tree, checkpoints matched as their sizes pass.
    private func streamLines() throws(Stop) {
        while let item = try nextEvent() {
            switch item {
            case .line(let bytes, let offset, let number, prepared: let entryHash):
                do {
                    try chain.append(bytes, offset: offset, number: number, entryHash: entryHash)
                } catch {
                    throw .failed(unsignedTail != nil ? unsignedTailFailure(alsoBroken: error) : error)
                }
                if chain.size >= nextSettlement { try settleCommitments(lineNumber: number) }
                if progress != nil { reportProgress() }
            case .unterminated(let offset, let byteCount, let number):
                partialLine = (number, offset, byteCount)
            case .tooLong(let offset, let number):
                let failure = tooLongFailure(offset: offset, number: number)
                throw .failed(unsignedTail != nil ? unsignedTailFailure(alsoBroken: failure) : failure)
            }
        }
    }

    private func nextEvent() throws(Stop) -> LineStream<SHA256Digest>.Item? {
        do {
            return try events.next()
        } catch {
            throw .cannotRun(error)
        }
    }

    /// Reads the next checkpoint of checkpoints.jsonl into `history.pending`.
    func advance(_ history: CheckpointHistory) throws(Stop) {
        let failure: VerificationFailure?
        do {
            failure = try history.advance()
        } catch {
            throw .cannotRun(error)
        }
        if let failure { throw .failed(failure) }
    }

    /// Matches every pending checkpoint whose size the log has reached, reading the next ones.
    private func settleCommitments(lineNumber: Int64) throws(Stop) {
        guard let history else { return }
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
                throw .failed(savedRootMismatch(pending, actual: actual, lineNumber: lineNumber))
            }
            summary.savedCheckpointSize = pending.size
            saved = nil
        }
        while let pending = history.pending, pending.size <= chain.size {
            let actual = prefixRoot(pending.size)
            guard actual == pending.root else { throw .failed(rootMismatch(pending, actual: actual)) }
            summary.checkpointsVerified += 1
            summary.checkpointSize = pending.size
            proven = (pending.size, pending.size == 0 ? 0 : chain.endOffset)
            try advance(history)
        }
        if history.pending == nil, unsignedTail == nil, chain.size > (history.lastSize ?? 0) {
            unsignedTail = (lineNumber, chain.size - 1, chain.lastLineOffset)
        }
        nextSettlement = min(saved?.size ?? .max, history.pending?.size ?? .max)
        if history.pending == nil, unsignedTail == nil {
            nextSettlement = min(nextSettlement, (history.lastSize ?? 0) + 1)
        }
    }

    // MARK: The end of the log

    private func finalChecks(checkpointFile: [UInt8], history: CheckpointHistory) throws(Stop) {
        if unsignedTail != nil { throw .failed(unsignedTailFailure(alsoBroken: nil)) }
        if let partialLine {
            throw .failed(
                partialLineFailure(line: partialLine.line, offset: partialLine.offset, byteCount: partialLine.byteCount)
            )
        }
        if let pending = history.pending { throw .failed(truncated(before: pending)) }
        if let lastNote = history.lastNote, checkpointFile != Array(lastNote.utf8) {
            throw .failed(checkpointDiffers(lastSize: history.lastSize ?? 0))
        }
        if let pending = saved { throw .failed(savedBeyondLog(pending)) }
        try checkRecoveredFiles()
    }

    private func reportProgress() {
        guard let progress, events.bytesConsumed >= nextProgress else { return }
        nextProgress = events.bytesConsumed + Self.progressInterval
        progress(
            VerificationProgress(bytesRead: events.bytesConsumed, totalBytes: events.fileSize, entries: chain.size))
    }
}

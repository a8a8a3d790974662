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
    /// In snapshot mode (a writer is active): the `checkpoint` file's bytes and the size of
    /// checkpoints.jsonl, both read before events.jsonl was opened; `nil` for a store at rest.
    let snapshot: (checkpointFile: [UInt8]?, historySize: Int64?)?
    /// In snapshot mode, the `checkpoint` file's checkpoint until the log reaches its size.
    var fileCheckpoint: Commitment?
    /// In snapshot mode, set once every checkpoint of the snapshot is matched: reading stops there.
    var snapshotReached = false
    private var nextProgress = VerificationRun.progressInterval

    init(verifier: StoreVerifier, progress: ((VerificationProgress) -> Void)?) throws(VerificationError) {
        let directory = verifier.storeDirectory
        guard POSIXFile.isDirectory(directory) else {
            throw VerificationError(code: "store.missing", reason: "no such store directory", path: directory)
        }
        // In snapshot mode the order matters: the writer syncs events before it appends the checkpoint
        // covering them, and appends that before it replaces `checkpoint`; reading in the opposite
        // order means events.jsonl holds every entry the checkpoints read cover.
        if verifier.writerActivity == .assumeActive || StoreLock.isHeld(storeDirectory: directory) {
            let checkpointFile = try StoreFiles.readSmallFile(StoreFiles.path(directory, StoreFiles.checkpoint))
            let historySize = try StoreFiles.sizeIfPresent(StoreFiles.path(directory, StoreFiles.checkpoints))
            snapshot = (checkpointFile, historySize)
        } else {
            snapshot = nil
        }
        let eventsPath = StoreFiles.path(directory, StoreFiles.events)
        let stream = try LineStream(path: eventsPath, concurrentPrepare: true, prepare: { Merkle.leafHash($0) })
        guard let events = stream else {
            throw VerificationError(code: "store.missing", reason: "no events.jsonl: not a store", path: eventsPath)
        }
        self.verifier = verifier
        self.progress = progress
        self.events = events
        summary = VerificationSummary(store: directory, keyPinned: false)
        summary.writerActive = snapshot != nil
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
        if snapshot != nil, failure == nil { summary.pendingBytes = max(0, events.fileSize - events.bytesConsumed) }
        return failure
    }

    /// The checks in the order docs/format.md section 10 gives.
    private func checkStore() throws(Stop) {
        let checkpointFile: [UInt8]
        if let snapshot {
            guard let bytes = snapshot.checkpointFile else { throw .failed(missingCheckpoint()) }
            checkpointFile = bytes
        } else {
            checkpointFile = try readCheckpointFile()
        }
        let historyPath = StoreFiles.path(verifier.storeDirectory, StoreFiles.checkpoints)
        guard POSIXFile.exists(historyPath) else { throw .failed(missingCheckpointHistory()) }
        let created = try readFirstLine()
        summary.origin = created.origin
        let key = try trustedKey(created)
        try openSavedCheckpoint(key: key, origin: created.origin)
        if snapshot != nil { try openCheckpointFile(checkpointFile, key: key, origin: created.origin) }

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
            history = try CheckpointHistory(
                path: path, key: key, origin: origin, snapshotSize: snapshot.map { $0.historySize ?? 0 })
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

    /// In snapshot mode, the `checkpoint` file must be a checkpoint of this log signed by the key;
    /// its root is matched when the log reaches its size (it may be older than the snapshot).
    private func openCheckpointFile(_ bytes: [UInt8], key: NoteVerifierKey, origin: String) throws(Stop) {
        switch CheckpointNote.open(String(decoding: bytes, as: UTF8.self), key: key, origin: origin) {
        case .success(let checkpoint):
            fileCheckpoint = Commitment(size: checkpoint.size, root: checkpoint.rootHash, line: 0)
        case .failure(let problem):
            throw .failed(
                VerificationFailure(
                    check: .checkpointDiffers, file: StoreFiles.checkpoint, expected: problem.expected,
                    found: problem.found, message: "The checkpoint file: " + problem.message))
        }
    }

    // MARK: The stream

    /// Lines 2 and on, each checked and added to the tree, checkpoints matched as their sizes pass.
    private func streamLines() throws(Stop) {
        while !snapshotReached, let item = try nextEvent() {
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
        if let pending = fileCheckpoint, pending.size <= chain.size {
            guard prefixRoot(pending.size) == pending.root else {
                throw .failed(checkpointDiffers(lastSize: pending.size))
            }
            fileCheckpoint = nil
        }
        while let pending = history.pending, pending.size <= chain.size {
            let actual = prefixRoot(pending.size)
            guard actual == pending.root else { throw .failed(rootMismatch(pending, actual: actual)) }
            summary.checkpointsVerified += 1
            summary.checkpointSize = pending.size
            proven = (pending.size, pending.size == 0 ? 0 : chain.endOffset)
            try advance(history)
        }
        if snapshot != nil, history.pending == nil {
            snapshotReached = true
            return
        }
        if history.pending == nil, unsignedTail == nil, chain.size > (history.lastSize ?? 0) {
            unsignedTail = (lineNumber, chain.size - 1, chain.lastLineOffset)
        }
        nextSettlement = min(saved?.size ?? .max, history.pending?.size ?? .max, fileCheckpoint?.size ?? .max)
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
        if snapshot != nil {
            if let pending = fileCheckpoint {
                summary.checkpointFileSkipped =
                    "the checkpoint file (size \(pending.size)) is newer than the snapshot: the writer replaced it"
            }
        } else if let lastNote = history.lastNote, checkpointFile != Array(lastNote.utf8) {
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

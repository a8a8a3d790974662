import LogCrypto

/// The single writer of a log store, with group commit.
///
/// Many tasks may call ``append(_:)`` or ``transact(_:)`` concurrently. Each call's entries are
/// staged in log order on the actor; whatever arrives while earlier batches are being made
/// durable forms the next batch, which is written with one write and one fdatasync of
/// `events.jsonl`. Once the events are durable (in order), one newly signed checkpoint covers
/// every durable entry: appended to `checkpoints.jsonl`, fdatasynced, renamed into
/// `checkpoint`. Only then do those callers resume: an acknowledged event is never lost, and no
/// checkpoint ever claims entries that are not durable. Up to two fdatasyncs per file overlap,
/// so the next batch is written while the previous one is still being flushed.
///
/// Time: each entry's `at` comes from the injected ``LogClock``, never from the caller, and is
/// non-decreasing along the log: if the clock reads earlier than the previous entry's `at`,
/// the previous entry's `at` is used again.
///
/// If a batch cannot be made durable, the writer is poisoned: that batch's callers and every
/// later call get an error, and the store must be reopened (recovery then sets aside whatever
/// was written but never acknowledged).
///
/// One writer per store: the store's `.lock` file is held with flock(2) while the writer is
/// open, so a second writer - in this process or another - gets a `store.locked` error.
public actor LogWriter {
    /// Where the store and its secrets live.
    public nonisolated let location: StoreLocation
    /// The log's name, as in its checkpoints (C2SP tlog-checkpoint origin line).
    public nonisolated let origin: String
    /// The key that verifies this log's checkpoints, as recorded in its `log.created` entry.
    public nonisolated let verifierKey: NoteVerifierKey

    private let clock: any LogClock
    private let committer: BatchCommitter
    private var lockFile: POSIXFile?

    // Staged state: includes entries not yet durable.
    private var nextSeq: Int64
    private var lastHash: SHA256Digest
    private var lastAt: Timestamp
    private var tree: MerkleAccumulator
    private var pendingLines: [UInt8] = []
    private var pendingWaiters: [CheckedContinuation<Void, any Error>] = []

    /// The number of durable entries: those covered by the latest signed checkpoint.
    public private(set) var size: Int64
    /// The latest signed checkpoint note (C2SP signed note text), covering ``size`` entries.
    public private(set) var latestCheckpointNote: String

    /// Callers waiting for one step of the pipeline, with the log size their entries reach.
    private struct Waiting {
        var size: Int64
        var root: SHA256Digest
        var waiters: [CheckedContinuation<Void, any Error>]
        var synced = false
        /// For a checkpoint: the signed note, once synced.
        var note: String?
    }

    // Stage 1: batches written to events.jsonl whose fdatasync is in flight, in log order.
    private var eventSyncs: [Waiting] = []
    // Events durable (stage 1 done, in order) and the callers now waiting for a checkpoint.
    private var durableSize: Int64
    private var durableRoot: SHA256Digest
    private var awaitingCheckpoint: [CheckedContinuation<Void, any Error>] = []
    // Stage 2: checkpoints appended to checkpoints.jsonl whose fdatasync is in flight, in order.
    private var checkpointSyncs: [Waiting] = []
    /// How many fdatasyncs of one file may be in flight at once. Overlapping them lets the next
    /// batch start while the previous one is still being flushed.
    private static let syncsInFlight = 2

    private var failure: LogStoreError?
    private var closed = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// The writer's state after create/open: the log is durable up to `size`, nothing pending.
    struct State {
        var size: Int64
        var lastHash: SHA256Digest
        var lastAt: Timestamp
        var tree: MerkleAccumulator
        var latestNote: String
    }

    init(
        location: StoreLocation,
        origin: String,
        verifierKey: NoteVerifierKey,
        clock: any LogClock,
        committer: BatchCommitter,
        lockFile: POSIXFile,
        state: State
    ) {
        self.location = location
        self.origin = origin
        self.verifierKey = verifierKey
        self.clock = clock
        self.committer = committer
        self.lockFile = lockFile
        self.nextSeq = state.size
        self.lastHash = state.lastHash
        self.lastAt = state.lastAt
        self.tree = state.tree
        self.size = state.size
        self.durableSize = state.size
        self.durableRoot = state.tree.root
        self.latestCheckpointNote = state.latestNote
    }

    /// Appends `drafts` atomically - all get consecutive seqs in one batch, or none is written -
    /// and returns the stored entries once they are durable and covered by a signed checkpoint.
    ///
    /// Throws a `draft.invalid` ``LogStoreError`` naming the field (for example
    /// `drafts[1].actor.id`) if any draft is invalid; nothing is written then.
    @discardableResult
    public func append(_ drafts: [EventDraft]) async throws -> [LogEntry] {
        try await transact { transaction in try transaction.append(contentsOf: drafts) }.entries
    }

    /// Appends one draft; see ``append(_:)``.
    @discardableResult
    public func append(_ draft: EventDraft) async throws -> LogEntry {
        try await append([draft])[0]
    }

    /// Runs `body` on the writer, in log order, then waits until what it appended is durable.
    ///
    /// `body` runs synchronously and sees every entry staged before it (durable or not) through
    /// the application's own state, the seq its first entry will get, and the `at` its entries
    /// will carry. It appends drafts to the transaction and returns a result. If `body` throws,
    /// nothing is staged and the error is rethrown. If it appends nothing, the call returns at
    /// once.
    public func transact<R: Sendable>(
        _ body: @Sendable (inout LogTransaction) throws -> R
    ) async throws -> (result: R, entries: [LogEntry]) {
        try await transact(allowReservedTypes: false, body)
    }

    func transact<R: Sendable>(
        allowReservedTypes: Bool,
        _ body: (inout LogTransaction) throws -> R
    ) async throws -> (result: R, entries: [LogEntry]) {
        try checkUsable()
        let now = clock.now()
        var transaction = LogTransaction(
            nextSeq: nextSeq,
            prev: lastHash,
            at: now < lastAt ? lastAt : now,
            allowReservedTypes: allowReservedTypes
        )
        let result = try body(&transaction)
        guard !transaction.entries.isEmpty else { return (result, []) }
        stage(transaction)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pendingWaiters.append(continuation)
            pump()
        }
        return (result, transaction.entries)
    }

    /// Waits for pending batches, makes the `checkpoint` file durable, and releases the lock.
    /// Later calls fail with `store.closed`.
    public func close() async {
        guard !closed else { return }
        closed = true
        while !isIdle {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        if failure == nil { await committer.finish(latestNote: latestCheckpointNote) }
        lockFile = nil
    }

    private func checkUsable() throws {
        if let failure { throw failure }
        if closed {
            throw LogStoreError(
                code: LogStoreError.closedCode, reason: "the writer was closed", location: location.storePath)
        }
    }

    private func stage(_ transaction: LogTransaction) {
        nextSeq = transaction.nextSeq
        lastHash = transaction.prev
        lastAt = transaction.at
        for hash in transaction.leafHashes { tree.append(hash) }
        pendingLines.append(contentsOf: transaction.lines)
    }

    private var isIdle: Bool {
        pendingWaiters.isEmpty && eventSyncs.isEmpty && awaitingCheckpoint.isEmpty && checkpointSyncs.isEmpty
    }

    /// Starts whatever the pipeline has room for: a batch of staged entries (stage 1: write and
    /// fdatasync `events.jsonl`) and a checkpoint for entries whose events are durable (stage 2:
    /// sign, append to `checkpoints.jsonl`, fdatasync, replace `checkpoint`).
    private func pump() {
        guard failure == nil else { return }
        if !pendingWaiters.isEmpty, eventSyncs.count < Self.syncsInFlight {
            let batch = BatchCommitter.Batch(lines: pendingLines, size: tree.size, root: tree.root)
            eventSyncs.append(Waiting(size: batch.size, root: batch.root, waiters: pendingWaiters))
            pendingLines = []
            pendingLines.reserveCapacity(batch.lines.count)
            pendingWaiters = []
            committer.writeEvents(batch) { result in
                Task { await self.eventsSynced(size: batch.size, result: result) }
            }
        }
        if !awaitingCheckpoint.isEmpty, checkpointSyncs.count < Self.syncsInFlight {
            let (size, root) = (durableSize, durableRoot)
            checkpointSyncs.append(Waiting(size: size, root: root, waiters: awaitingCheckpoint))
            awaitingCheckpoint = []
            committer.recordCheckpoint(size: size, root: root) { result in
                Task { await self.checkpointSynced(size: size, result: result) }
            }
        }
        if isIdle { resumeIdleWaiters() }
    }

    /// Stage 1 finished for the batch ending at `size`. Batches count as durable strictly in
    /// order: after a failed fdatasync a later one may report success without covering the
    /// lost pages, so nothing past a failure is ever acknowledged.
    private func eventsSynced(size: Int64, result: Result<Void, any Error>) {
        guard failure == nil else { return }
        if case .failure(let error) = result { return poison(error) }
        guard let index = eventSyncs.firstIndex(where: { $0.size == size }) else { return }
        eventSyncs[index].synced = true
        while let first = eventSyncs.first, first.synced {
            eventSyncs.removeFirst()
            durableSize = first.size
            durableRoot = first.root
            awaitingCheckpoint += first.waiters
        }
        pump()
    }

    /// Stage 2 finished for the checkpoint at `size`: acknowledge its callers, in order.
    private func checkpointSynced(size checkpointSize: Int64, result: Result<String, any Error>) {
        guard failure == nil else { return }
        let note: String
        switch result {
        case .failure(let error): return poison(error)
        case .success(let signed): note = signed
        }
        guard let index = checkpointSyncs.firstIndex(where: { $0.size == checkpointSize }) else { return }
        checkpointSyncs[index].synced = true
        checkpointSyncs[index].note = note
        while let first = checkpointSyncs.first, first.synced {
            checkpointSyncs.removeFirst()
            size = first.size
            latestCheckpointNote = first.note ?? latestCheckpointNote
            for waiter in first.waiters { waiter.resume() }
        }
        pump()
    }

    /// Records the first failure and fails every caller not yet acknowledged.
    private func poison(_ error: any Error) {
        if failure == nil {
            let cause = error as? LogStoreError
            let because = cause.map { "\($0.code): \($0.reason)" } ?? "\(error)"
            failure = LogStoreError(
                code: LogStoreError.poisonedCode,
                reason: "a batch could not be made durable (\(because)); reopen the store to recover",
                location: cause?.location
            )
        }
        let failure = self.failure!
        let waiting =
            pendingWaiters + eventSyncs.flatMap(\.waiters) + awaitingCheckpoint
            + checkpointSyncs.flatMap(\.waiters)
        pendingWaiters = []
        pendingLines = []
        eventSyncs = []
        awaitingCheckpoint = []
        checkpointSyncs = []
        for waiter in waiting { waiter.resume(throwing: failure) }
        resumeIdleWaiters()
    }

    private func resumeIdleWaiters() {
        let waiting = idleWaiters
        idleWaiters = []
        for waiter in waiting { waiter.resume() }
    }
}

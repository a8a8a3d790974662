import LogCrypto

/// The single writer of a log store, with group commit.
///
/// Many tasks may call ``append(_:)`` or ``transact(_:)`` concurrently. Each call's entries are
/// staged in log order on the actor; whatever arrives while one batch is being made durable
/// forms the next batch, which is written with one write and one fdatasync of `events.jsonl`,
/// then covered by a newly signed checkpoint (appended to `checkpoints.jsonl`, fdatasynced, and
/// renamed into `checkpoint`). Only then do that batch's callers resume: an acknowledged event is
/// never lost.
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

    // Events durable in events.jsonl (stage 1 done) and the callers waiting for a checkpoint.
    private var durableSize: Int64
    private var durableRoot: SHA256Digest
    private var awaitingCheckpoint: [CheckedContinuation<Void, any Error>] = []

    private var flushing = false
    private var checkpointing = false
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
            if !flushing {
                flushing = true
                Task { await self.flushPending() }
            }
        }
        return (result, transaction.entries)
    }

    /// Waits for pending batches, makes the `checkpoint` file durable, and releases the lock.
    /// Later calls fail with `store.closed`.
    public func close() async {
        guard !closed else { return }
        closed = true
        while flushing || checkpointing {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        if failure == nil { await committer.finish(latestNote: latestCheckpointNote) }
        lockFile = nil
    }

    private func checkUsable() throws {
        if let failure { throw failure }
        if closed {
            throw LogStoreError(code: LogStoreError.closedCode, reason: "the writer was closed", location: location.storePath)
        }
    }

    private func stage(_ transaction: LogTransaction) {
        nextSeq = transaction.nextSeq
        lastHash = transaction.prev
        lastAt = transaction.at
        for hash in transaction.leafHashes { tree.append(hash) }
        pendingLines.append(contentsOf: transaction.lines)
    }

    /// Stage 1 loop: writes staged entries to `events.jsonl` batch after batch until nothing is
    /// pending, handing each durable batch to the checkpoint loop. One instance at a time.
    private func flushPending() async {
        while failure == nil, !pendingWaiters.isEmpty {
            let batch = BatchCommitter.Batch(lines: pendingLines, size: tree.size, root: tree.root)
            let waiters = pendingWaiters
            pendingLines = []
            pendingLines.reserveCapacity(batch.lines.count)
            pendingWaiters = []
            do {
                try await committer.writeEvents(batch)
            } catch {
                poison(error, failing: waiters)
                break
            }
            durableSize = batch.size
            durableRoot = batch.root
            awaitingCheckpoint += waiters
            if !checkpointing {
                checkpointing = true
                Task { await self.checkpointDurableEvents() }
            }
        }
        flushing = false
        resumeIdleWaiters()
    }

    /// Stage 2 loop: signs and records one checkpoint for everything whose events are durable,
    /// then acknowledges all those callers; repeats while more became durable meanwhile.
    private func checkpointDurableEvents() async {
        while failure == nil, !awaitingCheckpoint.isEmpty {
            let waiters = awaitingCheckpoint
            let (checkpointSize, root) = (durableSize, durableRoot)
            awaitingCheckpoint = []
            do {
                latestCheckpointNote = try await committer.recordCheckpoint(size: checkpointSize, root: root)
                size = checkpointSize
                for waiter in waiters { waiter.resume() }
            } catch {
                poison(error, failing: waiters)
            }
        }
        checkpointing = false
        resumeIdleWaiters()
    }

    /// Records the first failure and fails `waiters` and everything pending with it.
    private func poison(_ error: any Error, failing waiters: [CheckedContinuation<Void, any Error>]) {
        if failure == nil {
            let cause = error as? LogStoreError
            failure = LogStoreError(
                code: LogStoreError.poisonedCode,
                reason: "a batch could not be made durable (\(cause.map { "\($0.code): \($0.reason)" } ?? "\(error)")); reopen the store to recover",
                location: cause?.location
            )
        }
        let failure = self.failure!
        for waiter in waiters { waiter.resume(throwing: failure) }
        for waiter in pendingWaiters + awaitingCheckpoint { waiter.resume(throwing: failure) }
        pendingWaiters = []
        awaitingCheckpoint = []
        pendingLines = []
    }

    private func resumeIdleWaiters() {
        guard !flushing, !checkpointing else { return }
        let waiting = idleWaiters
        idleWaiters = []
        for waiter in waiting { waiter.resume() }
    }
}

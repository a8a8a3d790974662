import LogCrypto
import Synchronization

/// The single writer of a log store, with group commit.
///
/// Many tasks may call ``append(_:)`` or ``transact(_:)`` concurrently. Each call's entries are
/// staged in log order on the actor; whatever arrives while earlier batches are being made
/// durable forms the next batch: its lines are appended to `events.jsonl`, a newly signed
/// checkpoint covering them to `checkpoints.jsonl`, and both files are fdatasynced at once.
/// Once both syncs succeeded (and every earlier batch is done) those callers resume: an
/// acknowledged event is never lost. The latest acknowledged checkpoint is then renamed into
/// `checkpoint` off the callers' path, at most every 25 ms, so a reader in another process may see
/// an older one for up to about 25 ms; ``reader`` sees every acknowledged entry.
/// Up to two batches are in flight, so the next batch is written while the previous one is
/// still being flushed. A crash between the two syncs can leave a durable checkpoint line whose
/// events were lost; no caller was told of them, and open() sets that checkpoint aside.
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

    /// A reader over this store whose acknowledged extent is this writer's latest
    /// acknowledgement: it sees every entry whose append has returned, even before the
    /// `checkpoint` file is replaced.
    public nonisolated var reader: LogReader {
        LogReader(store: location, acknowledged: committer.acknowledged)
    }

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

    /// The number of durable entries: those covered by the latest acknowledged checkpoint.
    public nonisolated var size: Int64 { committer.acknowledged.current?.checkpoint.size ?? 0 }
    /// The latest acknowledged checkpoint note (C2SP signed note text), covering ``size`` entries.
    public nonisolated var latestCheckpointNote: String { committer.acknowledged.current?.note ?? "" }

    /// The callers of one batch in flight, with the log size their entries reach.
    private struct Waiting {
        var size: Int64
        var waiters: BatchWaiters
        /// Whether the committer reported the batch durable.
        var done = false
    }

    // Batches written whose fdatasyncs are in flight, in log order.
    private var inFlight: [Waiting] = []
    /// How many batches may be in flight at once. Overlapping them lets the next batch start
    /// while the previous one is still being flushed.
    private static let batchesInFlight = 2

    private var failure: LogStoreError?
    private var closed = false
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    /// Durability barriers: callers waiting until the acknowledged checkpoint reaches a size.
    private var barriers: [(size: Int64, waiter: CheckedContinuation<Void, any Error>)] = []

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
        committer.acknowledged.acknowledge(state.latestNote)
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
    /// nothing is staged and the error is rethrown.
    ///
    /// A transaction that appends nothing is a durability barrier: it returns only once every
    /// entry staged before it is durable (events fdatasynced and a checkpoint covering them
    /// appended to `checkpoints.jsonl`, both fdatasynced, and acknowledged), as ``waitUntilDurable()``.
    /// So a caller that finds its request already in the log (an idempotent replay) and
    /// acknowledges it after this call never acknowledges an entry that a crash could still lose.
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
        guard !transaction.entries.isEmpty else {
            try await durable(upTo: tree.size)
            return (result, [])
        }
        stage(transaction)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            pendingWaiters.append(continuation)
            pump()
        }
        return (result, transaction.entries)
    }

    /// Returns once every entry staged before this call is durable and covered by the latest
    /// acknowledged checkpoint (``size`` reaches the staged size); at once if nothing is pending.
    ///
    /// Throws the writer's failure if it is or becomes poisoned, or `store.closed`.
    public func waitUntilDurable() async throws {
        try checkUsable()
        try await durable(upTo: tree.size)
    }

    /// Waits until the acknowledged checkpoint covers `target` entries.
    private func durable(upTo target: Int64) async throws {
        guard size < target else { return }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            barriers.append((target, continuation))
        }
    }

    /// Resumes the barriers the acknowledged checkpoint now covers.
    private func releaseBarriers() {
        guard !barriers.isEmpty else { return }
        let size = self.size
        let (ready, waiting) = (barriers.filter { $0.size <= size }, barriers.filter { $0.size > size })
        barriers = waiting
        for barrier in ready { barrier.waiter.resume() }
    }

    /// Waits for pending batches, makes the `checkpoint` file durable, and releases the lock.
    /// Later calls fail with `store.closed`.
    public func close() async {
        guard !closed else { return }
        closed = true
        while !isIdle {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
        if failure == nil { await committer.finish() }
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
        pendingWaiters.isEmpty && inFlight.isEmpty
    }

    /// Starts the next batch of staged entries if the pipeline has room: its lines and checkpoint
    /// are written and both files fdatasynced (`BatchCommitter`).
    private func pump() {
        guard failure == nil else { return }
        if !pendingWaiters.isEmpty, inFlight.count < Self.batchesInFlight {
            let batch = BatchCommitter.Batch(lines: pendingLines, tree: tree, lastHash: lastHash)
            let waiters = BatchWaiters(pendingWaiters)
            inFlight.append(Waiting(size: batch.size, waiters: waiters))
            pendingLines = []
            pendingLines.reserveCapacity(batch.lines.count)
            pendingWaiters = []
            committer.commit(batch) { result in
                // Durable: resume the callers from the syncing thread, without waiting for a turn
                // on the actor; a failure is the actor's to handle (it poisons the writer).
                if case .success = result { waiters.resume() }
                Task { await self.committed(size: batch.size, result: result) }
            }
        }
        if isIdle { resumeIdleWaiters() }
    }

    /// The batch ending at `size` is durable (its callers were resumed already), or failed.
    /// The committer reports batches in order and fails every batch after a failure, but the
    /// reports may reach the actor out of order, so batches leave `inFlight` strictly in log order.
    private func committed(size batchSize: Int64, result: Result<String, any Error>) {
        guard failure == nil else { return }
        if case .failure(let error) = result { return poison(error) }
        guard let index = inFlight.firstIndex(where: { $0.size == batchSize }) else { return }
        inFlight[index].done = true
        while let first = inFlight.first, first.done { inFlight.removeFirst() }
        releaseBarriers()
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
        let waiting = pendingWaiters + barriers.map(\.waiter)
        let batches = inFlight.map(\.waiters)
        barriers = []
        pendingWaiters = []
        pendingLines = []
        inFlight = []
        for waiter in waiting { waiter.resume(throwing: failure) }
        // A batch reported durable keeps its acknowledgement; the others fail.
        for waiters in batches { waiters.fail(failure) }
        resumeIdleWaiters()
    }

    private func resumeIdleWaiters() {
        let waiting = idleWaiters
        idleWaiters = []
        for waiter in waiting { waiter.resume() }
    }
}

/// The callers of one batch: resumed once, by whichever comes first - the committer's thread
/// when the batch is durable, or the actor failing it.
private final class BatchWaiters: Sendable {
    private let waiters: Mutex<[CheckedContinuation<Void, any Error>]>

    init(_ waiters: [CheckedContinuation<Void, any Error>]) { self.waiters = Mutex(waiters) }

    /// Acknowledges the callers, unless they were resumed already.
    func resume() {
        for waiter in take() { waiter.resume() }
    }

    /// Fails the callers, unless they were resumed already.
    func fail(_ error: any Error) {
        for waiter in take() { waiter.resume(throwing: error) }
    }

    private func take() -> [CheckedContinuation<Void, any Error>] {
        waiters.withLock { waiters in
            defer { waiters = [] }
            return waiters
        }
    }
}

import Dispatch
import LogCrypto

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The writer's I/O side: makes batches durable and signs the checkpoints that cover them.
///
/// Per batch, on the writer actor, which orders the writes: append the batch's lines to
/// `events.jsonl`, sign the checkpoint for the tree they complete, append it to
/// `checkpoints.jsonl`; fdatasync both files at once on a concurrent queue (two concurrent
/// fdatasyncs cost less than two in a row: on the benchmark's ext4 disk about 1.7 times one).
/// Once both syncs succeeded, and every earlier batch finished, the batch is
/// reported done (acknowledged). The next batch is written while earlier ones are still being
/// flushed.
///
/// Publishing follows the acknowledgement, off its path: `checkpoint` is replaced by rename and
/// the writer's memory updated on a serial queue, with the latest acknowledged checkpoint, at
/// most once per `publishInterval` (batches acknowledged meanwhile are published together, by
/// their last checkpoint). Each replacement is a temporary file and a rename, which cost about as
/// much as an fdatasync on a fast disk, so keeping them out of the acknowledgement halves its
/// latency. A
/// published file therefore never claims entries that are not durable, but may trail the latest
/// acknowledgement for the moment a replacement takes; readers in this process take the extent
/// from `acknowledged` instead. If a replacement fails, the committer stops as after a failed
/// write.
///
/// Batches finish strictly in the order they were written: after a failed write or fdatasync
/// (a later fdatasync may then succeed without covering the lost pages) the committer stops
/// writing, and that batch and every later one fail - none is published or reported durable.
///
/// A crash can leave a durable checkpoint line whose events did not survive (the two syncs race);
/// open() recovers to the latest checkpoint whose entries are all present (`StoreOpening`).
final class BatchCommitter: @unchecked Sendable {
    // Safety: `eventsEnd`, `historyEnd`, `nextTicket` and writes to both files happen only in
    // `commit`, which the writer actor calls (one at a time); `finished`, `nextToFinish`, `toPublish`, `publishing` and `stopped` only under
    // `lock`; `publishedSize` and the checkpoint and memory files only on `publishQueue`.
    // create/open use the files before the committer is shared.
    private let publishQueue = DispatchQueue(label: "EventLog.LogWriter.publish", qos: .userInitiated)
    private let syncQueue = DispatchQueue(
        label: "EventLog.LogWriter.sync", qos: .userInitiated, attributes: .concurrent)
    private let lock = Lock()
    private let location: StoreLocation
    private let origin: String
    private let signer: NoteSigner
    private let events: POSIXFile
    private let history: POSIXFile
    private var eventsEnd: Int64
    private var historyEnd: Int64
    private var nextTicket = 0
    private var nextToFinish = 0
    private var finished: [Int: Outcome] = [:]
    /// The latest acknowledged checkpoint, for readers in this process.
    let acknowledged = AcknowledgedCheckpoint()
    /// The latest acknowledged checkpoint not yet published, and whether a publication is running.
    private var toPublish: CheckpointMemory?
    private var publishing = false
    /// When the last publication ended; the next starts no sooner than `publishInterval` after.
    private var lastPublished = DispatchTime(uptimeNanoseconds: 0)
    /// At most one publication per interval: a replacement costs about an fdatasync's worth of
    /// journal work, which would otherwise compete with every batch's syncs.
    static let publishInterval = DispatchTimeInterval.milliseconds(25)
    /// The latest checkpoint acknowledged (or published at create/open), for close().
    private var latestMemory: CheckpointMemory?
    private var publishedSize: Int64 = 0
    private var stopped = false
    /// Where fdatasyncs go (a recorder in tests).
    private let fileSync = FileSyncSeam.current

    /// One batch: the encoded lines and the tree they complete.
    struct Batch: Sendable {
        /// The lines, each ending in "\n", in seq order.
        var lines: [UInt8]
        /// The Merkle tree over the log after this batch.
        var tree: MerkleAccumulator
        /// The hash of the batch's last entry.
        var lastHash: SHA256Digest
        /// The log size (entry count) after this batch.
        var size: Int64 { tree.size }
    }

    /// A batch whose I/O is over, waiting for the batches before it.
    private struct Outcome {
        var result: Result<CheckpointMemory, any Error>
        var size: Int64
        var completion: @Sendable (Result<String, any Error>) -> Void
    }

    /// `published` is the checkpoint the store's files (and the writer's memory) hold already.
    init(
        location: StoreLocation, origin: String, signer: NoteSigner,
        events: POSIXFile, eventsEnd: Int64, history: POSIXFile, historyEnd: Int64,
        published: CheckpointMemory?
    ) {
        self.location = location
        self.origin = origin
        self.signer = signer
        self.events = events
        self.eventsEnd = eventsEnd
        self.history = history
        self.historyEnd = historyEnd
        self.latestMemory = published
    }

    /// Writes the batch's lines and its checkpoint, fdatasyncs both files concurrently, and once
    /// this and every earlier batch are durable calls `completion` with the signed note - in the
    /// order batches were committed - then publishes the checkpoint.
    ///
    /// Called by the writer actor, which orders the batches: the writes happen on the caller's
    /// thread (a few microseconds of page-cache writes and one signature), so that no thread has
    /// to be woken before them; the fdatasyncs run on `syncQueue`. The events' fdatasync starts as
    /// soon as their lines are written, overlapping the signing of the checkpoint. The sync that
    /// ends last finishes the batch on its own thread.
    func commit(_ batch: Batch, completion: @escaping @Sendable (Result<String, any Error>) -> Void) {
        let ticket = nextTicket
        nextTicket += 1
        let syncs = PendingSyncs { result in
            self.finish(ticket, Outcome(result: result, size: batch.size, completion: completion))
        }
        do {
            try checkRunning()
            try writeEvents(batch)
        } catch {
            return syncs.fail(error)
        }
        syncQueue.async { syncs.eventsSynced(Result { try self.fileSync.syncData(self.events) }) }
        let memory: CheckpointMemory
        do {
            memory = try writeCheckpoint(batch)
        } catch {
            return syncs.checkpointSynced(.failure(error))
        }
        syncQueue.async {
            syncs.checkpointSynced(Result { try self.fileSync.syncData(self.history) }.map { memory })
        }
    }

    /// The batch's lines, appended to `events.jsonl` (from `commit`, or before the committer is
    /// shared).
    private func writeEvents(_ batch: Batch) throws {
        try events.write(batch.lines, at: eventsEnd)
        eventsEnd += Int64(batch.lines.count)
    }

    /// The signed checkpoint for the batch, appended to `checkpoints.jsonl`, after `writeEvents`.
    private func writeCheckpoint(_ batch: Batch) throws -> CheckpointMemory {
        let checkpoint = Checkpoint(origin: origin, size: batch.size, rootHash: batch.tree.root)
        let note = signer.sign(body: checkpoint.body)
        let line = CheckpointFiles.historyLine(note: note)
        try history.write(line, at: historyEnd)
        historyEnd += Int64(line.count)
        return CheckpointMemory(
            note: note,
            resume: CheckpointMemory.ResumePoint(
                note: note, eventsBytes: eventsEnd, checkpointsBytes: historyEnd, lastHash: batch.lastHash,
                peaks: batch.tree.peaks),
            checkpoint: checkpoint)
    }

    /// Records the outcome of batch `ticket` and finishes, in order, every batch whose
    /// predecessors are done: acknowledges it unless the committer stopped, reports it, then
    /// publishes the latest acknowledged checkpoint.
    private func finish(_ ticket: Int, _ outcome: Outcome) {
        let (ready, publishAt): ([(Outcome, Result<String, any Error>)], DispatchTime?) = lock.withLock {
            finished[ticket] = outcome
            var ready: [(Outcome, Result<String, any Error>)] = []
            while let next = finished.removeValue(forKey: nextToFinish) {
                nextToFinish += 1
                ready.append((next, finishLocked(next)))
            }
            guard toPublish != nil, !publishing else { return (ready, nil) }
            publishing = true
            return (ready, lastPublished + Self.publishInterval)
        }
        for (outcome, result) in ready { outcome.completion(result) }
        if let publishAt { publishQueue.asyncAfter(deadline: publishAt) { self.publishAcknowledged() } }
    }

    /// One batch's end, under `lock`: a failure stops the committer; a success after a stop fails.
    private func finishLocked(_ outcome: Outcome) -> Result<String, any Error> {
        do {
            let memory = try outcome.result.get()
            guard !stopped else { throw stoppedError }
            acknowledge(memory)
            latestMemory = memory
            toPublish = memory
            return .success(memory.note)
        } catch {
            stopped = true
            return .failure(error)
        }
    }

    /// Publishes acknowledged checkpoints until none is waiting (on `publishQueue`); a failure
    /// stops the committer, so no later batch is acknowledged.
    private func publishAcknowledged() {
        while true {
            let next: CheckpointMemory? = lock.withLock {
                let next = stopped ? nil : toPublish
                toPublish = nil
                if next == nil { publishing = false }
                return next
            }
            guard let next else { return }
            do {
                try publish(next, durable: false)
                lock.withLock { lastPublished = .now() }
            } catch {
                lock.withLock { stopped = true }
            }
        }
    }

    /// The batch on the calling thread, with durable files; for create, before the committer is
    /// shared.
    func commitNow(_ batch: Batch) throws -> String {
        try writeEvents(batch)
        let memory = try writeCheckpoint(batch)
        try fileSync.syncData(events)
        try fileSync.syncData(history)
        try publish(memory, durable: true)
        lock.withLock { latestMemory = memory }
        acknowledge(memory)
        return memory.note
    }

    /// Makes the latest `checkpoint` file and memory durable; called by close() once nothing is in
    /// flight, after the publications already queued.
    func finish() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            publishQueue.async {
                // A publication still waiting for its turn finds nothing left to do.
                let (stopped, latest) = self.lock.withLock {
                    self.toPublish = nil
                    return (self.stopped, self.latestMemory)
                }
                if !stopped, let latest {
                    self.publishedSize = 0  // rewrite it durably even if already published
                    try? self.publish(latest, durable: true)
                }
                continuation.resume()
            }
        }
    }

    private func acknowledge(_ memory: CheckpointMemory) {
        guard let checkpoint = memory.checkpoint else { preconditionFailure("the writer signed a note that is not a checkpoint") }
        acknowledged.acknowledge(memory.note, checkpoint: checkpoint)
    }

    /// Replaces `checkpoint` and the memory unless a checkpoint at least as large is already
    /// there (on `publishQueue`, or before the committer is shared).
    private func publish(_ memory: CheckpointMemory, durable: Bool) throws {
        let size = memory.size
        guard size > publishedSize else { return }
        try CheckpointFiles.replaceCheckpoint(note: memory.note, in: location, durable: durable)
        try memory.record(in: location, durable: durable)
        publishedSize = size
        fileSync.published(size: size)
    }

    private var stoppedError: LogStoreError {
        LogStoreError(
            code: LogStoreError.ioCode, reason: "an earlier write or fdatasync failed", location: location.storePath)
    }

    private func checkRunning() throws {
        if lock.withLock({ stopped }) { throw stoppedError }
    }
}

/// A batch's two concurrent fdatasyncs: calls `done` once, when both ended (or the batch failed
/// before any sync started), with the checkpoint or the first error.
private final class PendingSyncs: @unchecked Sendable {
    // Safety: `events` and `checkpoint` only under `lock`.
    private let lock = Lock()
    private let done: @Sendable (Result<CheckpointMemory, any Error>) -> Void
    private var events: Result<Void, any Error>?
    private var checkpoint: Result<CheckpointMemory, any Error>?

    init(done: @escaping @Sendable (Result<CheckpointMemory, any Error>) -> Void) { self.done = done }

    /// The batch failed before either sync started.
    func fail(_ error: any Error) { done(.failure(error)) }

    func eventsSynced(_ result: Result<Void, any Error>) { end { $0.events = result } }

    func checkpointSynced(_ result: Result<CheckpointMemory, any Error>) { end { $0.checkpoint = result } }

    private func end(_ record: (PendingSyncs) -> Void) {
        let outcome: Result<CheckpointMemory, any Error>? = lock.withLock {
            record(self)
            guard let events, let checkpoint else { return nil }
            if case .failure(let error) = events { return .failure(error) }
            return checkpoint
        }
        if let outcome { done(outcome) }
    }
}

/// A pthread mutex (Foundation-free), for the little state the committer's queues share.
final class Lock: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)

    init() { pthread_mutex_init(mutex, nil) }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<R>(_ body: () throws -> R) rethrows -> R {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}

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
/// Per batch, on one serial queue that orders the writes: append the batch's lines to
/// `events.jsonl`, sign the checkpoint for the tree they complete, append it to
/// `checkpoints.jsonl`; then fdatasync both files at once on a concurrent queue (the file
/// system commits both in one journal transaction, so a batch costs about one sync, not two
/// dependent ones). Once both syncs succeeded, and every earlier batch finished, `checkpoint` is
/// replaced by rename and the writer's memory updated; only then is the batch reported done.
/// The next batch is written while earlier ones are still being flushed.
///
/// Batches finish strictly in the order they were written: after a failed write or fdatasync
/// (a later fdatasync may then succeed without covering the lost pages) the committer stops
/// writing, and that batch and every later one fail - none is published or reported durable.
///
/// A crash can leave a durable checkpoint line whose events did not survive (the two syncs race);
/// open() recovers to the latest checkpoint whose entries are all present (`StoreOpening`).
final class BatchCommitter: @unchecked Sendable {
    // Safety: `eventsEnd`, `historyEnd`, `nextTicket` and writes to both files happen only on
    // `writeQueue`; `finished`, `nextToFinish`, `published`, `publishedSize`, `stopped` and the
    // checkpoint and memory files only under `lock`. create/open use the files before the
    // committer is shared.
    private let writeQueue = DispatchQueue(label: "EventLog.LogWriter.write", qos: .userInitiated)
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
    private var published: CheckpointMemory?
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
        self.published = published
    }

    /// Writes the batch's lines and its checkpoint, fdatasyncs both files concurrently, publishes
    /// the checkpoint once this and every earlier batch are durable, and calls `completion` with
    /// the signed note - in the order batches were committed.
    func commit(_ batch: Batch, completion: @escaping @Sendable (Result<String, any Error>) -> Void) {
        writeQueue.async {
            let ticket = self.nextTicket
            self.nextTicket += 1
            let memory: CheckpointMemory
            do {
                try self.checkRunning()
                memory = try self.write(batch)
            } catch {
                return self.finish(ticket, Outcome(result: .failure(error), size: batch.size, completion: completion))
            }
            let group = DispatchGroup()
            let errors = SyncErrors()
            for file in [self.events, self.history] {
                self.syncQueue.async(group: group) {
                    do { try self.fileSync.syncData(file) } catch { errors.record(error) }
                }
            }
            group.notify(queue: self.syncQueue) {
                let result: Result<CheckpointMemory, any Error> = errors.first.map { .failure($0) } ?? .success(memory)
                self.finish(ticket, Outcome(result: result, size: batch.size, completion: completion))
            }
        }
    }

    /// Both files' writes for `batch` (on `writeQueue`, or before the committer is shared).
    private func write(_ batch: Batch) throws -> CheckpointMemory {
        try events.write(batch.lines, at: eventsEnd)
        eventsEnd += Int64(batch.lines.count)
        let note = sign(size: batch.size, root: batch.tree.root)
        let line = CheckpointFiles.historyLine(note: note)
        try history.write(line, at: historyEnd)
        historyEnd += Int64(line.count)
        return CheckpointMemory(
            note: note,
            resume: CheckpointMemory.ResumePoint(
                note: note, eventsBytes: eventsEnd, checkpointsBytes: historyEnd, lastHash: batch.lastHash,
                peaks: batch.tree.peaks))
    }

    /// Records the outcome of batch `ticket` and finishes, in order, every batch whose
    /// predecessors are done: publishes it unless the committer stopped, then reports it.
    private func finish(_ ticket: Int, _ outcome: Outcome) {
        let ready: [(Outcome, Result<String, any Error>)] = lock.withLock {
            finished[ticket] = outcome
            var ready: [(Outcome, Result<String, any Error>)] = []
            while let next = finished.removeValue(forKey: nextToFinish) {
                nextToFinish += 1
                ready.append((next, finishLocked(next)))
            }
            return ready
        }
        for (outcome, result) in ready { outcome.completion(result) }
    }

    /// One batch's end, under `lock`: a failure stops the committer; a success after a stop fails.
    private func finishLocked(_ outcome: Outcome) -> Result<String, any Error> {
        do {
            let memory = try outcome.result.get()
            guard !stopped else { throw stoppedError }
            try publishLocked(memory, size: outcome.size, durable: false)
            return .success(memory.note)
        } catch {
            stopped = true
            return .failure(error)
        }
    }

    /// The batch on the calling thread, with durable files; for create, before the committer is
    /// shared.
    func commitNow(_ batch: Batch) throws -> String {
        let memory = try write(batch)
        try fileSync.syncData(events)
        try fileSync.syncData(history)
        try lock.withLock { try publishLocked(memory, size: batch.size, durable: true) }
        return memory.note
    }

    /// Makes the latest `checkpoint` file and memory durable; called by close() once nothing is in
    /// flight.
    func finish() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writeQueue.async {
                self.lock.withLock {
                    if !self.stopped, let published = self.published {
                        try? CheckpointFiles.replaceCheckpoint(note: published.note, in: self.location, durable: true)
                        try? published.record(in: self.location, durable: true)
                    }
                }
                continuation.resume()
            }
        }
    }

    private func sign(size: Int64, root: SHA256Digest) -> String {
        signer.sign(body: Checkpoint(origin: origin, size: size, rootHash: root).body)
    }

    /// Replaces `checkpoint` and the memory unless a checkpoint at least as large is already there.
    private func publishLocked(_ memory: CheckpointMemory, size: Int64, durable: Bool) throws {
        guard size > publishedSize else { return }
        try CheckpointFiles.replaceCheckpoint(note: memory.note, in: location, durable: durable)
        try memory.record(in: location, durable: durable)
        published = memory
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

/// The first error of a batch's concurrent fdatasyncs.
private final class SyncErrors: @unchecked Sendable {
    // Safety: `error` only under `lock`.
    private let lock = Lock()
    private var error: (any Error)?

    func record(_ error: any Error) { lock.withLock { if self.error == nil { self.error = error } } }

    var first: (any Error)? { lock.withLock { error } }
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
